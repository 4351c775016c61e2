using System.Diagnostics;
using System.Globalization;
using FoiTracker.Benchmarks.Harness;

namespace FoiTracker.Benchmarks.Statistics;

/// <param name="FirstByteMilliseconds">From sending the request to the first byte of the body read.</param>
/// <param name="TotalMilliseconds">From sending the request to the last byte read.</param>
/// <param name="Lines">Line ends in the body: the header and one per row.</param>
/// <param name="ServiceResidentAtStartBytes">The service process's resident memory when the request was sent.</param>
/// <param name="ServicePeakResidentBytes">The service process's peak resident memory while it answered.</param>
public sealed record StreamFigures(
    double FirstByteMilliseconds, double TotalMilliseconds, long Bytes, long Lines, long ServiceResidentAtStartBytes, long ServicePeakResidentBytes);

/// <summary>Timed GETs: one whole response, or a long body streamed and counted without being kept.</summary>
public static class HttpTimings
{
    /// <summary>The value below which <paramref name="share"/> of the samples fall (nearest rank).</summary>
    public static double Percentile(IReadOnlyCollection<double> samples, double share)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var sorted = samples.Order().ToList();
        return sorted[Math.Clamp((int)Math.Ceiling(share * sorted.Count) - 1, 0, sorted.Count - 1)];
    }

    public static async Task<double> GetMillisecondsAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseContentRead, cancellationToken);
        await EnsureSuccessAsync(response, path, cancellationToken);
        return clock.Elapsed.TotalMilliseconds;
    }

    /// <summary>
    /// Streams <paramref name="path"/>'s body, counting it without keeping it, while watching the memory of the
    /// process <paramref name="serviceProcessId"/> that answers.
    /// </summary>
    public static async Task<StreamFigures> StreamAsync(HttpClient client, string path, int serviceProcessId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var atStart = ProcessMemory.Read(serviceProcessId).Resident;
        using var memory = PeakMemory.Start(serviceProcessId);
        var clock = Stopwatch.StartNew();
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await EnsureSuccessAsync(response, path, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[64 * 1024];
        double? firstByte = null;
        long bytes = 0;
        long lines = 0;
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            firstByte ??= clock.Elapsed.TotalMilliseconds;
            bytes += read;
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        var total = clock.Elapsed.TotalMilliseconds;
        return new StreamFigures(firstByte ?? total, total, bytes, lines, atStart, await memory.StopAsync());
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, string path, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
            return;
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
            $"GET {path} answered {(int)response.StatusCode}{(response.StatusCode == System.Net.HttpStatusCode.NotFound ? " (is the statistics API in this build?)" : "")}: {text[..Math.Min(text.Length, 500)]}"));
    }

    /// <summary>
    /// A process's peak resident memory over a span: on Linux the kernel's high-water mark (VmHWM), reset at
    /// the start; as a floor, and where the mark cannot be reset, its resident memory sampled every 5 ms.
    /// </summary>
    private sealed class PeakMemory : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly int _processId;
        private readonly bool _kernelMark;
        private Task<long>? _sampling;

        private PeakMemory(int processId, bool kernelMark)
        {
            _processId = processId;
            _kernelMark = kernelMark;
        }

        public static PeakMemory Start(int processId)
        {
            var memory = new PeakMemory(processId, ProcessMemory.TryResetPeak(processId));
            memory._sampling = memory.SampleAsync();
            return memory;
        }

        public async Task<long> StopAsync()
        {
            await _stop.CancelAsync();
            var sampled = await _sampling!;
            return _kernelMark ? Math.Max(ProcessMemory.Read(_processId).Peak, sampled) : sampled;
        }

        public void Dispose() => _stop.Dispose();

        private async Task<long> SampleAsync()
        {
            long resident = 0;
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
            try
            {
                do
                    resident = Math.Max(resident, ProcessMemory.Read(_processId).Resident);
                while (await timer.WaitForNextTickAsync(_stop.Token));
            }
            catch (OperationCanceledException)
            {
                // Stopped: the figure so far is the answer.
            }

            return resident;
        }
    }
}

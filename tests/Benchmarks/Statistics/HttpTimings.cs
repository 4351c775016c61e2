using System.Diagnostics;
using System.Globalization;

namespace FoiTracker.Benchmarks.Statistics;

/// <param name="FirstByteMilliseconds">From sending the request to the first byte of the body read.</param>
/// <param name="TotalMilliseconds">From sending the request to the last byte read.</param>
/// <param name="Lines">Line ends in the body: the header and one per row.</param>
/// <param name="PeakResidentBytes">The process's peak resident memory while streaming.</param>
/// <param name="PeakManagedBytes">The largest managed heap seen while streaming (sampled).</param>
/// <param name="StartResidentBytes">
/// The process's resident memory when the request was sent: the benchmark's own process hosts the service
/// after importing the data, so what streaming adds is the peak less this.
/// </param>
public sealed record StreamFigures(
    double FirstByteMilliseconds, double TotalMilliseconds, long Bytes, long Lines, long PeakResidentBytes, long PeakManagedBytes, long StartResidentBytes);

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

    public static async Task<StreamFigures> StreamAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        long startResident;
        using (var process = Process.GetCurrentProcess())
            startResident = process.WorkingSet64;
        using var memory = PeakMemory.Start();
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
        var (resident, managed) = await memory.StopAsync();
        return new StreamFigures(firstByte ?? total, total, bytes, lines, resident, managed, startResident);
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
    /// The process's peak resident memory over a span: on Linux the kernel's high-water mark (VmHWM), reset
    /// at the start through /proc/self/clear_refs; elsewhere, and as a floor, the working set sampled every 5 ms.
    /// </summary>
    private sealed class PeakMemory : IDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly bool _kernelMark;
        private Task<(long Resident, long Managed)>? _sampling;

        private PeakMemory(bool kernelMark)
        {
            _kernelMark = kernelMark;
        }

        public static PeakMemory Start()
        {
            var kernelMark = TryResetHighWaterMark();
            var memory = new PeakMemory(kernelMark);
            memory._sampling = memory.SampleAsync();
            return memory;
        }

        public async Task<(long Resident, long Managed)> StopAsync()
        {
            await _stop.CancelAsync();
            var (sampled, managed) = await _sampling!;
            var resident = _kernelMark && ReadHighWaterMark() is { } mark ? Math.Max(mark, sampled) : sampled;
            return (resident, managed);
        }

        public void Dispose() => _stop.Dispose();

        private async Task<(long, long)> SampleAsync()
        {
            long resident = 0;
            long managed = 0;
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(5));
            try
            {
                do
                {
                    using var process = Process.GetCurrentProcess();
                    resident = Math.Max(resident, process.WorkingSet64);
                    managed = Math.Max(managed, GC.GetTotalMemory(forceFullCollection: false));
                }
                while (await timer.WaitForNextTickAsync(_stop.Token));
            }
            catch (OperationCanceledException)
            {
                // Stopped: the figures so far are the answer.
            }

            return (resident, managed);
        }

        private static bool TryResetHighWaterMark()
        {
            try
            {
                // "5" resets the peak resident set size of this process (Linux 4.0+).
                File.WriteAllText("/proc/self/clear_refs", "5");
                return ReadHighWaterMark() is not null;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or DirectoryNotFoundException)
            {
                return false;
            }
        }

        private static long? ReadHighWaterMark()
        {
            // "VmHWM:    123456 kB"
            var line = File.ReadLines("/proc/self/status").FirstOrDefault(text => text.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? null : long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        }
    }
}

using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace FoiTracker.Tests.Support;

/// <summary>
/// The built service running as its own process (see <see cref="ServiceProcess"/>): started, and
/// ready once it prints the line that says where it listens, on the port the system picked.
/// Disposing stops it.
/// </summary>
internal sealed partial class RunningService : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private RunningService(Process process) => _process = process;

    /// <summary>The service's address, ending in a slash (http://127.0.0.1:PORT/).</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>What the service printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Starts the service as <paramref name="start"/> describes and waits until it says it is ready.</summary>
    public static async Task<RunningService> StartAsync(ProcessStartInfo start)
    {
        var service = new RunningService(new Process { StartInfo = start, EnableRaisingEvents = true });
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        service._process.OutputDataReceived += (_, line) => service.Read(line.Data, ready);
        service._process.ErrorDataReceived += (_, line) => service.Read(line.Data, ready);
        service._process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"The service stopped before it was ready:\n{service.Output}"));
        service._process.Start();
        service._process.BeginOutputReadLine();
        service._process.BeginErrorReadLine();
        try
        {
            service.Address = await ready.Task.WaitAsync(StartTimeout);
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }

        return service;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Read(string? line, TaskCompletionSource<Uri> ready)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
        if (Banner().Match(line) is { Success: true } match)
            ready.TrySetResult(new Uri(match.Groups["url"].Value.TrimEnd('/') + "/"));
    }

    [GeneratedRegex(@"FoiTracker is running: open (?<url>http://\S+)")]
    private static partial Regex Banner();
}

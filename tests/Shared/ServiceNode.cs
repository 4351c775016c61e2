using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
namespace FoiTracker.Tests.Support;

/// <summary>
/// The built service as its own process (see <see cref="ServiceProcess"/>), with the given settings
/// as environment variables the way an operator sets them (<c>Section:Key</c> becomes
/// <c>Section__Key</c>), read as ready from the line it prints with its address, and stopped the
/// hard way: SIGKILL, no shutdown code runs.
/// </summary>
public sealed partial class ServiceNode : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private bool _disposed;

    private ServiceNode(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int ProcessId => _process.Id;

    /// <summary>The node's address, ending in a slash (http://127.0.0.1:PORT/).</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>What the node printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public static async Task<ServiceNode> StartAsync(string name, string workingDirectory, IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        var start = ServiceProcess.StartInfo(workingDirectory);
        foreach (var (key, value) in settings)
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);

        var node = new ServiceNode(name, new Process { StartInfo = start, EnableRaisingEvents = true });
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        node._process.OutputDataReceived += (_, line) => node.Read(line.Data, ready);
        node._process.ErrorDataReceived += (_, line) => node.Read(line.Data, ready);
        node._process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"Node {name} stopped before it was ready:\n{node.Output}"));
        node._process.Start();
        node._process.BeginOutputReadLine();
        node._process.BeginErrorReadLine();
        try
        {
            node.Address = await ready.Task.WaitAsync(StartTimeout);
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }

        return node;
    }

    /// <summary>SIGKILL: the process ends where it stands, mid-transaction or mid-conversation.</summary>
    public async Task KillAsync()
    {
        if (_disposed)
            return;
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _disposed = true;
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

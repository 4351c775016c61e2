using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using FoiTracker.Benchmarks.BulkLoad;
using FoiTracker.Benchmarks.Harness;
using FoiTracker.Infrastructure.Persistence;

namespace FoiTracker.Benchmarks.Load;

/// <summary>
/// The service built beside the benchmark (FoiTracker.Web.dll, this build's configuration) started as
/// its own process, as an operator starts it, on a scratch database and a port the system picks, read
/// back from the line it prints when it is ready. Its output is read (and kept short) so a full pipe
/// never stalls it.
/// </summary>
public sealed partial class ServiceProcessUnderLoad : IAsyncDisposable
{
    public const string AdminEmail = "admin@load.foitracker.example.ge";
    public const string AdminPassword = "Load-first-password-1";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();

    private ServiceProcessUnderLoad(Process process)
    {
        _process = process;
    }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public Uri Address { get; private set; } = null!;

    public int ProcessId => _process.Id;

    public static async Task<ServiceProcessUnderLoad> StartAsync(
        ScratchDatabase database, string seedsDirectory, IReadOnlyList<string> extraArguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var dll = Path.Combine(AppContext.BaseDirectory, "FoiTracker.Web.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"The service is not built beside the benchmark ({dll}).");
        var start = new ProcessStartInfo(DotnetHost())
        {
            WorkingDirectory = database.DataDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        // Its settings file (appsettings.json) lies beside it, as in a published service: without this
        // the content root is the working directory and the service logged every request.
        start.ArgumentList.Add("--contentRoot=" + AppContext.BaseDirectory);
        foreach (var argument in extraArguments)
            start.ArgumentList.Add(argument);
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Data__Directory"] = database.DataDirectory;
        start.Environment["Seeds__Directory"] = seedsDirectory;
        start.Environment["Database__Provider"] = database.Provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres";
        if (database.ConnectionString is { } connectionString)
            start.Environment["ConnectionStrings__Default"] = connectionString;
        start.Environment["FOI_ADMIN_EMAIL"] = AdminEmail;
        start.Environment["FOI_ADMIN_PASSWORD"] = AdminPassword;

        var service = new ServiceProcessUnderLoad(new Process { StartInfo = start, EnableRaisingEvents = true });
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        service._process.OutputDataReceived += (_, line) => service.Read(line.Data, ready);
        service._process.ErrorDataReceived += (_, line) => service.Read(line.Data, ready);
        service._process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"The service stopped before it was ready:\n{service.LastLines()}"));
        service._process.Start();
        service._process.BeginOutputReadLine();
        service._process.BeginErrorReadLine();
        try
        {
            service.Address = await ready.Task.WaitAsync(StartTimeout, cancellationToken);
        }
        catch
        {
            await service.DisposeAsync();
            throw;
        }

        return service;
    }

    /// <summary>The service's resident memory now (VmRSS) and its peak (VmHWM), in bytes; zeros where /proc is not there.</summary>
    public (long Resident, long Peak) Memory() => ProcessMemory.Read(_process.Id);

    /// <summary>The CPU time the service's process has used so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    public string LastLines()
    {
        lock (_lastLines)
            return string.Join(Environment.NewLine, _lastLines);
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

    private static string DotnetHost()
    {
        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }

    private void Read(string? line, TaskCompletionSource<Uri> ready)
    {
        if (line is null)
            return;
        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > 40)
                _lastLines.Dequeue();
        }

        if (Banner().Match(line) is { Success: true } match)
            ready.TrySetResult(new Uri(match.Groups["url"].Value.TrimEnd('/') + "/"));
    }

    [GeneratedRegex(@"FoiTracker is running: open (?<url>http://\S+)")]
    private static partial Regex Banner();
}

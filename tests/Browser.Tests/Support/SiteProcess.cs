using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using FoiTracker.Tests.Support;

namespace FoiTracker.Browser.Tests.Support;

/// <summary>
/// The built service started as its own process, the way an operator starts it: its embedded
/// default (SQLite, mail to a pickup folder), the repository's seeds plus the test city hall, a
/// first administrator from the environment, on a port the system picks — read back from the line
/// the service prints when it is ready.
/// </summary>
public sealed partial class SiteProcess : IAsyncDisposable
{
    public const string AdminEmail = "admin@foitracker.example.ge";
    public const string AdminPassword = "Browser-admin-password-1";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private SiteProcess(Process process, string directory)
    {
        _process = process;
        Directory = directory;
    }

    /// <summary>The site's address, ending in a slash (http://127.0.0.1:PORT/).</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The service's working folder; its data (database, mail pickup) is in <c>data</c>.</summary>
    public string Directory { get; }

    /// <summary>What the service printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    public static async Task<SiteProcess> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"foi-browser-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(directory);
        var start = ServiceProcess.StartInfo(directory);
        // Development makes the service read its styles and scripts through the build's static web assets
        // manifest (beside the tests), since it runs from the build output, not from a published folder.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Seeds__Directory"] = TestSeeds.Directory;
        start.Environment["FOI_ADMIN_EMAIL"] = AdminEmail;
        start.Environment["FOI_ADMIN_PASSWORD"] = AdminPassword;
        // The journeys read statistics right after changing a request: nothing is kept between answers
        // here (keeping them for a while is tested in the Web suite).
        start.Environment["Statistics__CacheSeconds"] = "0";

        var site = new SiteProcess(new Process { StartInfo = start, EnableRaisingEvents = true }, directory);
        var ready = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        site._process.OutputDataReceived += (_, line) => site.Read(line.Data, ready);
        site._process.ErrorDataReceived += (_, line) => site.Read(line.Data, ready);
        site._process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"The service stopped before it was ready:\n{site.Output}"));
        site._process.Start();
        site._process.BeginOutputReadLine();
        site._process.BeginErrorReadLine();
        try
        {
            site.Address = await ready.Task.WaitAsync(StartTimeout);
        }
        catch
        {
            await site.DisposeAsync();
            throw;
        }

        return site;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the stopped process: the temporary folder is left to the system.
        }
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

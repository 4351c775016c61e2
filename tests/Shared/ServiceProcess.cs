using System.Diagnostics;

namespace FoiTracker.Tests.Support;

/// <summary>
/// How to start the built service (FoiTracker.Web.dll, copied beside the tests by the
/// ProjectReference) as its own process, the way an operator would: with the dotnet that runs the
/// tests, on a port the system picks, its data in <c>{workingDirectory}/data</c>.
/// </summary>
internal static class ServiceProcess
{
    public static ProcessStartInfo StartInfo(string workingDirectory)
    {
        var service = Path.Combine(AppContext.BaseDirectory, "FoiTracker.Web.dll");
        File.Exists(service).Should().BeTrue("the Web project's output is copied beside the tests");
        var startInfo = new ProcessStartInfo(DotnetHost())
        {
            ArgumentList = { service },
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Port 0: never the developer's port, and a line that names the port can only have read it from the server.
        startInfo.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        startInfo.Environment["Data__Directory"] = Path.Combine(workingDirectory, "data");
        // A suite signs in and registers from one address far more often than a person would.
        startInfo.Environment["Limits__Enabled"] = "false";
        return startInfo;
    }

    /// <summary>Starts the service with <paramref name="startInfo"/> and waits for it to exit; past <paramref name="limit"/> it is stopped and the wait fails.</summary>
    public static async Task<ServiceRun> RunToExitAsync(ProcessStartInfo startInfo, TimeSpan limit, string expected)
    {
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            throw new TimeoutException($"The service was still running after {limit.TotalSeconds} s; {expected}. Output: {await output} Errors: {await error}");
        }

        return new ServiceRun(process.ExitCode, await output, await error);
    }

    private static string DotnetHost()
    {
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
            return fromSdk;
        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}

/// <summary>How a run of the service ended: its exit code and what it printed.</summary>
internal sealed record ServiceRun(int ExitCode, string Output, string Error)
{
    public IReadOnlyList<string> ErrorLines =>
        Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public override string ToString() => $"exit code {ExitCode}; stderr: {Error}; stdout: {Output}";
}

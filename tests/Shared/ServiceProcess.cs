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

    private static string DotnetHost()
    {
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk))
            return fromSdk;
        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}

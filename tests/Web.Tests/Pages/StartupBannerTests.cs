using System.Diagnostics;
using System.Net;
using FoiTracker.Web.Infrastructure;
using FoiTracker.Tests.Support;
using FoiTracker.Web.Tests.Support;

namespace FoiTracker.Web.Tests.Pages;

/// <summary>The console line that says where to open the site, from the addresses the server bound.</summary>
public sealed class StartupBannerTests : IDisposable
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("foitracker-banner-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Theory]
    [InlineData(new[] { "http://localhost:5080" }, "FoiTracker is running: open http://localhost:5080/")]
    [InlineData(new[] { "https://localhost:5443", "http://127.0.0.1:5080" }, "FoiTracker is running: open http://127.0.0.1:5080/")]
    [InlineData(new[] { "http://0.0.0.0:8080" }, "FoiTracker is running: open http://localhost:8080/")]
    [InlineData(new[] { "http://[::]:8080" }, "FoiTracker is running: open http://localhost:8080/")]
    [InlineData(new[] { "http://+:8080" }, "FoiTracker is running: open http://localhost:8080/")]
    public void TheLine_NamesAnAddressABrowserCanOpen(string[] addresses, string expected) =>
        StartupBanner.Line(addresses).Should().Be(expected);

    [Fact]
    public void WithoutAnAddress_ThereIsNoLine() => StartupBanner.Line([]).Should().BeNull();

    [Fact]
    public async Task TheService_PrintsTheAddressItListensOn_AndThatAddressOpensTheSite()
    {
        using var process = StartService(adminPassword: "a configured password");
        try
        {
            var (line, _) = await ReadBannerAsync(process, TimeSpan.FromSeconds(60));
            line.Should().MatchRegex(@"^FoiTracker is running: open http://127\.0\.0\.1:\d+/$");
            var site = new Uri(line["FoiTracker is running: open ".Length..]);
            site.Port.Should().NotBe(0);

            using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
            using var root = await client.GetAsync(site);
            root.StatusCode.Should().Be(HttpStatusCode.Redirect);
            root.Headers.Location!.OriginalString.Should().Be("/ka/");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task TheService_AnswersItsFirstRequestItself_BeforeItSaysItIsRunning()
    {
        using var process = StartService(adminPassword: "a configured password");
        try
        {
            // The route matcher is built and the first database connection opened on the first
            // request: the service makes that request itself, so its first visitor does not wait for it.
            var (_, before) = await ReadBannerAsync(process, TimeSpan.FromSeconds(60));
            before.Should().Contain(
                line => line.Contains("Answered its first request (/health: 200)", StringComparison.Ordinal),
                "the service asks itself for /health before it prints its address");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task TheService_WithACommonAdministratorPassword_DoesNotStart_AndSaysWhatToChange()
    {
        using var process = StartService(adminPassword: "password123");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);

        process.ExitCode.Should().Be(1);
        (await errors).Should().Contain(
            "FoiTracker cannot start: FOI_ADMIN_PASSWORD is among the most common passwords and easy to guess: choose another. Fix the setting and start again.");
        (await output).Should().NotContain("FoiTracker is running");
    }

    /// <summary>The built service as its own process on a fresh data folder, scheduler off, with this first administrator's password.</summary>
    private Process StartService(string adminPassword)
    {
        var startInfo = ServiceProcess.StartInfo(_scratch);
        startInfo.Environment["Seeds__Directory"] = Path.Combine(AppContext.BaseDirectory, "seeds");
        startInfo.Environment["Workflow__Scheduler__Enabled"] = "false";
        startInfo.Environment["FOI_ADMIN_EMAIL"] = "admin@banner.example.ge";
        startInfo.Environment["FOI_ADMIN_PASSWORD"] = adminPassword;
        return Process.Start(startInfo) ?? throw new InvalidOperationException("dotnet did not start.");
    }

    /// <summary>The line with the address, and every line the service printed before it.</summary>
    private static async Task<(string Line, IReadOnlyList<string> Before)> ReadBannerAsync(Process process, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        var seen = new List<string>();
        while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("FoiTracker is running", StringComparison.Ordinal))
                return (line, seen);
            seen.Add(line);
        }

        throw new InvalidOperationException($"The service ended without saying where it runs. Output: {string.Join('\n', seen)} Errors: {await process.StandardError.ReadToEndAsync()}");
    }
}

using Microsoft.Playwright;

namespace FoiTracker.Browser.Tests.Support;

/// <summary>
/// One running site and one Chromium for a test class. The browser is the system's Chromium
/// (Debian's package at /usr/bin/chromium, or FOI_CHROMIUM): nothing is downloaded. Without it the
/// tests are skipped on a developer's machine; where FOI_REQUIRE_BROWSER=1 (CI sets it) a missing
/// browser is a failure, so the suite can never pass by not running.
/// </summary>
public sealed class SiteFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public SiteProcess Site { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("FOI_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static bool Available => File.Exists(ChromiumPath);

    public static bool Required => Environment.GetEnvironmentVariable("FOI_REQUIRE_BROWSER") == "1";

    public async Task InitializeAsync()
    {
        if (!Available)
        {
            if (Required)
                throw new InvalidOperationException($"FOI_REQUIRE_BROWSER=1 but there is no Chromium at {ChromiumPath}: install Debian's chromium package.");
            return;
        }

        Site = await SiteProcess.StartAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // Root in a container has no user namespace for Chromium's sandbox.
            Args = ["--no-sandbox"],
        });
    }

    /// <summary>Skips the calling test when there is no browser and none is required.</summary>
    public void RequireBrowser()
    {
        Skip.IfNot(Available, $"No Chromium at {ChromiumPath} (set FOI_CHROMIUM, or install Debian's chromium; CI requires it).");
        Browser.IsConnected.Should().BeTrue("the fixture launched Chromium for this class");
    }

    /// <summary>A new browser context (its own cookies) on a phone-sized or desktop screen, in the site's address space.</summary>
    public async Task<IPage> NewPageAsync(bool phone = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = Site.Address.ToString(),
            ViewportSize = phone ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1280, Height = 900 },
            Locale = "ka-GE",
        });
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
        if (Site is not null)
            await Site.DisposeAsync();
    }
}

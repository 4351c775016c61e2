using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace FoiTracker.Browser.Tests.Support;

/// <summary>What every page must pass in a real browser, and its picture for the documentation.</summary>
public static class PageChecks
{
    private static readonly string[] Blocking = ["serious", "critical"];

    /// <summary>axe-core's rules (WCAG 2.1 A and AA) on the page as it stands: no serious or critical violation.</summary>
    public static async Task ShouldPassAxeAsync(this IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        var blocking = result.Violations
            .Where(violation => Blocking.Contains(violation.Impact, StringComparer.Ordinal))
            .Select(violation => $"{violation.Id} ({violation.Impact}): {violation.Help} — {string.Join("; ", violation.Nodes.Take(3).Select(node => string.Join(" ", node.Target)))}")
            .ToList();
        blocking.Should().BeEmpty($"{page.Url} must have no serious or critical accessibility violation");
    }

    /// <summary>
    /// Saves a full-page PNG under the folder named by FOI_SCREENSHOTS (the documentation's
    /// docs/screenshots is made this way); nothing when it is not set.
    /// </summary>
    public static async Task SaveScreenshotAsync(this IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (Environment.GetEnvironmentVariable("FOI_SCREENSHOTS") is not { Length: > 0 } folder)
            return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });
    }
}

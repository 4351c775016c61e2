using FoiTracker.Browser.Tests.Support;
using FoiTracker.Tests.Support;

namespace FoiTracker.Browser.Tests;

/// <summary>The main pages in Chromium, in both languages, on a desktop and a phone: axe finds no serious or critical violation.</summary>
public sealed class AccessibilityTests(SiteFixture fixture) : IClassFixture<SiteFixture>
{
    [SkippableTheory]
    [InlineData("ka/", "home")]
    [InlineData("en/", "home")]
    [InlineData("ka/bodies?q=გორი", "find-a-body")]
    [InlineData("en/bodies?q=Gori", "find-a-body")]
    [InlineData("ka/bodies/ge-gori-city-hall", "body")]
    [InlineData("en/bodies/" + TestSeeds.VerifiedCityHall, "body")]
    [InlineData("ka/account/register", "register")]
    [InlineData("en/account/sign-in", "sign-in")]
    [InlineData("ka/statistics", "statistics")]
    [InlineData("en/statistics", "statistics")]
    [InlineData("ka/statistics/methodology", "methodology")]
    [InlineData("en/statistics/methodology", "methodology")]
    [InlineData("ka/deadline-calculator", "deadline-calculator")]
    [InlineData("en/deadline-calculator?statute=ge-gac&deadline=response&from=2026-12-31", "deadline-calculator")]
    public async Task A_public_page_passes_axe_on_a_desktop_and_a_phone(string path, string name)
    {
        fixture.RequireBrowser();
        foreach (var phone in new[] { false, true })
        {
            var page = await fixture.NewPageAsync(phone);
            var response = await page.GotoAsync(path);

            response!.Status.Should().Be(200, fixture.Site.Output);
            (await page.GetAttributeAsync("html", "lang")).Should().Be(path[..2]);
            await page.ShouldPassAxeAsync();
            await page.SaveScreenshotAsync($"{name}.{path[..2]}{(phone ? ".phone" : "")}");
            await page.Context.CloseAsync();
        }
    }
}

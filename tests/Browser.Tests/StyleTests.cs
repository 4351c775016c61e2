using FoiTracker.Browser.Tests.Support;

namespace FoiTracker.Browser.Tests;

/// <summary>The pages come with their styles: the site's stylesheet loads and applies (what axe's contrast check rests on).</summary>
public sealed class StyleTests(SiteFixture fixture) : IClassFixture<SiteFixture>
{
    [SkippableFact]
    public async Task The_stylesheet_loads_and_the_Georgian_font_stack_comes_first()
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync();
        var stylesheets = new List<int>();
        page.Response += (_, response) =>
        {
            if (response.Url.EndsWith(".css", StringComparison.Ordinal) || response.Url.Contains(".css?", StringComparison.Ordinal))
                stylesheets.Add(response.Status);
        };

        await page.GotoAsync("ka/");

        stylesheets.Should().NotBeEmpty().And.OnlyContain(status => status == 200, fixture.Site.Output);
        var font = await page.EvaluateAsync<string>("getComputedStyle(document.body).fontFamily");
        font.Should().StartWith("\"Noto Sans Georgian\"", "Georgian text is set in a Georgian face first");
    }
}

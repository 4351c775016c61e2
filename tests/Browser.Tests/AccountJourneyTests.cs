using FoiTracker.Browser.Tests.Support;
using Microsoft.Playwright;

namespace FoiTracker.Browser.Tests;

/// <summary>A new citizen registers, signs out and signs in again, by keyboard and mouse as a person would, in each language.</summary>
public sealed class AccountJourneyTests(SiteFixture fixture) : IClassFixture<SiteFixture>
{
    [SkippableTheory]
    [InlineData("ka")]
    [InlineData("en")]
    public async Task A_citizen_registers_signs_out_and_signs_in_again(string language)
    {
        fixture.RequireBrowser();
        var page = await fixture.NewPageAsync();
        var email = await page.RegisterAsync(language);
        const string password = Journeys.Password;

        new Uri(page.Url).AbsolutePath.Should().StartWith($"/{language}", "the site keeps the language the citizen chose");

        await page.Locator("form[action*='sign-out'] button").ClickAsync();
        await Assertions.Expect(page.Locator("form[action*='sign-out'] button")).ToHaveCountAsync(0);

        await page.GotoAsync($"{language}/account/sign-in");
        await page.FillAsync("input[name='Input.Email']", email);
        await page.FillAsync("input[name='Input.Password']", "a wrong password");
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("form[action*='sign-out'] button")).ToHaveCountAsync(0);
        // The refusal is said on the page, next to the form or its field, not only by staying signed out.
        await Assertions.Expect(page.Locator(".form-errors li, .field-error").First).ToBeVisibleAsync();

        await page.FillAsync("input[name='Input.Email']", email);
        await page.FillAsync("input[name='Input.Password']", password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("form[action*='sign-out'] button")).ToBeVisibleAsync();
    }
}

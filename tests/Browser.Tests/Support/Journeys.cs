using Microsoft.Playwright;

namespace FoiTracker.Browser.Tests.Support;

/// <summary>Steps several journeys share, done through the pages as a person does them.</summary>
public static class Journeys
{
    public const string Password = "A-long-enough-password-1";

    /// <summary>Registers a new citizen through the page and returns their e-mail; the page is then signed in.</summary>
    public static async Task<string> RegisterAsync(this IPage page, string language, string name = "ნინო ბერიძე")
    {
        ArgumentNullException.ThrowIfNull(page);
        var email = $"citizen-{Guid.NewGuid():N}@example.ge";
        await page.GotoAsync($"{language}/account/register");
        await page.FillAsync("input[name='Input.DisplayName']", name);
        await page.FillAsync("input[name='Input.Email']", email);
        await page.FillAsync("input[name='Input.Password']", Password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("form[action*='sign-out'] button")).ToBeVisibleAsync();
        return email;
    }

    /// <summary>Signs in through the page (the staff's administrator, or a citizen registered before).</summary>
    public static async Task SignInAsync(this IPage page, string language, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync($"{language}/account/sign-in");
        await page.FillAsync("input[name='Input.Email']", email);
        await page.FillAsync("input[name='Input.Password']", password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("form[action*='sign-out'] button")).ToBeVisibleAsync();
    }
}

using System.Net;
using FoiTracker.Web.Tests.Pages.Support;
using FoiTracker.Web.Tests.Support;

namespace FoiTracker.Web.Tests.Pages;

/// <summary>A password everybody uses, or one like the e-mail address, is refused beside the password field in the page's language.</summary>
public sealed class PasswordPolicyPageTests(FoiTrackerFactory factory) : PageTest(factory)
{
    [Theory]
    [InlineData("ka", "qwertyuiop", "ეს პაროლი ყველაზე გავრცელებულ პაროლებს შორისაა და ადვილად გამოსაცნობია: აირჩიეთ სხვა.")]
    [InlineData("en", "qwertyuiop", "This password is among the most common ones and is easy to guess: choose another.")]
    [InlineData("ka", "nino.beridze-2026", "პაროლი არ უნდა შეიცავდეს თქვენს ელფოსტის მისამართს ან მის ნაწილს @-მდე: აირჩიეთ სხვა.")]
    [InlineData("en", "nino.beridze-2026", "The password must not contain your e-mail address or the name before its @: choose another.")]
    public async Task Register_WithAWeakPassword_SaysWhyBesideThePassword(string language, string password, string message)
    {
        var page = await Visitor.GetAsync($"/{language}/account/register");

        var refused = await page.Form().Set("Input.DisplayName", "Nino").Set("Input.Email", "nino.beridze@example.ge").Set("Input.Password", password).SubmitAsync();

        refused.ShouldBe(HttpStatusCode.BadRequest);
        refused.FieldError("Input.Password").Should().Be(message);
    }
}

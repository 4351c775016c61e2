using System.Net;
using System.Text.RegularExpressions;
using FoiTracker.Web.Tests.Pages.Support;
using FoiTracker.Web.Tests.Support;

namespace FoiTracker.Web.Tests.Pages;

/// <summary>Accounts through the pages, as a person without JavaScript uses them: every form posts, redirects, and the next page says what happened.</summary>
public sealed partial class AccountPageTests(FoiTrackerFactory factory) : PageTest(factory)
{
    private const string Password = "a long enough password";

    [Fact]
    public async Task Register_SignOut_SignIn_EachPostRedirects_AndTheHeaderFollowsWhoIsSignedIn()
    {
        var email = NewEmail();
        var registered = await RegisterAsync("/en/account/register", email, "Nino Beridze");

        registered.ShouldRedirectTo("/en");
        var home = await registered.FollowAsync();
        home.Find("p.notice").TextContent.Should().Be("Your account is open and you are signed in.");
        home.Find(".account-nav a.account-name").TextContent.Should().Be("Nino Beridze");

        var signedOut = await home.Form("header form[action='/en/account/sign-out']").SubmitAsync();
        signedOut.ShouldRedirectTo("/en");
        var afterSignOut = await signedOut.FollowAsync();
        afterSignOut.Find("p.notice").TextContent.Should().Be("You are signed out.");
        afterSignOut.Document.QuerySelector(".account-name").Should().BeNull();

        var signIn = await Visitor.GetAsync("/en/account/sign-in");
        var signedIn = await signIn.Form().Set("Input.Email", email.ToUpperInvariant()).Set("Input.Password", Password).SubmitAsync();
        signedIn.ShouldRedirectTo("/en");
        (await signedIn.FollowAsync()).Find(".account-name").TextContent.Should().Be("Nino Beridze");
    }

    [Theory]
    [InlineData("ka", "ელფოსტა ან პაროლი არასწორია.")]
    [InlineData("en", "The e-mail or password is not correct.")]
    public async Task AWrongPassword_ShowsTheFormAgainWithAnError_InThePagesLanguage(string language, string message)
    {
        var email = NewEmail();
        await RegisterAsync($"/{language}/account/register", email, "Nino");
        using var stranger = new PageSession(Factory);

        var signIn = await stranger.GetAsync($"/{language}/account/sign-in");
        var refused = await signIn.Form().Set("Input.Email", email).Set("Input.Password", "not the password").SubmitAsync();

        refused.ShouldBe(HttpStatusCode.BadRequest);
        refused.Find(".form-errors").TextContent.Trim().Should().Be(message);
        refused.Find("[name='Input.Email']").GetAttribute("value").Should().Be(email, "what was typed stays");
        refused.Find("[name='Input.Password']").HasAttribute("value").Should().BeFalse("a password is never written into a page");
    }

    [Fact]
    public async Task Register_WithBadFields_ShowsEachMessageBesideItsField_InGeorgian()
    {
        var page = await Visitor.GetAsync("/ka/account/register");

        var refused = await page.Form().Set("Input.DisplayName", "").Set("Input.Email", "nino@example.ge").Set("Input.Password", "short").SubmitAsync();

        refused.ShouldBe(HttpStatusCode.BadRequest);
        refused.FieldError("Input.DisplayName").Should().Be("სახელი სავალდებულოა.");
        refused.FieldError("Input.Password").Should().Be("პაროლი მინიმუმ 10 სიმბოლოსგან უნდა შედგებოდეს.");
        refused.FieldError("Input.Email").Should().BeNull();
        refused.Find("[name='Input.Password']").GetAttribute("aria-invalid").Should().Be("true");
    }

    [Fact]
    public async Task Register_WithAnEmailTaken_SaysSoBesideTheEmail()
    {
        var email = NewEmail();
        await RegisterAsync("/en/account/register", email, "Nino");
        using var second = new PageSession(Factory);

        var refused = await RegisterAsync("/en/account/register", email.ToUpperInvariant(), "Someone else", second);

        refused.ShouldBe(HttpStatusCode.BadRequest);
        refused.FieldError("Input.Email").Should().StartWith("An account with this e-mail exists already.");
    }

    [Theory]
    [InlineData("/en/account/sign-in")]
    [InlineData("/ka/account/register")]
    [InlineData("/en/account/forgot-password")]
    public async Task AFormPostedWithoutItsAntiforgeryToken_IsRefusedWith400(string path)
    {
        var page = await Visitor.GetAsync(path);

        var refused = await page.Form().WithoutAntiforgeryToken().Set("Input.Email", "nino@example.ge").SubmitAsync();

        refused.ShouldBe(HttpStatusCode.BadRequest);
        refused.Find("h1").TextContent.Should().BeOneOf("The form could not be accepted", "მოთხოვნა ვერ მიიღება");
    }

    [Fact]
    public async Task EveryPostForm_CarriesAnAntiforgeryToken_TheHeadersSignOutToo()
    {
        await RegisterAsync("/en/account/register", NewEmail(), "Nino");

        foreach (var path in new[] { "/en/", "/en/account/sign-in", "/en/account/register", "/en/account/forgot-password", "/en/account/reset-password?token=x", "/en/account/sign-out", "/en/account/change-password" })
        {
            var page = await Visitor.GetAsync(path);
            var forms = page.Document.QuerySelectorAll("form[method='post']");
            forms.Should().NotBeEmpty("{0} has a form to post (at least the header's sign-out)", path);
            forms.Should().AllSatisfy(form => form.QuerySelector("input[name='__RequestVerificationToken']").Should().NotBeNull("every form on {0} must carry one", path));
        }
    }

    [Fact]
    public async Task ChangePassword_AsksToSignInFirst_ThenChangesIt()
    {
        var email = NewEmail();
        await RegisterAsync("/en/account/register", email, "Nino");
        using var visitor = new PageSession(Factory);

        var closed = await visitor.GetAsync("/en/account/change-password");
        closed.ShouldRedirectTo("/en/account/sign-in?returnUrl=%2Fen%2Faccount%2Fchange-password");
        var signIn = await closed.FollowAsync();
        var signedIn = await signIn.Form().Set("Input.Email", email).Set("Input.Password", Password).SubmitAsync();
        signedIn.ShouldRedirectTo("/en/account/change-password");

        var form = await signedIn.FollowAsync();
        var wrong = await form.Form().Set("Input.CurrentPassword", "not the password").Set("Input.NewPassword", "the next password").SubmitAsync();
        wrong.ShouldBe(HttpStatusCode.BadRequest);
        wrong.FieldError("Input.CurrentPassword").Should().Be("The current password is not correct.");
        var changed = await wrong.Form().Set("Input.CurrentPassword", Password).Set("Input.NewPassword", "the next password").SubmitAsync();
        changed.ShouldRedirectTo("/en");
        (await changed.FollowAsync()).Find("p.notice").TextContent.Should().Be("Your password is changed.");

        using var later = new PageSession(Factory);
        var again = await (await later.GetAsync("/en/account/sign-in")).Form().Set("Input.Email", email).Set("Input.Password", "the next password").SubmitAsync();
        again.ShouldRedirectTo("/en");
    }

    [Theory]
    [InlineData("https://evil.example/steal")]
    [InlineData("//evil.example/steal")]
    public async Task SignIn_NeverSendsTheVisitorToAnotherSite(string returnUrl)
    {
        var email = NewEmail();
        await RegisterAsync("/en/account/register", email, "Nino");
        using var visitor = new PageSession(Factory);

        var signIn = await visitor.GetAsync($"/en/account/sign-in?returnUrl={Uri.EscapeDataString(returnUrl)}");
        var signedIn = await signIn.Form().Set("Input.Email", email).Set("Input.Password", Password).SubmitAsync();

        signedIn.ShouldRedirectTo("/en");
    }

    [Fact]
    public async Task ResetPassword_ByTheMailedLink_EndToEnd_AndTheLinkWorksOnce()
    {
        var email = NewEmail();
        await RegisterAsync("/ka/account/register", email, "ნინო ბერიძე");
        using var forgetful = new PageSession(Factory);

        var ask = await forgetful.GetAsync("/ka/account/forgot-password");
        var asked = await ask.Form().Set("Input.Email", email).SubmitAsync();
        asked.ShouldRedirectTo("/ka/account/forgot-password");
        (await asked.FollowAsync()).Find("p.notice").TextContent.Should().StartWith("თუ ამ ელფოსტით ანგარიში არსებობს");

        var mail = (await PickupMail.SentToAsync(Factory, email)).Should().ContainSingle().Subject;
        mail.Subject.Should().Be("ახალი პაროლი FoiTracker-ისთვის");
        mail.TextBody.Should().Contain("გამარჯობა, ნინო ბერიძე");
        var link = new Uri(ResetLink().Match(mail.TextBody).Value);
        link.GetLeftPart(UriPartial.Path).Should().Be("http://localhost/ka/account/reset-password");

        var resetPage = await forgetful.GetAsync(link.PathAndQuery);
        resetPage.ShouldBe(HttpStatusCode.OK);
        var reset = await resetPage.Form().Set("Input.NewPassword", "a brand new password").SubmitAsync();
        reset.ShouldRedirectTo("/ka/account/sign-in");
        var signIn = await reset.FollowAsync();
        signIn.Find("p.notice").TextContent.Should().Be("პაროლი შეიცვალა. შედით ახალი პაროლით.");
        var signedIn = await signIn.Form().Set("Input.Email", email).Set("Input.Password", "a brand new password").SubmitAsync();
        signedIn.ShouldRedirectTo("/ka");

        var reused = await (await forgetful.GetAsync(link.PathAndQuery)).Form().Set("Input.NewPassword", "yet another password").SubmitAsync();
        reused.ShouldBe(HttpStatusCode.BadRequest);
        reused.Find(".form-errors").TextContent.Trim().Should().Be("ეს ბმული აღარ მოქმედებს: მისი ვადა ამოიწურა ან უკვე გამოყენებულია. მოითხოვეთ ახალი.");
    }

    [Fact]
    public async Task ForgotPassword_ForAnAddressWithNoAccount_AnswersTheSame_AndMailsNothing()
    {
        var email = NewEmail();

        var asked = await (await Visitor.GetAsync("/en/account/forgot-password")).Form().Set("Input.Email", email).SubmitAsync();

        asked.ShouldRedirectTo("/en/account/forgot-password");
        (await asked.FollowAsync()).Find("p.notice").TextContent.Should().Be("If an account has this e-mail, the link is on its way. Look in your mailbox.");
        (await PickupMail.SentToAsync(Factory, email)).Should().BeEmpty();
    }

    private async Task<HtmlPage> RegisterAsync(string path, string email, string name, PageSession? session = null)
    {
        var page = await (session ?? Visitor).GetAsync(path);
        return await page.Form().Set("Input.DisplayName", name).Set("Input.Email", email).Set("Input.Password", Password).SubmitAsync();
    }

    private static string NewEmail() => $"person-{Guid.NewGuid():N}@example.ge";

    [GeneratedRegex(@"http://\S+\?token=[A-Za-z0-9_-]+")]
    private static partial Regex ResetLink();
}

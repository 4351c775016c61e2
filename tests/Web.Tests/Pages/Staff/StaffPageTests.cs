using System.Net;
using FoiTracker.Web.Tests.Pages.Support;
using FoiTracker.Web.Tests.Support;

namespace FoiTracker.Web.Tests.Pages.Staff;

/// <summary>The staff pages as staff use them without JavaScript, and who may not use them at all.</summary>
public sealed class StaffPageTests(FoiTrackerFactory factory) : PageTest(factory)
{
    private const string Password = "a long enough password";

    public static readonly TheoryData<string> StaffPages = new()
    {
        "/{0}/staff/queue", "/{0}/staff/mail/held", "/{0}/staff/mail/outgoing", "/{0}/staff/users",
    };

    [Theory]
    [MemberData(nameof(StaffPages))]
    public async Task AnAnonymousVisitor_IsSentToSignIn(string page)
    {
        var answer = await Visitor.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, page, "en"));

        answer.IsRedirect.Should().BeTrue();
        answer.Location!.ToString().Should().Contain("/account/sign-in");
    }

    [Theory]
    [MemberData(nameof(StaffPages))]
    public async Task ACitizen_IsRefused(string page)
    {
        await RegisterAsync(Visitor, NewEmail(), "Nino");

        var answer = await Visitor.GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, page, "ka"));

        answer.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("ka", "სამუშაო რიგი")]
    [InlineData("en", "Work queue")]
    public async Task EveryStaffPage_RendersInBothLanguages(string language, string queueHeading)
    {
        await SignInAsAdminAsync(Visitor);

        var queue = await Visitor.GetAsync($"/{language}/staff/queue");
        queue.ShouldBe(HttpStatusCode.OK);
        queue.Language.Should().Be(language);
        queue.Find("h1").TextContent.Should().Be(queueHeading);
        foreach (var page in new[] { "staff/mail/held", "staff/mail/outgoing", "staff/users" })
        {
            var answer = await Visitor.GetAsync($"/{language}/{page}");
            answer.ShouldBe(HttpStatusCode.OK);
            answer.Language.Should().Be(language);
        }
    }

    [Fact]
    public async Task TheQueue_FindsARequestByNumber_AndItsStaffPageTakesANoteAndAnAssignment()
    {
        var number = await FileRequestAsync();
        await SignInAsAdminAsync(Visitor);

        var queue = await Visitor.GetAsync($"/en/staff/queue?q={number}");
        queue.Texts("table.queue tbody tr td:first-child").Should().Equal(number);
        var requestPage = await Visitor.GetAsync(queue.Find("table.queue tbody a").GetAttribute("href")!);
        requestPage.ShouldBe(HttpStatusCode.OK);
        requestPage.Find("h1").TextContent.Should().Be($"Request {number}");
        requestPage.MainText.Should().Contain("working days left").And.Contain("GAC");

        var noted = await requestPage.Form("form[action*='handler=Note']").Set("Input.Text", "Called the officer; answer promised by Friday.").SubmitAsync();
        noted.ShouldRedirectTo($"/en/staff/requests/{number}");
        var afterNote = await noted.FollowAsync();
        afterNote.Find("p.notice").TextContent.Should().Be("The note is kept.");
        afterNote.Texts("ol.notes p").Should().Equal("Called the officer; answer promised by Friday.");

        var assigned = await afterNote.Form("form[action*='handler=Assign']").Set("Input.AssigneeId", await AdminIdAsync(afterNote)).SubmitAsync();
        assigned.ShouldRedirectTo($"/en/staff/requests/{number}");
        (await Visitor.GetAsync($"/en/staff/queue?assigned=me&q={number}")).Texts("table.queue tbody tr td:last-child").Should().NotContain("Nobody").And.HaveCount(1);

        // The note is the organisation's own: the requester's view of the request never carries it.
        using var api = Factory.CreateClient();
        using var details = await api.GetAsAsync(await api.GetAdminTokenAsync(), $"/api/requests?pageSize=100");
        (await details.Content.ReadAsStringAsync()).Should().NotContain("answer promised by Friday");
    }

    [Theory]
    [InlineData("en", "Write the note first.")]
    [InlineData("ka", "ჯერ შენიშვნა დაწერეთ.")]
    public async Task AnEmptyNote_IsRefusedBesideItsField(string language, string message)
    {
        var number = await FileRequestAsync();
        await SignInAsAdminAsync(Visitor);
        var page = await Visitor.GetAsync($"/{language}/staff/requests/{number}");

        var refused = await page.Form("form[action*='handler=Note']").Set("Input.Text", "  ").SubmitAsync();

        refused.ShouldBe(HttpStatusCode.BadRequest);
        refused.FieldError("Input.Text").Should().Be(message);
    }

    [Fact]
    public async Task RecordingTheBodysAnswer_WithItsRealDate_MovesTheRequestOn_AndAFutureDayIsRefused()
    {
        var number = await FileRequestAsync();
        await SignInAsAdminAsync(Visitor);
        var page = await Visitor.GetAsync($"/en/staff/requests/{number}");

        // The day in Georgia, whose calendar the request runs on: after 20:00 UTC it is already tomorrow there.
        var today = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Tbilisi")).Date;
        var future = await page.Form("form[action*='handler=Event']:has(select)").Set("Input.Kind", "answered").Set("Input.Outcome", "complete")
            .Set("Input.On", today.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).SubmitAsync();
        future.ShouldBe(HttpStatusCode.BadRequest);
        future.FieldError("Input.On").Should().Be("The day cannot lie in the future.");

        var recorded = await page.Form("form[action*='handler=Event']:has(select)").Set("Input.Kind", "answered").Set("Input.Outcome", "complete")
            .Set("Input.On", today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)).SubmitAsync();
        recorded.ShouldRedirectTo($"/en/staff/requests/{number}");
        var after = await recorded.FollowAsync();
        after.Find("p.notice").TextContent.Should().Be("Recorded.");
        after.Find("dl.facts dd").TextContent.Should().NotBe("Submitted");
        after.Texts("ol.timeline li").Should().Contain(entry => entry.Contains("event:answered", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnAdmin_MakesACitizenStaff_WhoThenSeesTheQueueButNotTheUsers_AndTheLastAdminCannotStepDown()
    {
        var email = NewEmail();
        using var person = new PageSession(Factory);
        await RegisterAsync(person, email, "Tamar Staff");
        await SignInAsAdminAsync(Visitor);

        var users = await FindUsersPageWithAsync(email);
        var changed = await users.Form($"form:has(input[value='{await IdOfAsync(users, email)}'])").Set("Input.Role", "staff").SubmitAsync();
        changed.ShouldRedirectTo("/en/staff/users");
        (await changed.FollowAsync()).Find("p.notice").TextContent.Should().Be("Tamar Staff is now: Staff.");

        // The session from before the change has ended; signing in again brings the new role.
        (await person.GetAsync("/en/account/change-password")).ShouldRedirectTo("/en/account/sign-in?returnUrl=%2Fen%2Faccount%2Fchange-password");
        await SignInAsync(person, email, Password);
        (await person.GetAsync("/en/staff/queue")).ShouldBe(HttpStatusCode.OK);
        (await person.GetAsync("/en/staff/users")).ShouldBe(HttpStatusCode.Forbidden);

        var adminRow = await FindUsersPageWithAsync(FoiTrackerFactory.AdminEmail);
        var refused = await adminRow.Form($"form:has(input[value='{await IdOfAsync(adminRow, FoiTrackerFactory.AdminEmail)}'])").Set("Input.Role", "citizen").SubmitAsync();
        refused.ShouldBe(HttpStatusCode.BadRequest);
        refused.Find(".form-errors").TextContent.Trim().Should().Be("This is the only administrator: make another account an administrator first.");
    }

    [Fact]
    public async Task AFormWithoutItsAntiforgeryToken_IsRefused()
    {
        var number = await FileRequestAsync();
        await SignInAsAdminAsync(Visitor);
        var page = await Visitor.GetAsync($"/en/staff/requests/{number}");

        var refused = await page.Form("form[action*='handler=Note']").Set("Input.Text", "x").WithoutAntiforgeryToken().SubmitAsync();

        refused.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AnUnknownRequestOrMessage_IsNotFound_AndABadFilterIsExplained()
    {
        await SignInAsAdminAsync(Visitor);

        (await Visitor.GetAsync("/en/staff/requests/2026-999999")).ShouldBe(HttpStatusCode.NotFound);
        (await Visitor.GetAsync($"/en/staff/mail/{Guid.NewGuid()}")).ShouldBe(HttpStatusCode.NotFound);
        var badStatus = await Visitor.GetAsync("/ka/staff/mail/outgoing?status=lost");
        badStatus.ShouldBe(HttpStatusCode.BadRequest);
        badStatus.MainText.Should().Contain("აირჩიეთ სტატუსი სიიდან.");
        var longSearch = await Visitor.GetAsync($"/en/staff/queue?q={new string('a', 201)}");
        longSearch.ShouldBe(HttpStatusCode.BadRequest);
        longSearch.FieldError("q").Should().Be("Search for at most 200 characters.");
    }

    private async Task<string> FileRequestAsync()
    {
        using var api = Factory.CreateClient();
        var email = NewEmail();
        using (var registered = await api.PostAsAsync(null, "/api/auth/register", new { email, displayName = "Nino", password = Password }))
            registered.IsSuccessStatusCode.Should().BeTrue();
        var token = await api.GetTokenAsync(email, Password);
        using var filed = await api.PostAsAsync(token, "/api/requests", new
        {
            bodyKey = FoiTracker.Tests.Support.TestSeeds.VerifiedCityHall,
            subject = "Budget 2025",
            text = "Please send the 2025 budget execution report.",
            requester = new { name = "Nino Beridze", email },
        });
        return (await filed.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("number").GetString()!;
    }

    private static Task<string> AdminIdAsync(HtmlPage page) =>
        Task.FromResult(page.Document.QuerySelectorAll("#Input_AssigneeId option").First(option => option.TextContent != "Nobody").GetAttribute("value")!);

    private async Task<HtmlPage> FindUsersPageWithAsync(string email)
    {
        var page = await Visitor.GetAsync("/en/staff/users");
        for (var hops = 0; !page.Html.Contains(email, StringComparison.OrdinalIgnoreCase) && page.Document.QuerySelector("a[rel='next']") is { } next && hops < 20; hops++)
            page = await Visitor.GetAsync(next.GetAttribute("href")!);
        return page;
    }

    private static Task<string> IdOfAsync(HtmlPage page, string email) =>
        Task.FromResult(page.Document.QuerySelectorAll("tbody tr")
            .First(row => row.TextContent.Contains(email, StringComparison.OrdinalIgnoreCase))
            .QuerySelector("input[name='Input.Id']")!.GetAttribute("value")!);

    private static async Task RegisterAsync(PageSession session, string email, string name)
    {
        var page = await session.GetAsync("/en/account/register");
        var answer = await page.Form().Set("Input.DisplayName", name).Set("Input.Email", email).Set("Input.Password", Password).SubmitAsync();
        answer.IsRedirect.Should().BeTrue();
    }

    private static Task SignInAsAdminAsync(PageSession session) => SignInAsync(session, FoiTrackerFactory.AdminEmail, FoiTrackerFactory.AdminPassword);

    private static async Task SignInAsync(PageSession session, string email, string password)
    {
        var page = await session.GetAsync("/en/account/sign-in");
        var answer = await page.Form().Set("Input.Email", email).Set("Input.Password", password).SubmitAsync();
        answer.IsRedirect.Should().BeTrue();
    }

    private static string NewEmail() => $"person-{Guid.NewGuid():N}@example.ge";
}

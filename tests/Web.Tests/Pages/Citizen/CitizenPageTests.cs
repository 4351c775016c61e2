using System.Net;
using System.Net.Http.Headers;
using FoiTracker.Tests.Support;
using FoiTracker.Web.Tests.Pages.Support;
using FoiTracker.Web.Tests.Support;

namespace FoiTracker.Web.Tests.Pages.Citizen;

/// <summary>
/// The citizen's pages without JavaScript: file a request from a body's page, see it in "my
/// requests" and on its own page with its deadline in working days, follow it, record an answer
/// given on paper with its file; who may see and do what.
/// </summary>
public sealed class CitizenPageTests(FoiTrackerFactory factory) : PageTest(factory)
{
    private const string Password = "a long enough password";
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

    [Theory]
    [InlineData("/en/citizen/requests")]
    [InlineData("/ka/citizen/requests/new")]
    [InlineData("/en/requests/2026-000001")]
    public async Task AnAnonymousVisitor_IsSentToSignIn(string path)
    {
        var page = await Visitor.GetAsync(path);

        page.ShouldRedirectTo($"/{path[1..3]}/account/sign-in?returnUrl={Uri.EscapeDataString(path)}");
    }

    [Theory]
    [InlineData("ka", "მოთხოვნის შეტანა", "ჩემი მოთხოვნები")]
    [InlineData("en", "File a request", "My requests")]
    public async Task ThePagesRender_InBothLanguages(string language, string newTitle, string mineTitle)
    {
        await RegisterAsync(Visitor, language);

        (await Visitor.GetAsync($"/{language}/citizen/requests/new?body={TestSeeds.VerifiedCityHall}")).ShouldBe(HttpStatusCode.OK).Find("h1").TextContent.Should().Be(newTitle);
        (await Visitor.GetAsync($"/{language}/citizen/requests")).ShouldBe(HttpStatusCode.OK).Find("h1").TextContent.Should().Be(mineTitle);
    }

    [Fact]
    public async Task FilingFromTheForm_RedirectsToTheRequestPage_WithItsDeadlineInWorkingDays_AndMyRequestsListsIt()
    {
        await RegisterAsync(Visitor, "en", "Nino Beridze");
        var form = await Visitor.GetAsync($"/en/citizen/requests/new?body={TestSeeds.VerifiedCityHall}");
        form.Find("[name='Input.RequesterName']").GetAttribute("value").Should().Be("Nino Beridze", "the requester comes from the account");

        var filed = await form.Form().Set("Input.Subject", "Budget of 2025").Set("Input.Text", "Please send the budget execution report.").SubmitAsync();

        filed.IsRedirect.Should().BeTrue(filed.Html);
        var page = await filed.FollowAsync();
        page.ShouldBe(HttpStatusCode.OK);
        page.Find("p.notice").TextContent.Should().StartWith("Request ").And.EndWith(" is filed.");
        page.Find("dd.stage").TextContent.Should().Be("Sent, awaiting the answer");
        page.Find("ul.deadlines").TextContent.Should().Contain("(GAC 40(1))").And.MatchRegex(@"\d+ working days left|today is the last day");
        page.MainText.Should().Contain("What to do next");
        var mine = await Visitor.GetAsync("/en/citizen/requests");
        mine.Texts("table.requests tbody tr").Should().ContainSingle().Which.Should().Contain("Budget of 2025").And.Contain("GAC 40(1)");

        // Before filing again, the same body's request with a word of the subject is listed.
        var again = await Visitor.GetAsync($"/en/citizen/requests/new?body={TestSeeds.VerifiedCityHall}&subject=budget");
        again.Texts("section.similar li").Should().ContainSingle().Which.Should().Contain("Budget of 2025");
    }

    [Fact]
    public async Task AFormWithoutASubject_ShowsTheErrorBesideIt_InGeorgian()
    {
        await RegisterAsync(Visitor, "ka");
        var form = await Visitor.GetAsync($"/ka/citizen/requests/new?body={TestSeeds.VerifiedCityHall}");

        var refused = await form.Form().Set("Input.Subject", "").Set("Input.Text", "ტექსტი").SubmitAsync();

        refused.ShouldBe(HttpStatusCode.BadRequest);
        refused.FieldError("Input.Subject").Should().Be("მიუთითეთ მოთხოვნის თემა.");
    }

    [Fact]
    public async Task TheFilingForm_WithoutItsAntiforgeryToken_IsRefused()
    {
        await RegisterAsync(Visitor, "en");
        var form = await Visitor.GetAsync($"/en/citizen/requests/new?body={TestSeeds.VerifiedCityHall}");

        var refused = await form.Form().WithoutAntiforgeryToken().Set("Input.Subject", "S").Set("Input.Text", "T").SubmitAsync();

        refused.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AnotherCitizen_SeesNoLettersOrMail_CannotRecordAnAnswer_ButCanFollow()
    {
        await RegisterAsync(Visitor, "en");
        var number = await FileAsync(Visitor);
        using var other = new PageSession(Factory);
        await RegisterAsync(other, "en");

        var page = await other.GetAsync($"/en/requests/{number}");
        page.ShouldBe(HttpStatusCode.OK);
        page.Document.QuerySelector("#letters").Should().BeNull();
        page.Document.QuerySelector("#next-step").Should().BeNull();
        (await other.GetAsync($"/en/requests/{number}/answer")).ShouldBe(HttpStatusCode.Forbidden);

        var followed = await page.Form("form[action*='handler=Follow']").SubmitAsync();
        followed.ShouldRedirectTo($"/en/requests/{number}");
        var after = await followed.FollowAsync();
        after.Find("p.notice").TextContent.Should().Be("You follow this request: you will get a mail when its stage changes.");
        after.Find("form[action*='handler=Follow'] button").TextContent.Should().Be("Stop following");
    }

    [Fact]
    public async Task AnAnswerOnPaper_WithItsFile_IsRecorded_AndItsFileDownloads_OnlyForTheRequester()
    {
        await RegisterAsync(Visitor, "en");
        var number = await FileAsync(Visitor);
        var form = await Visitor.GetAsync($"/en/requests/{number}/answer");
        form.ShouldBe(HttpStatusCode.OK);
        var token = form.Find("main form input[name='__RequestVerificationToken']").GetAttribute("value")!;
        var today = DateTime.UtcNow.AddHours(4).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var refused = await PostAnswerAsync(Visitor, number, token, today, "partial", "MZ\u0090\0"u8.ToArray());
        refused.ShouldBe(HttpStatusCode.BadRequest);
        refused.Find("#Input_File-error").TextContent.Should().StartWith("The file must be a PDF");

        var recorded = await PostAnswerAsync(Visitor, number, token, today, "partial", Pdf);
        recorded.ShouldRedirectTo($"/en/requests/{number}");
        var page = await recorded.FollowAsync();
        page.Find("dd.stage").TextContent.Should().Be("Answered in part");
        var link = page.Find("#answers + article a, section[aria-labelledby='answers'] a").GetAttribute("href")!;
        var file = await Visitor.GetAsync(link);
        file.Status.Should().Be(HttpStatusCode.OK);
        file.MediaType.Should().Be("application/pdf");

        using var other = new PageSession(Factory);
        await RegisterAsync(other, "en");
        (await other.GetAsync(link)).ShouldBe(HttpStatusCode.Forbidden);
    }

    private static async Task<HtmlPage> PostAnswerAsync(PageSession session, string number, string token, string day, string outcome, byte[] file)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(day), "Input.AnsweredOn" },
            { new StringContent(outcome), "Input.Outcome" },
            { new StringContent("Part of the report is attached."), "Input.Text" },
        };
        var bytes = new ByteArrayContent(file);
        bytes.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        content.Add(bytes, "Input.File", "answer.pdf");
        return await session.SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri(PageSession.Origin, $"/en/requests/{number}/answer")) { Content = content });
    }

    private static async Task<string> FileAsync(PageSession session)
    {
        var form = await session.GetAsync($"/en/citizen/requests/new?body={TestSeeds.VerifiedCityHall}");
        var filed = await form.Form().Set("Input.Subject", "Roads").Set("Input.Text", "Which roads were repaired in 2025?").SubmitAsync();
        filed.IsRedirect.Should().BeTrue(filed.Html);
        return filed.Location!.ToString().Split('/')[^1];
    }

    private static async Task RegisterAsync(PageSession session, string language, string name = "Nino")
    {
        var page = await session.GetAsync($"/{language}/account/register");
        var registered = await page.Form().Set("Input.DisplayName", name).Set("Input.Email", $"person-{Guid.NewGuid():N}@example.ge").Set("Input.Password", Password).SubmitAsync();
        registered.IsRedirect.Should().BeTrue(registered.Html);
    }
}

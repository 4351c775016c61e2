using System.Net;
using System.Xml.Linq;
using FoiTracker.Application.Requests.Publication.GetPublicRequest;
using FoiTracker.Application.Requests.Publication.RedactTimelineEntry;
using FoiTracker.Application.Requests.Publication.SetNamePublic;
using FoiTracker.Application.Requests.RecordEvent;
using FoiTracker.Domain.Users;
using FoiTracker.Tests.Support;
using FoiTracker.Web.Tests.Pages.Support;
using FoiTracker.Web.Tests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Web.Tests.Pages.Public;

/// <summary>A request's public page and its feeds: the published record in both languages, and nothing private on any of them.</summary>
public sealed class PublicRequestPageTests(FoiTrackerFactory factory) : PageTest(factory)
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    private PublicData Data { get; } = new(factory);

    [Theory]
    [InlineData("ka", "ვადები", "დარჩა")]
    [InlineData("en", "Deadlines", "working days left")]
    public async Task ThePublicPage_ShowsTheLetter_TheDeadlinesWithTheirArticle_AndTheTimeline(string language, string deadlines, string left)
    {
        var (filed, _, _) = await Data.SentRequestAsync(TestSeeds.VerifiedCityHall, "Budget 2025");

        var page = await Visitor.GetAsync($"/{language}/requests/{filed.Number}/public");

        page.ShouldBe(HttpStatusCode.OK);
        page.Language.Should().Be(language);
        page.Find("h1").TextContent.Should().Be("Budget 2025");
        page.Find("blockquote.letter-text").TextContent.Should().Be("Please send the 2025 budget execution report.");
        page.Find("#deadlines").TextContent.Should().Be(deadlines);
        var response = page.Document.QuerySelectorAll("table.deadlines tbody tr").Select(row => row.TextContent).ToList();
        response.Should().Contain(row => row.Contains(left, StringComparison.Ordinal) && row.Contains("GAC", StringComparison.Ordinal));
        page.Document.QuerySelectorAll("ol.timeline li").Should().NotBeEmpty();
        page.Find($"a[href='/{language}/bodies/{TestSeeds.VerifiedCityHall}']").TextContent.Should().NotBeEmpty();
        page.Find("link[rel='alternate'][type='application/atom+xml']").GetAttribute("href").Should().Be($"/{language}/requests/{filed.Number}/public/feed");
        page.Find("link[rel='alternate'][type='text/calendar']").GetAttribute("href").Should().Be($"/{language}/requests/{filed.Number}/public/deadlines.ics");
    }

    [Fact]
    public async Task NothingPrivate_AppearsOnThePage_OrInItsFeeds_UntilTheRequesterChoosesToShowTheirName()
    {
        var (filed, owner, email) = await Data.SentRequestAsync(TestSeeds.VerifiedCityHall, "Roads 2025");
        var staff = await Data.AccountAsync(RoleNames.Staff, PublicData.StaffName);
        await Data.SendAsync(new RecordEventCommand(filed.Id, "answered", staff, Outcome: "complete", Note: "Answer posted to Nino Beridze, copy to lawyer@firm.example.ge."));
        string[] urls = [$"/en/requests/{filed.Number}/public", $"/en/requests/{filed.Number}/public/feed", $"/ka/requests/{filed.Number}/public/deadlines.ics", $"/en/bodies/{TestSeeds.VerifiedCityHall}/feed"];

        foreach (var url in urls)
        {
            var answer = await Visitor.GetAsync(url);
            answer.Status.Should().Be(HttpStatusCode.OK, url);
            answer.Html.Should().NotContainEquivalentOf(email).And.NotContain("lawyer@firm").And.NotContain("Nino").And.NotContain("Beridze")
                .And.NotContain("Stalin Avenue").And.NotContain(PublicData.StaffName).And.NotContain(owner.UserId.ToString());
        }

        var page = await Visitor.GetAsync($"/en/requests/{filed.Number}/public");
        page.MainText.Should().Contain("The requester chose not to publish their name").And.Contain("(staff)");

        await Data.SendAsync(new SetNamePublicCommand(filed.Id, true, owner));
        var named = await Visitor.GetAsync($"/en/requests/{filed.Number}/public");
        named.MainText.Should().Contain(PublicData.RequesterName).And.NotContain("lawyer@firm");
        named.Html.Should().NotContainEquivalentOf(email);
    }

    [Fact]
    public async Task AStaffRedaction_IsShownWithItsReason_InBothLanguages_AndInTheFeed()
    {
        var (filed, _, _) = await Data.SentRequestAsync(TestSeeds.VerifiedCityHall, "Parks 2025");
        var staff = await Data.AccountAsync(RoleNames.Staff, PublicData.StaffName);
        await Data.SendAsync(new RecordEventCommand(filed.Id, "answered", staff, Outcome: "partial", Note: "Personal number 01001012345 enclosed."));
        var seq = (await QueryAsync(new GetPublicRequestQuery(filed.Number))).Timeline.Single(entry => entry.Kind == "event:answered").Seq;
        await Data.SendAsync(new RedactTimelineEntryCommand(filed.Id, seq, "Personal number [removed] enclosed.", "a personal number", staff));

        var english = await Visitor.GetAsync($"/en/requests/{filed.Number}/public");
        var entry = english.Find($"#entry-{seq}");
        entry.TextContent.Should().Contain("Personal number [removed] enclosed.").And.Contain("Redacted by staff: a personal number").And.Contain("The body answered");
        english.Html.Should().NotContain("01001012345");
        var georgian = await Visitor.GetAsync($"/ka/requests/{filed.Number}/public");
        georgian.Find($"#entry-{seq} .redaction").TextContent.Should().Be("ტექსტი შეცვალა ორგანიზაციის თანამშრომელმა: a personal number");

        var feed = await Visitor.GetAsync($"/en/requests/{filed.Number}/public/feed");
        feed.Html.Should().Contain("Redacted by staff: a personal number").And.NotContain("01001012345");
    }

    [Fact]
    public async Task TheRequestFeed_IsAtom_WithOneEntryPerPublicTimelineEntry()
    {
        var (filed, _, _) = await Data.SentRequestAsync(TestSeeds.VerifiedCityHall, "Schools 2025");
        var expected = (await QueryAsync(new GetPublicRequestQuery(filed.Number))).Timeline;

        var answer = await Visitor.GetAsync($"/en/requests/{filed.Number}/public/feed");

        answer.Status.Should().Be(HttpStatusCode.OK);
        answer.MediaType.Should().Be("application/atom+xml");
        var feed = XDocument.Parse(answer.Html).Root!;
        feed.Name.Should().Be(Atom + "feed");
        feed.Element(Atom + "title")!.Value.Should().Be($"{filed.Number}: Schools 2025");
        var entries = feed.Elements(Atom + "entry").ToList();
        entries.Select(e => e.Element(Atom + "id")!.Value).Should().Equal(
            expected.OrderByDescending(e => e.Seq).Select(e => $"http://localhost/en/requests/{filed.Number}/public#entry-{e.Seq}"));
        entries.Should().OnlyContain(e => DateTimeOffset.Parse(e.Element(Atom + "updated")!.Value, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow.AddDays(-1));
    }

    [Fact]
    public async Task TheDeadlineCalendar_HasEachDeadline_AsAnAllDayEvent_WithItsCitation()
    {
        var (filed, _, _) = await Data.SentRequestAsync(TestSeeds.VerifiedCityHall, "Water 2025");
        var expected = (await QueryAsync(new GetPublicRequestQuery(filed.Number))).Deadlines;

        var answer = await Visitor.GetAsync($"/en/requests/{filed.Number}/public/deadlines.ics");

        answer.Status.Should().Be(HttpStatusCode.OK);
        answer.MediaType.Should().Be("text/calendar");
        var calendar = Ical.Net.Calendar.Load(answer.Html)!;
        expected.Should().NotBeEmpty();
        calendar.Events.Should().HaveCount(expected.Count);
        foreach (var deadline in expected)
        {
            var happening = calendar.Events.Single(e => e.Uid == $"{filed.Number}-{deadline.Key}@localhost");
            happening.IsAllDay.Should().BeTrue();
            DateOnly.FromDateTime(happening.DtStart!.Value).Should().Be(deadline.Due);
            happening.Description.Should().Contain(deadline.Citation!);
        }
    }

    [Theory]
    [InlineData("/en/requests/2099-999999/public")]
    [InlineData("/en/requests/not-a-number/public")]
    [InlineData("/ka/requests/2099-999999/public/feed")]
    [InlineData("/ka/requests/2099-999999/public/deadlines.ics")]
    public async Task AnUnknownRequest_Is404(string url) =>
        (await Visitor.GetAsync(url)).ShouldBe(HttpStatusCode.NotFound);

    [Fact]
    public async Task ADraft_HasNoPublicPage_NorFeed()
    {
        var (draft, _, _) = await Data.SentRequestAsync(TestSeeds.VerifiedCityHall, "Draft 2025", draft: true);

        (await Visitor.GetAsync($"/en/requests/{draft.Number}/public")).ShouldBe(HttpStatusCode.NotFound);
        (await Visitor.GetAsync($"/en/requests/{draft.Number}/public/feed")).ShouldBe(HttpStatusCode.NotFound);
        (await Visitor.GetAsync($"/en/bodies/{TestSeeds.VerifiedCityHall}/feed")).Html.Should().NotContain(draft.Number);
    }

    [Fact]
    public async Task TheBodyFeed_IsAtom_AndCarriesItsRequestsNewEntries()
    {
        var (filed, _, _) = await Data.SentRequestAsync(TestSeeds.VerifiedCityHall, "Lighting 2025");

        var answer = await Visitor.GetAsync($"/ka/bodies/{TestSeeds.VerifiedCityHall}/feed");

        answer.Status.Should().Be(HttpStatusCode.OK);
        answer.MediaType.Should().Be("application/atom+xml");
        var feed = XDocument.Parse(answer.Html).Root!;
        feed.Attribute(XNamespace.Xml + "lang")!.Value.Should().Be("ka");
        feed.Elements(Atom + "entry").Select(e => e.Element(Atom + "link")!.Attribute("href")!.Value)
            .Should().Contain(link => link.StartsWith($"http://localhost/ka/requests/{filed.Number}/public#entry-", StringComparison.Ordinal));
        (await Visitor.GetAsync("/ka/bodies/no-such-body/feed")).ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task<TResponse> QueryAsync<TResponse>(IQuery<TResponse> query)
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query);
    }
}

using System.Net;
using System.Text.Json;
using FoiTracker.Application.Statistics.Snapshots.PublishSnapshot;
using FoiTracker.Domain.Users;
using FoiTracker.Tests.Support;
using FoiTracker.Web.Tests.Pages.Support;
using FoiTracker.Web.Tests.Support;

namespace FoiTracker.Web.Tests.Pages.Public;

/// <summary>Body pages with their statistics, the statistics of every body, the deadline calculator, the methodology and snapshots.</summary>
public sealed class PublicSitePageTests(FoiTrackerFactory factory) : PageTest(factory)
{
    private PublicData Data { get; } = new(factory);

    [Theory]
    [InlineData("ka", "/statistics", "უწყებების სტატისტიკა")]
    [InlineData("en", "/statistics", "Statistics by body")]
    [InlineData("ka", "/deadline-calculator", "ვადების კალკულატორი")]
    [InlineData("en", "/deadline-calculator", "Deadline calculator")]
    [InlineData("ka", "/statistics/methodology", "სტატისტიკის მეთოდოლოგია")]
    [InlineData("en", "/statistics/methodology", "Statistics methodology")]
    [InlineData("ka", "/statistics/snapshots", "სტატისტიკის ანაბეჭდები")]
    [InlineData("en", "/statistics/snapshots", "Statistics snapshots")]
    public async Task EveryPublicPage_AnswersAnyone_InItsLanguage(string language, string path, string heading)
    {
        var page = await Visitor.GetAsync($"/{language}{path}");

        page.ShouldBe(HttpStatusCode.OK);
        page.Language.Should().Be(language);
        page.Find("h1").TextContent.Should().Be(heading);
        page.Find("link[rel='alternate'][hreflang='" + (language == "ka" ? "en" : "ka") + "']").GetAttribute("href").Should().EndWith(path);
    }

    [Fact]
    public async Task TheNavigation_LinksTheStatistics_NowThatThePageExists()
    {
        var home = await Visitor.GetAsync("/en/");

        home.Find("nav.site-nav a[href='/en/statistics']").TextContent.Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("ka", "სტატისტიკა", "არ ქვეყნდება: 5-ზე ნაკლები")]
    [InlineData("en", "Statistics", "Withheld: fewer than 5")]
    public async Task ABodysPage_ShowsItsStatistics_ChartsBesideTheirTables_AndItsSentRequests(string language, string heading, string withheld)
    {
        var (filed, _, _) = await Data.SentRequestAsync(TestSeeds.VerifiedCityHall, "Bridges 2025");

        var page = await Visitor.GetAsync($"/{language}/bodies/{TestSeeds.VerifiedCityHall}");

        page.ShouldBe(HttpStatusCode.OK);
        page.Find("#statistics").TextContent.Should().Be(heading);
        page.Document.QuerySelectorAll("section[aria-labelledby='statistics'] table.figures").Should().HaveCount(3);
        page.MainText.Should().Contain(withheld);
        var charts = page.Document.QuerySelectorAll("figure.chart").ToList();
        charts.Should().HaveCount(2);
        charts.Should().OnlyContain(chart => chart.QuerySelector("svg") != null && chart.QuerySelector("table.chart-data") != null);
        page.Find($"a[href='/{language}/requests/{filed.Number}/public']").TextContent.Should().Be("Bridges 2025");
        page.Find($"a[href='/{language}/statistics/methodology']").Should().NotBeNull();
        page.Find("link[rel='alternate'][type='application/atom+xml']").GetAttribute("href").Should().Be($"/{language}/bodies/{TestSeeds.VerifiedCityHall}/feed");
    }

    [Fact]
    public async Task TheStatisticsPage_ListsTheBodiesAsTheApiRanksThem_FilteredByKind()
    {
        var page = await Visitor.GetAsync("/en/statistics");
        var filtered = await page.Form("main form").Set("kind", "court").SubmitAsync();

        filtered.ShouldBe(HttpStatusCode.OK);
        filtered.Url.Query.Should().Contain("kind=court");
        using var api = await Factory.CreateClient().GetAsync("/api/statistics/bodies?kind=court");
        var expected = (await api.ReadJsonAsync()).GetProperty("bodies").EnumerateArray()
            .Select(body => "/en/bodies/" + body.GetProperty("key").GetString()).Take(50).ToList();
        expected.Should().NotBeEmpty();
        filtered.Document.QuerySelectorAll("table.ranking tbody th a").Select(link => link.GetAttribute("href")).Should().Equal(expected);
        filtered.Find("select[name='kind'] option[selected]").GetAttribute("value").Should().Be("court");
        filtered.Document.QuerySelectorAll("figure.chart svg").Should().HaveCount(1);
    }

    [Theory]
    [InlineData("ka", "ჩაწერეთ უკვე დაწყებული პერიოდი: 2026, 2026-Q2, 2026-03 ან 2026-01-01..2026-06-30.")]
    [InlineData("en", "Write a period that has begun: 2026, 2026-Q2, 2026-03 or 2026-01-01..2026-06-30.")]
    public async Task ABadPeriod_IsRefusedBesideItsField(string language, string message)
    {
        var page = await Visitor.GetAsync($"/{language}/statistics?period=2026-13");

        page.ShouldBe(HttpStatusCode.BadRequest);
        page.FieldError("period").Should().Be(message);
        page.Document.QuerySelector("table.ranking").Should().BeNull();
    }

    [Fact]
    public async Task TheCalculator_GivesTheApisDueDay_WithTheCitation_AndTheDaysSkipped()
    {
        var form = await Visitor.GetAsync("/en/deadline-calculator");
        form.ShouldBe(HttpStatusCode.OK);

        var result = await form.Form("main form").Set("statute", "ge-gac").Set("deadline", "response").Set("from", "2026-03-02").SubmitAsync();

        result.ShouldBe(HttpStatusCode.OK);
        using var api = await Factory.CreateClient().GetAsync("/api/deadlines?statute=ge-gac&deadline=response&from=2026-03-02&lang=en");
        var expected = await api.ReadJsonAsync();
        var due = DateOnly.Parse(expected.GetProperty("due").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        result.Find("p.due").TextContent.Should().Be($"The deadline falls on {due.ToString("d MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"))}");
        result.Find("dd.citation").TextContent.Should().Be(expected.GetProperty("citation").GetString());
        result.Document.QuerySelectorAll("ul.skipped li").Should().HaveCount(expected.GetProperty("skipped").GetArrayLength());
        expected.GetProperty("skipped").GetArrayLength().Should().BeGreaterThan(0, "the example runs over weekends");
    }

    [Theory]
    [InlineData("ka", "ჩაწერეთ თარიღი სრულად, მაგალითად 2026-03-16.", "აირჩიეთ, რომელი ვადა გამოვთვალოთ.")]
    [InlineData("en", "Write a whole date, for example 2026-03-16.", "Choose which deadline to work out.")]
    public async Task TheCalculator_RefusesABadDay_AndAMissingDeadline_BesideTheirFields(string language, string dayMessage, string deadlineMessage)
    {
        var page = await Visitor.GetAsync($"/{language}/deadline-calculator?statute=ge-gac&deadline=&from=16.03.2026");

        page.ShouldBe(HttpStatusCode.BadRequest);
        page.FieldError("from").Should().Be(dayMessage);
        page.FieldError("deadline").Should().Be(deadlineMessage);
    }

    [Fact]
    public async Task TheMethodology_IsTheDocument_InThePagesLanguage_AndTheStatisticsLinkToIt()
    {
        var georgian = await Visitor.GetAsync("/ka/statistics/methodology");
        var english = await Visitor.GetAsync("/en/statistics/methodology");

        georgian.ShouldBe(HttpStatusCode.OK);
        georgian.Texts("article h2").Should().Contain("პერიოდი და შეფასების დღე").And.NotContain("Period and the day of evaluation");
        english.Texts("article h2").Should().Contain("Period and the day of evaluation").And.NotContain("პერიოდი და შეფასების დღე");
        english.Find("footer a[href='/en/statistics/methodology']").Should().NotBeNull();
        using var api = await Factory.CreateClient().GetAsync("/api/statistics/bodies");
        var link = (await api.ReadJsonAsync()).GetProperty("basis").GetProperty("methodology").GetString();
        (await Visitor.GetAsync(link!)).ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ASnapshot_IsListed_AndItsPageCitesItInBothLanguages_WithItsHash()
    {
        var staff = await Data.AccountAsync(RoleNames.Staff, PublicData.StaffName);
        var first = await Data.SendAsync(new PublishSnapshotCommand("2026", null, "ge-gac", null, staff, "http://localhost"));
        var second = await Data.SendAsync(new PublishSnapshotCommand("2026", null, "ge-gac", first.Id, staff, "http://localhost"));

        var list = await Visitor.GetAsync("/en/statistics/snapshots");
        list.ShouldBe(HttpStatusCode.OK);
        list.Find($"a[href='/en/statistics/snapshots/{second.Id}']").TextContent.Should().Be(second.Id);

        var page = await Visitor.GetAsync($"/ka/statistics/snapshots/{second.Id}");
        page.ShouldBe(HttpStatusCode.OK);
        page.Find("p.citation[lang='ka']").TextContent.Should().Be(second.CiteAs.Ka);
        page.Find("p.citation[lang='en']").TextContent.Should().Be(second.CiteAs.En);
        page.Find("code.hash").TextContent.Should().Be(second.Sha256);
        page.Find($"a[href='/ka/statistics/snapshots/{first.Id}']").TextContent.Should().Be(first.Id);
        var replaced = await Visitor.GetAsync($"/en/statistics/snapshots/{first.Id}");
        replaced.MainText.Should().Contain("Replaced by").And.Contain(second.Id);
        (await Visitor.GetAsync("/en/statistics/snapshots/no-such-snapshot")).ShouldBe(HttpStatusCode.NotFound);
    }
}

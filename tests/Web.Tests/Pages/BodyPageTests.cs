using System.Net;
using FoiTracker.Tests.Support;
using FoiTracker.Web.Tests.Pages.Support;
using FoiTracker.Web.Tests.Support;

namespace FoiTracker.Web.Tests.Pages;

/// <summary>Finding a public body and reading its page: the same search as GET /api/bodies, as a GET form.</summary>
public sealed class BodyPageTests(FoiTrackerFactory factory) : PageTest(factory)
{
    [Fact]
    public async Task TheHomePageSearch_FindsABodyByItsGeorgianName()
    {
        var home = await Visitor.GetAsync("/ka/");

        var results = await home.Form("form[role='search']").Set("q", "გორის მერია").SubmitAsync();

        results.ShouldBe(HttpStatusCode.OK);
        results.Url.AbsolutePath.Should().Be("/ka/bodies");
        results.Find("[name='q']").GetAttribute("value").Should().Be("გორის მერია");
        var found = results.Document.QuerySelectorAll("ol.results a").Select(link => (Text: link.TextContent, Href: link.GetAttribute("href"))).ToList();
        found.Should().Contain(("გორის მუნიციპალიტეტის მერია", "/ka/bodies/ge-gori-city-hall"));
        results.Find("p.result-count").TextContent.Should().Be($"ნაპოვნია: {found.Count}");
    }

    [Fact]
    public async Task TheSearch_FindsWhatTheApiFinds()
    {
        var page = await Visitor.GetAsync("/en/bodies?q=gori");
        var api = await Factory.CreateClient().GetAsync("/api/bodies?q=gori");

        var json = await api.ReadJsonAsync();
        var fromApi = json.Items().Select(body => "/en/bodies/" + body.GetProperty("key").GetString()).ToList();
        fromApi.Should().NotBeEmpty();
        page.Document.QuerySelectorAll("ol.results a").Select(link => link.GetAttribute("href")).Should().Equal(fromApi);
    }

    [Fact]
    public async Task AManyPageResult_LinksTheNextPage_KeepingTheSearch()
    {
        var first = await Visitor.GetAsync("/en/bodies");

        var next = first.Find("nav.pager a[rel='next']").GetAttribute("href");
        next.Should().Be("/en/bodies?page=2");
        var second = await Visitor.GetAsync(next!);
        second.ShouldBe(HttpStatusCode.OK);
        second.Find("nav.pager a[rel='prev']").GetAttribute("href").Should().Be("/en/bodies?page=1");
        second.Texts("ol.results a").Should().NotIntersectWith(first.Texts("ol.results a"));
    }

    [Fact]
    public async Task ASearchTooLong_IsRefusedBesideTheField()
    {
        var page = await Visitor.GetAsync("/ka/bodies?q=" + new string('ა', 201));

        page.ShouldBe(HttpStatusCode.BadRequest);
        page.FieldError("q").Should().Be("საძიებო ტექსტი მაქსიმუმ 200 სიმბოლოსგან შეიძლება შედგებოდეს.");
        page.Document.QuerySelector("ol.results").Should().BeNull();
    }

    [Fact]
    public async Task ABodysPage_ShowsItsContactAndWhereAComplaintGoes()
    {
        var page = await Visitor.GetAsync($"/en/bodies/{TestSeeds.VerifiedCityHall}");

        page.ShouldBe(HttpStatusCode.OK);
        page.Find("h1").TextContent.Should().Be(TestSeeds.VerifiedCityHallName);
        page.MainText.Should().Contain("1 Test Street").And.Contain(TestSeeds.VerifiedCityHallAddress).And.Contain("(checked)");
        var complaint = page.Find("a[href='/en/bodies/ge-gori-mayor']");
        complaint.TextContent.Should().Be("Mayor of Gori Municipality");
        page.MainText.Should().Contain("(LSG 62(1))");
        page.Find("a[href='/en/bodies/ge-gori-district-court']").TextContent.Should().Be("Gori District Court");
    }

    [Fact]
    public async Task AnUnknownBody_Is404_OnTheErrorPage()
    {
        var page = await Visitor.GetAsync("/ka/bodies/no-such-body");

        page.ShouldBe(HttpStatusCode.NotFound);
        page.Language.Should().Be("ka");
        page.Find("h1").TextContent.Should().Be("გვერდი ვერ მოიძებნა");
    }
}

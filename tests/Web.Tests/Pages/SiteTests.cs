using System.Net;
using FoiTracker.Web.Tests.Pages.Support;
using FoiTracker.Web.Tests.Support;

namespace FoiTracker.Web.Tests.Pages;

/// <summary>What every page stands on: the language in the address, the layout, the error page, and the API left as it was.</summary>
public sealed class SiteTests(FoiTrackerFactory factory) : PageTest(factory)
{
    [Fact]
    public async Task TheSiteRoot_RedirectsToTheGeorgianHomePage()
    {
        var root = await Visitor.GetAsync("/");

        root.ShouldRedirectTo("/ka/");
        var home = await root.FollowAsync();
        home.ShouldBe(HttpStatusCode.OK);
        home.Language.Should().Be("ka");
    }

    [Theory]
    [InlineData("ka", "en", "საჯარო დაწესებულების ძიება", "English")]
    [InlineData("en", "ka", "Find a public body", "ქართული")]
    public async Task EachLanguage_SaysItsLanguage_AndLinksTheSamePageInTheOther(string language, string other, string findBody, string switchText)
    {
        var page = await Visitor.GetAsync($"/{language}/bodies?q=gori");

        page.ShouldBe(HttpStatusCode.OK);
        page.Language.Should().Be(language);
        page.Find("h1").TextContent.Should().Be(findBody);
        page.Find($"link[rel='alternate'][hreflang='{other}']").GetAttribute("href").Should().Be($"http://localhost/{other}/bodies?q=gori");
        page.Find($"link[rel='alternate'][hreflang='{language}']").GetAttribute("href").Should().Be($"http://localhost/{language}/bodies?q=gori");
        var languageSwitch = page.Find("footer a.language-switch");
        languageSwitch.GetAttribute("href").Should().Be($"/{other}/bodies?q=gori");
        languageSwitch.GetAttribute("lang").Should().Be(other);
        languageSwitch.TextContent.Should().Be(switchText);
    }

    [Fact]
    public async Task TheLayout_HasASkipLink_ANavigation_AndTheOptionalScriptDeferred()
    {
        var page = await Visitor.GetAsync("/en/");

        page.Find("a.skip-link").GetAttribute("href").Should().Be("#main");
        page.Find("main").Id.Should().Be("main");
        page.Find("nav.site-nav").GetAttribute("aria-label").Should().Be("Main navigation");
        page.Texts("nav.site-nav a").Should().Contain("Find a public body");
        var script = page.Find("script[src^='/lib/htmx/']");
        script.HasAttribute("defer").Should().BeTrue("nothing may wait for the optional script");
        page.Find("link[rel='stylesheet']").GetAttribute("href").Should().StartWith("/css/site.css?v=");
    }

    [Fact]
    public async Task TheLayout_LinksNoPageThatIsNotBuiltYet()
    {
        var page = await Visitor.GetAsync("/en/");

        foreach (var href in page.Document.QuerySelectorAll("a[href^='/en']").Select(link => link.GetAttribute("href")!).Distinct())
            (await Visitor.GetAsync(href)).Status.Should().NotBe(HttpStatusCode.NotFound, "the page links {0}", href);
    }

    [Theory]
    [InlineData("/css/site.css", "text/css")]
    [InlineData("/lib/htmx/htmx.min.js", "text/javascript")]
    public async Task StaticFiles_AreServed(string path, string mediaType)
    {
        var file = await Visitor.GetAsync(path);

        file.Status.Should().Be(HttpStatusCode.OK);
        file.MediaType.Should().Be(mediaType);
        file.Html.Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("ka", "გვერდი ვერ მოიძებნა")]
    [InlineData("en", "Page not found")]
    public async Task AnAddressWithNoPage_AnswersTheErrorPage_In404_InTheAddresssLanguage(string language, string title)
    {
        var page = await Visitor.GetAsync($"/{language}/no-such-page");

        page.ShouldBe(HttpStatusCode.NotFound);
        page.Language.Should().Be(language);
        page.Find("h1").TextContent.Should().Be(title);
        page.Find("footer a.language-switch").GetAttribute("href").Should().Be($"/{(language == "ka" ? "en" : "ka")}/no-such-page");
    }

    [Fact]
    public async Task TheApi_KeepsItsJsonAndItsProblemDetails()
    {
        var bodies = await Visitor.GetAsync("/api/bodies?q=gori");
        var missing = await Visitor.GetAsync("/api/no-such-thing");

        bodies.Status.Should().Be(HttpStatusCode.OK);
        bodies.MediaType.Should().Be("application/json");
        missing.Status.Should().Be(HttpStatusCode.NotFound);
        missing.MediaType.Should().Be("application/problem+json");
    }

    [Fact]
    public async Task AnApiCall_WithoutAToken_Is401_NotARedirectToTheSignInPage()
    {
        var users = await Visitor.GetAsync("/api/users");

        users.Status.Should().Be(HttpStatusCode.Unauthorized);
        users.MediaType.Should().Be("application/problem+json");
    }
}

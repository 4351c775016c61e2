using System.Net;
using System.Text.Json;
using FoiTracker.Web.Tests.Support;

namespace FoiTracker.Web.Tests;

/// <summary>Searching and reading public bodies, as anyone (no sign-in) does before filing a request.</summary>
public sealed class BodyEndpointTests(FoiTrackerFactory factory) : IClassFixture<FoiTrackerFactory>
{
    private const string GoriCityHall = "ge-gori-city-hall";

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Search_ForGeorgianName_FindsGoriCityHallWithBothNames()
    {
        var page = await SearchAsync("q=" + Uri.EscapeDataString("გორი") + "&pageSize=100");

        var cityHall = page.Items().Should().ContainSingle(body => body.GetProperty("key").GetString() == GoriCityHall).Subject;
        cityHall.GetProperty("name").GetProperty("ka").GetString().Should().Be("გორის მუნიციპალიტეტის მერია");
        cityHall.GetProperty("name").GetProperty("en").GetString().Should().Be("Gori Municipality City Hall");
    }

    [Theory]
    [InlineData("gori")]
    [InlineData("GORI")]
    [InlineData("GoRi")]
    public async Task Search_ForLatinNameInAnyCase_FindsGoriCityHall(string text)
    {
        var page = await SearchAsync($"q={text}&pageSize=100");

        page.Items().Select(body => body.GetProperty("key").GetString()).Should().Contain(GoriCityHall);
    }

    [Fact]
    public async Task Search_WithPageSizeTwo_ReturnsTwoItemsAndTheWholeCount()
    {
        var all = await SearchAsync("pageSize=100");
        var total = all.GetProperty("total").GetInt64();
        total.Should().BeGreaterThan(2, "the seeds hold more than two bodies");

        var page = await SearchAsync("pageSize=2");

        page.Items().Should().HaveCount(2);
        page.GetProperty("page").GetInt32().Should().Be(1);
        page.GetProperty("pageSize").GetInt32().Should().Be(2);
        page.GetProperty("total").GetInt64().Should().Be(total);
        page.GetProperty("pageCount").GetInt32().Should().Be((int)((total + 1) / 2));
    }

    [Fact]
    public async Task Search_ForPagesInOrder_ListsEveryBodyOnce()
    {
        var first = await SearchAsync("pageSize=5");
        var pageCount = first.GetProperty("pageCount").GetInt32();
        var keys = new List<string?>();
        for (var number = 1; number <= pageCount; number++)
            keys.AddRange((await SearchAsync($"pageSize=5&page={number}")).Items().Select(body => body.GetProperty("key").GetString()));

        keys.Should().OnlyHaveUniqueItems().And.HaveCount((int)first.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task Search_ForPageBeyondTheEnd_ReturnsEmptyListWithTotal()
    {
        var first = await SearchAsync("pageSize=2");
        var beyond = first.GetProperty("pageCount").GetInt32() + 1;

        var page = await SearchAsync($"pageSize=2&page={beyond}");

        page.Items().Should().BeEmpty();
        page.GetProperty("page").GetInt32().Should().Be(beyond);
        page.GetProperty("total").GetInt64().Should().Be(first.GetProperty("total").GetInt64());
    }

    [Theory]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=101", "pageSize")]
    [InlineData("page=0", "page")]
    [InlineData("page=-3", "page")]
    public async Task Search_WithPagingOutOfRange_Returns400NamingTheField(string query, string field)
    {
        using var response = await _client.GetAsync("/api/bodies?" + query);

        await response.ShouldBeValidationProblemForAsync(field);
    }

    [Fact]
    public async Task Search_WithTooLongText_Returns400NamingQ()
    {
        using var response = await _client.GetAsync("/api/bodies?q=" + new string('a', 201));

        await response.ShouldBeValidationProblemForAsync("q");
    }

    [Fact]
    public async Task Search_WithPageThatIsNotANumber_Returns400NamingPage()
    {
        using var response = await _client.GetAsync("/api/bodies?page=abc");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.Detail().Should().Contain("'page'").And.Contain("abc");
    }

    [Theory]
    [InlineData("%")]
    [InlineData("_")]
    [InlineData("gori%")]
    [InlineData("g_ri")]
    [InlineData("%gori%")]
    [InlineData("\\")]
    [InlineData("gori\\")]
    public async Task Search_WithLikeWildcards_MatchesThemOnlyLiterally(string text)
    {
        // No seeded name contains % or _, so a search that finds anything has let a wildcard through.
        var page = await SearchAsync("q=" + Uri.EscapeDataString(text));

        page.Items().Should().BeEmpty();
        page.GetProperty("total").GetInt64().Should().Be(0);
    }

    [Fact]
    public async Task Get_ForGoriCityHall_Returns200WithComplaintRoute()
    {
        using var response = await _client.GetAsync("/api/bodies/" + GoriCityHall);

        var body = await response.ReadJsonAsync();
        body.GetProperty("key").GetString().Should().Be(GoriCityHall);
        body.GetProperty("complaintsTo").GetString().Should().Be("ge-gori-mayor");
        body.GetProperty("name").GetProperty("en").GetString().Should().Be("Gori Municipality City Hall");
    }

    [Fact]
    public async Task Get_ForUnknownKey_Returns404NamingTheKey()
    {
        using var response = await _client.GetAsync("/api/bodies/ge-no-such-body");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        problem.Detail().Should().Contain("ge-no-such-body");
    }

    private async Task<JsonElement> SearchAsync(string query)
    {
        using var response = await _client.GetAsync("/api/bodies?" + query);
        return await response.ReadJsonAsync();
    }
}

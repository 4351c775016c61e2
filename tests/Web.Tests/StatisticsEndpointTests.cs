using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FoiTracker.Web.Tests.Support;

namespace FoiTracker.Web.Tests;

/// <summary>The public statistics endpoints: JSON and CSV, the basis every answer carries, and clear 4xx answers.</summary>
public sealed class StatisticsEndpointTests(FoiTrackerFactory factory) : IClassFixture<FoiTrackerFactory>
{
    private static readonly byte[] Bom = [0xEF, 0xBB, 0xBF];

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task BodiesAsJson_CarryTheBasisAndEveryBodyWithItsSampleSizes()
    {
        var result = await (await _client.GetAsync("/api/statistics/bodies?period=2026-Q1&asOf=2026-04-30&municipality=gori")).ReadJsonAsync();

        var basis = result.GetProperty("basis");
        basis.GetProperty("methodologyVersion").GetString().Should().Be("1.0");
        basis.GetProperty("methodology").GetString().Should().Be("/ka/statistics/methodology");
        (basis.GetProperty("period").GetString(), basis.GetProperty("from").GetString(), basis.GetProperty("to").GetString(), basis.GetProperty("asOf").GetString())
            .Should().Be(("2026-Q1", "2026-01-01", "2026-03-31", "2026-04-30"));
        basis.GetProperty("minimumForPercentages").GetInt32().Should().Be(5);
        var bodies = result.GetProperty("bodies").EnumerateArray().ToList();
        bodies.Select(body => body.GetProperty("key").GetString()).Should().BeEquivalentTo(["ge-gori-city-hall", "ge-gori-council", "ge-gori-mayor"]);
        var onTime = bodies[0].GetProperty("figures").GetProperty("onTime");
        (onTime.GetProperty("count").GetInt32(), onTime.GetProperty("of").GetInt32()).Should().Be((0, 0));
        onTime.GetProperty("withheld").GetString().Should().Contain("Fewer than 5");
    }

    [Theory]
    [InlineData("/api/statistics/bodies?period=2026&asOf=2026-06-30&format=csv", null)]
    [InlineData("/api/statistics/bodies?period=2026&asOf=2026-06-30", "text/csv")]
    public async Task BodiesAsCsv_AreUtf8WithAByteOrderMark_AndShowGeorgianNames(string url, string? accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null)
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));

        var response = await _client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).Should().Equal(Bom);
        var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].Should().StartWith("methodology_version,methodology,period,as_of,statutes,outcome_mapping,body_key,name_ka,name_en");
        lines.Should().Contain(line => line.Contains("გორის მუნიციპალიტეტის მერია", StringComparison.Ordinal));
        lines.Skip(1).Should().OnlyContain(line => line.StartsWith("1.0,/ka/statistics/methodology,2026,2026-06-30,", StringComparison.Ordinal));
        // A name with a comma is quoted (RFC 4180), not split.
        lines.Should().Contain(line => line.Contains("\"Ministry of Education, Science and Youth of Georgia\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task OneBody_IsFound_AndAnUnknownOneIsA404()
    {
        var found = await (await _client.GetAsync("/api/statistics/bodies/ge-kaspi-mayor?period=2026-03&asOf=2026-04-01")).ReadJsonAsync();
        found.GetProperty("body").GetProperty("municipality").GetString().Should().Be("kaspi");
        found.GetProperty("body").GetProperty("figures").GetProperty("sent").GetInt32().Should().Be(0);

        var problem = await (await _client.GetAsync("/api/statistics/bodies/ge-nowhere?period=2026")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        problem.Detail().Should().Contain("ge-nowhere");
    }

    [Theory]
    [InlineData("/api/statistics/bodies?period=2026-Q5", "period", "a quarter (2026-Q1)")]
    [InlineData("/api/statistics/bodies?period=2026&asOf=31.03.2026", "asOf", "yyyy-MM-dd")]
    [InlineData("/api/statistics/bodies?period=2026-06&asOf=2026-05-31", "asOf", "before the period's first day")]
    [InlineData("/api/statistics/bodies?period=2026&asOf=2999-01-01", "asOf", "after today")]
    [InlineData("/api/statistics/bodies?kind=village", "kind", "city_hall")]
    [InlineData("/api/statistics/bodies?format=xlsx", "format", "'csv'")]
    [InlineData("/api/statistics/groups?by=colour", "by", "'municipality'")]
    [InlineData("/api/statistics/requests.csv?period=2026&body=Gori City", "body", "lower-case")]
    public async Task BadParameters_AreA400NamingTheParameterAndTheAcceptedForms(string url, string field, string hint)
    {
        var messages = await (await _client.GetAsync(url)).ShouldBeValidationProblemForAsync(field);

        messages.Should().Contain(message => message.Contains(hint, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Groups_ByKind_ComeBackPerKind()
    {
        var result = await (await _client.GetAsync("/api/statistics/groups?by=kind&period=2026&asOf=2026-06-30")).ReadJsonAsync();

        result.GetProperty("by").GetString().Should().Be("kind");
        result.GetProperty("basis").GetProperty("period").GetString().Should().Be("2026");
    }

    [Fact]
    public async Task TheRequestLevelCsv_StartsWithTheBomAndItsHeader_AndHasNoPersonalColumns()
    {
        var response = await _client.GetAsync("/api/statistics/requests.csv?period=2026&body=ge-gori-city-hall");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).Should().Equal(Bom);
        Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Should().StartWith(
            "number,body_key,sent,due,first_answer,outcome,working_days_to_answer,complaint_filed,court_filed\r\n");
        response.Content.Headers.ContentDisposition!.FileName.Should().Contain("requests-ge-gori-city-hall-2026.csv");
    }
}

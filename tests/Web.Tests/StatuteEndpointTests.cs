using System.Net;
using System.Text.Json;
using FoiTracker.Web.Tests.Support;

namespace FoiTracker.Web.Tests;

/// <summary>The public deadline calculator and the law-as-data endpoints.</summary>
public sealed class StatuteEndpointTests(FoiTrackerFactory factory) : IClassFixture<FoiTrackerFactory>
{
    private static readonly string[] AllStatutes = ["de-ifg", "eu-1049", "ge-gac", "ie-foi", "sc-foisa", "ua-api", "uk-foia", "us-ca-cpra", "us-foia"];

    private readonly HttpClient _client = factory.CreateClient();

    [Theory]
    [InlineData("2027-04-27", "2027-05-14")]
    [InlineData("2026-12-29", "2027-01-14")]
    [InlineData("2026-11-02", "2026-11-16")]
    public async Task Deadline_GeorgianResponse_MatchesTheHandCountedVectors(string from, string due)
    {
        var result = await GetJsonAsync($"/api/deadlines?statute=ge-gac&deadline=response&from={from}");

        result.GetProperty("due").GetString().Should().Be(due);
        result.GetProperty("from").GetString().Should().Be(from);
        result.GetProperty("statute").GetString().Should().Be("ge-gac");
        result.GetProperty("statuteVersion").GetInt32().Should().BeGreaterThan(0);
        result.GetProperty("value").GetInt32().Should().Be(10);
        result.GetProperty("unit").GetString().Should().Be("working_days");
        result.GetProperty("citation").GetString().Should().Contain("GAC 40");
    }

    [Fact]
    public async Task Deadline_OverOrthodoxEaster2027_ListsEverySkippedHolidayWithItsReason()
    {
        var result = await GetJsonAsync("/api/deadlines?statute=ge-gac&deadline=response&from=2027-04-27");

        var skipped = result.GetProperty("skipped").EnumerateArray()
            .ToDictionary(day => day.GetProperty("date").GetString()!, day => day.GetProperty("reason").GetString()!);
        skipped.Keys.Should().Contain(["2027-04-30", "2027-05-01", "2027-05-02", "2027-05-03", "2027-05-12"]);
        skipped["2027-04-30"].Should().Contain("Good Friday");
        skipped["2027-05-08"].Should().Contain("rest day");
    }

    [Fact]
    public async Task Deadline_InGeorgian_NamesTheHolidaysInGeorgian()
    {
        var result = await GetJsonAsync("/api/deadlines?statute=ge-gac&deadline=response&from=2027-04-27&lang=ka");

        result.GetProperty("skipped").EnumerateArray().Select(day => day.GetProperty("reason").GetString())
            .Should().Contain(reason => reason!.Contains('ა'));
    }

    [Fact]
    public async Task Deadline_WithPausedDays_MovesTheDueDateByThatManyWorkingDays()
    {
        var plain = await GetJsonAsync("/api/deadlines?statute=ge-gac&deadline=response&from=2026-11-02");
        var paused = await GetJsonAsync("/api/deadlines?statute=ge-gac&deadline=response&from=2026-11-02&pausedDays=3");

        plain.GetProperty("due").GetString().Should().Be("2026-11-16");
        // 17, 18, 19 November 2026 are Tuesday to Thursday, all working days.
        paused.GetProperty("due").GetString().Should().Be("2026-11-19");
        paused.GetProperty("pausedDays").GetInt32().Should().Be(3);
    }

    [Fact]
    public async Task Statutes_ListsAllNine_WithTheirDeadlineKeys()
    {
        var list = await GetJsonAsync("/api/statutes");

        list.EnumerateArray().Select(statute => statute.GetProperty("id").GetString()).Should().BeEquivalentTo(AllStatutes);
        var georgia = list.EnumerateArray().Single(statute => statute.GetProperty("id").GetString() == "ge-gac");
        georgia.GetProperty("deadlines").EnumerateArray().Select(key => key.GetString())
            .Should().Contain(["response", "refusal_explanation", "forwarding", "complaint_filing", "complaint_decision", "complaint_decision_extended", "court_filing"]);
    }

    [Theory]
    [MemberData(nameof(StatuteIds))]
    public async Task EveryStatute_AnswersItsOwnDeadlines(string id)
    {
        var statute = await GetJsonAsync($"/api/statutes/{id}");

        foreach (var rule in statute.GetProperty("deadlines").EnumerateArray())
        {
            var key = rule.GetProperty("key").GetString();
            var result = await GetJsonAsync($"/api/deadlines?statute={id}&deadline={key}&from=2027-03-15");
            DateOnly.Parse(result.GetProperty("due").GetString()!, System.Globalization.CultureInfo.InvariantCulture)
                .Should().BeAfter(new DateOnly(2027, 3, 15), $"{id}/{key} is due after its event");
        }
    }

    public static TheoryData<string> StatuteIds() => new(AllStatutes);

    [Fact]
    public async Task Holidays_OfGeorgia2027_IncludeOrthodoxEasterAndStAndrew()
    {
        var holidays = await GetJsonAsync("/api/calendars/ge/holidays?year=2027");

        var byDate = holidays.EnumerateArray().ToDictionary(day => day.GetProperty("date").GetString()!, day => day.GetProperty("name"));
        byDate.Keys.Should().Contain(["2027-01-07", "2027-04-30", "2027-05-02", "2027-05-03", "2027-05-12", "2027-05-26", "2027-11-23"]);
        byDate["2027-04-30"].GetProperty("en").GetString().Should().Contain("Good Friday");
        byDate["2027-04-30"].GetProperty("ka").GetString().Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task UnknownStatute_Is404NamingItAndTheValidOnes()
    {
        var problem = await (await _client.GetAsync("/api/deadlines?statute=ge-xyz&deadline=response&from=2027-01-01")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        problem.Detail().Should().Contain("ge-xyz").And.Contain("ge-gac").And.Contain("uk-foia");
    }

    [Fact]
    public async Task UnknownDeadlineKey_Is404NamingItAndTheStatutesKeys()
    {
        var problem = await (await _client.GetAsync("/api/deadlines?statute=ge-gac&deadline=answer&from=2027-01-01")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        problem.Detail().Should().Contain("answer").And.Contain("response").And.Contain("court_filing");
    }

    [Fact]
    public async Task UnknownCalendar_Is404NamingTheValidOnes()
    {
        var problem = await (await _client.GetAsync("/api/calendars/atlantis/holidays?year=2027")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        problem.Detail().Should().Contain("atlantis").And.Contain("gb-eng");
    }

    [Fact]
    public async Task UnknownStatutePath_Is404()
    {
        var problem = await (await _client.GetAsync("/api/statutes/xx-law")).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        problem.Detail().Should().Contain("xx-law");
    }

    [Theory]
    [InlineData("from=2027-13-01", "from")]
    [InlineData("from=27.04.2027", "from")]
    [InlineData("from=1989-12-31", "from")]
    [InlineData("from=2101-01-01", "from")]
    [InlineData("from=2027-04-27&pausedDays=-1", "pausedDays")]
    [InlineData("from=2027-04-27&lang=fr", "lang")]
    [InlineData("", "from")]
    public async Task BadCalculatorInput_Is400NamingTheField(string query, string field)
    {
        var response = await _client.GetAsync($"/api/deadlines?statute=ge-gac&deadline=response&{query}");

        var messages = await response.ShouldBeValidationProblemForAsync(field);
        messages.Should().NotBeEmpty();
    }

    [Fact]
    public async Task BoundaryDates_1990And2100_AreAnswered()
    {
        (await GetJsonAsync("/api/deadlines?statute=ge-gac&deadline=response&from=1990-01-01")).GetProperty("due").GetString().Should().StartWith("1990-01");
        (await GetJsonAsync("/api/deadlines?statute=ge-gac&deadline=response&from=2100-12-31")).GetProperty("due").GetString().Should().StartWith("2101-01");
    }

    [Theory]
    [InlineData("year=1989")]
    [InlineData("year=2101")]
    [InlineData("")]
    public async Task Holidays_WithAYearOutOfRange_Is400(string query)
    {
        await (await _client.GetAsync($"/api/calendars/ge/holidays?{query}")).ShouldBeValidationProblemForAsync("year");
    }

    [Fact]
    public async Task PausedDaysThatIsNotANumber_Is400()
    {
        var problem = await (await _client.GetAsync("/api/deadlines?statute=ge-gac&deadline=response&from=2027-04-27&pausedDays=two")).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        problem.Detail().Should().Contain("pausedDays");
    }

    private async Task<JsonElement> GetJsonAsync(string path) => await (await _client.GetAsync(path)).ReadJsonAsync();
}

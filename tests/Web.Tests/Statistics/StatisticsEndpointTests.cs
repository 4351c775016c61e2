using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Xml.Linq;
using CsvHelper;
using FoiTracker.Tests.Support;
using FoiTracker.Web.Tests.Support;

namespace FoiTracker.Web.Tests.Statistics;

/// <summary>Snapshots, annual reports and charts over HTTP: who may publish, what is served, and the 4xx a person can understand.</summary>
public sealed class StatisticsEndpointTests(FoiTrackerFactory factory) : IClassFixture<FoiTrackerFactory>
{
    private const string Password = "A-long-enough-password";
    private static readonly string Year = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(4)).Year.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Staff_publish_a_snapshot_whose_content_hashes_to_its_sha256_and_which_lists_as_CSV_with_a_BOM()
    {
        var client = factory.CreateClient();
        var citizen = await RegisterCitizenAsync(client);
        using (var filed = await client.PostAsAsync(citizen, "/api/requests", new
        {
            bodyKey = TestSeeds.VerifiedCityHall, subject = "Budget", text = "Please send the budget.",
            requester = new { name = "Nino Beridze", email = "nino@example.ge" }, submittedAt = DateTimeOffset.UtcNow.AddMinutes(-5),
        }))
            filed.StatusCode.Should().Be(HttpStatusCode.Created);
        var admin = await client.GetAdminTokenAsync();

        using var published = await client.PostAsAsync(admin, "/api/statistics/snapshots", new { period = Year });
        var snapshot = await published.ReadJsonAsync(HttpStatusCode.Created);
        var id = snapshot.GetProperty("id").GetString()!;
        published.Headers.Location!.ToString().Should().EndWith($"/api/statistics/snapshots/{id}");
        id.Should().Be($"{Year}-ge-gac-1");

        using var content = await client.GetAsync($"/api/statistics/snapshots/{id}/content");
        var bytes = await content.Content.ReadAsByteArrayAsync();
        Convert.ToHexStringLower(SHA256.HashData(bytes)).Should().Be(snapshot.GetProperty("sha256").GetString());
        content.Headers.GetValues("Repr-Digest").Single().Should().Be($"sha-256=:{Convert.ToBase64String(SHA256.HashData(bytes))}:");

        using var one = await client.GetAsync($"/api/statistics/snapshots/{id}");
        var details = await one.ReadJsonAsync();
        details.GetProperty("content").GetProperty("bodies")[0].GetProperty("figures").GetProperty("sent").GetInt32().Should().Be(1);
        details.GetProperty("snapshot").GetProperty("citeAs").GetProperty("ka").GetString().Should().Contain("მდგომარეობით").And.Contain(id);

        var list = await CsvAsync(client, "/api/statistics/snapshots?format=csv");
        list[0].Should().StartWith(["id", "period"]);
        list.Should().HaveCount(2);
        list[1][0].Should().Be(id);
        list[1][list[0].IndexOf("cite_as_ka")].Should().Contain("საჯარო ინფორმაციის სტატისტიკა");
        var rows = await CsvAsync(client, $"/api/statistics/snapshots/{id}?format=csv");
        rows.Should().HaveCount(2, "one body was sent a request");
        var row = rows[0].Zip(rows[1]).ToDictionary(pair => pair.First, pair => pair.Second);
        (row["snapshot"], row["sha256"], row["body_key"], row["sent"], row["pending"], row["methodology_version"])
            .Should().Be((id, snapshot.GetProperty("sha256").GetString()!, TestSeeds.VerifiedCityHall, "1", "1", "1.0"));
    }

    [Fact]
    public async Task Publishing_is_for_staff_and_bad_input_gets_a_problem_that_says_what_is_wrong()
    {
        var client = factory.CreateClient();
        var citizen = await RegisterCitizenAsync(client);
        var admin = await client.GetAdminTokenAsync();

        using var anonymous = await client.PostAsAsync(null, "/api/statistics/snapshots", new { period = Year });
        using var forbidden = await client.PostAsAsync(citizen, "/api/statistics/snapshots", new { period = Year });
        using var badPeriod = await client.PostAsAsync(admin, "/api/statistics/snapshots", new { period = "last year" });
        using var future = await client.PostAsAsync(admin, "/api/statistics/snapshots", new { period = Year, asOf = "2099-01-01" });
        using var unknownStatute = await client.PostAsAsync(admin, "/api/statistics/snapshots", new { period = Year, statute = "xx-none" });
        using var unknownReplaced = await client.PostAsAsync(admin, "/api/statistics/snapshots", new { period = Year, replaces = "1999-ge-gac-7" });
        using var missing = await client.GetAsync("/api/statistics/snapshots/1999-ge-gac-7");
        using var badFormat = await client.GetAsync("/api/statistics/snapshots?format=xlsx");

        await anonymous.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await forbidden.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        (await badPeriod.ShouldBeValidationProblemForAsync("period")).Single().Should().Contain("2026-Q1");
        (await future.ShouldBeValidationProblemForAsync("asOf")).Single().Should().Contain("after today");
        (await unknownStatute.ShouldBeProblemAsync(HttpStatusCode.NotFound)).Detail().Should().Contain("xx-none");
        (await unknownReplaced.ShouldBeProblemAsync(HttpStatusCode.NotFound)).Detail().Should().Contain("1999-ge-gac-7");
        (await missing.ShouldBeProblemAsync(HttpStatusCode.NotFound)).Detail().Should().Contain("1999-ge-gac-7");
        await badFormat.ShouldBeValidationProblemForAsync("format");
    }

    [Fact]
    public async Task A_second_correction_of_the_same_snapshot_is_a_conflict()
    {
        var client = factory.CreateClient();
        var admin = await client.GetAdminTokenAsync();
        using var first = await client.PostAsAsync(admin, "/api/statistics/snapshots", new { period = Year + "-Q1..", statute = "ge-gac" });
        await first.ShouldBeValidationProblemForAsync("period");
        using var original = await client.PostAsAsync(admin, "/api/statistics/snapshots", new { period = Year });
        var id = (await original.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetString();

        using var correction = await client.PostAsAsync(admin, "/api/statistics/snapshots", new { period = Year, replaces = id });
        using var again = await client.PostAsAsync(admin, "/api/statistics/snapshots", new { period = Year, replaces = id });

        var corrected = await correction.ReadJsonAsync(HttpStatusCode.Created);
        corrected.GetProperty("replaces").GetString().Should().Be(id);
        (await again.ShouldBeProblemAsync(HttpStatusCode.Conflict)).Detail().Should().Contain(corrected.GetProperty("id").GetString());
        using var replaced = await client.GetAsync($"/api/statistics/snapshots/{id}");
        (await replaced.ReadJsonAsync()).GetProperty("snapshot").GetProperty("replacedBy").GetString().Should().Be(corrected.GetProperty("id").GetString());
    }

    [Fact]
    public async Task Staff_record_an_annual_report_that_everyone_can_read_and_compare()
    {
        var client = factory.CreateClient();
        var admin = await client.GetAdminTokenAsync();
        var path = $"/api/statistics/bodies/{TestSeeds.VerifiedCityHall}/annual-reports";

        using var anonymous = await client.SendAsAsync(null, HttpMethod.Put, $"{path}/2024", new { requestsReceived = 5, source = "x" });
        using var noSource = await client.SendAsAsync(admin, HttpMethod.Put, $"{path}/2024", new { requestsReceived = 5 });
        using var negative = await client.SendAsAsync(admin, HttpMethod.Put, $"{path}/2024", new { refused = -1, source = "x" });
        using var unknownBody = await client.SendAsAsync(admin, HttpMethod.Put, "/api/statistics/bodies/no-such-body/annual-reports/2024", new { source = "x" });
        using var recorded = await client.SendAsAsync(admin, HttpMethod.Put, $"{path}/2024",
            new { requestsReceived = 120, granted = 100, partlyGranted = 8, refused = 12, publishedOn = "2024-12-09", source = "https://city-hall.example.ge/2024.pdf" });

        await anonymous.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await noSource.ShouldBeValidationProblemForAsync("source");
        await negative.ShouldBeValidationProblemForAsync("refused");
        await unknownBody.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var report = await recorded.ReadJsonAsync();
        report.GetProperty("publishedOnTime").GetBoolean().Should().BeTrue();

        using var listed = await client.GetAsync(path);
        (await listed.ReadJsonAsync()).EnumerateArray().Single().GetProperty("current").GetProperty("figures").GetProperty("requestsReceived").GetInt32().Should().Be(120);
        using var compared = await client.GetAsync($"{path}/2024/comparison?asOf=2024-12-31");
        var comparison = await compared.ReadJsonAsync();
        comparison.GetProperty("rows")[0].GetProperty("reported").GetInt64().Should().Be(120);
        comparison.GetProperty("rows")[0].GetProperty("own").GetInt64().Should().Be(0);
        var csv = await CsvAsync(client, $"{path}?format=csv");
        csv[1][csv[0].IndexOf("source")].Should().Be("https://city-hall.example.ge/2024.pdf");
    }

    [Fact]
    public async Task Charts_come_as_an_accessible_figure_or_as_SVG_and_check_their_parameters()
    {
        var client = factory.CreateClient();

        using var html = await client.GetAsync($"/api/statistics/charts/on-time?period={Year}&lang=ka");
        using var svg = await client.GetAsync($"/api/statistics/charts/time-to-answer?period={Year}&format=svg");
        using var trend = await client.GetAsync($"/api/statistics/charts/monthly-trend?period={Year}&body={TestSeeds.VerifiedCityHall}");
        using var badLang = await client.GetAsync("/api/statistics/charts/on-time?lang=fr");
        using var badAsOf = await client.GetAsync("/api/statistics/charts/on-time?asOf=31.12.2026");

        html.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        var figure = XElement.Parse(await html.Content.ReadAsStringAsync());
        var picture = figure.Element(XName.Get("svg", "http://www.w3.org/2000/svg"))!;
        picture.Attribute("role")!.Value.Should().Be("img");
        picture.Element(XName.Get("title", "http://www.w3.org/2000/svg"))!.Value.Should().StartWith("დროულად");
        figure.Element("table").Should().NotBeNull();
        svg.Content.Headers.ContentType!.MediaType.Should().Be("image/svg+xml");
        XDocument.Parse(await svg.Content.ReadAsStringAsync()).Root!.Name.LocalName.Should().Be("svg");
        trend.StatusCode.Should().Be(HttpStatusCode.OK);
        await badLang.ShouldBeValidationProblemForAsync("lang");
        await badAsOf.ShouldBeValidationProblemForAsync("asOf");
    }

    private static async Task<List<List<string>>> CsvAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).Should().Equal([0xEF, 0xBB, 0xBF], "a byte order mark makes spreadsheets read UTF-8");
        var rows = new List<List<string>>();
        using var reader = CsvReader.Create(bytes, new CsvReaderOptions { HasHeader = false });
        while (reader.Read())
            rows.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToList());
        return rows;
    }

    private static async Task<string> RegisterCitizenAsync(HttpClient client)
    {
        var email = $"citizen-{Guid.NewGuid():N}@example.org";
        using (var registered = await client.PostAsJsonAsync("/api/auth/register", new { email, displayName = "Nino Beridze", password = Password }))
            registered.StatusCode.Should().Be(HttpStatusCode.Created);
        return await client.GetTokenAsync(email, Password);
    }
}

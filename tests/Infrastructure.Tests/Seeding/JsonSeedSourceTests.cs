using FoiTracker.Application.Seeds;
using FoiTracker.Domain.Bodies;
using FoiTracker.Infrastructure.Seeding;
using FoiTracker.Tests.Support;

namespace FoiTracker.Infrastructure.Tests.Seeding;

public sealed class JsonSeedSourceTests : IDisposable
{
    private const string Jurisdictions = """
        { "version": 1, "jurisdictions": [ { "code": "ge", "name": { "ka": "საქართველო", "en": "Georgia" }, "statute": "ge-gac", "timeZone": "Asia/Tbilisi" } ] }
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("foitracker-seeds-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task RepositorySeeds_LoadWithGoriBodiesAndResolvedComplaintRoutes()
    {
        var seeds = await new JsonSeedSource(new SeedOptions { Directory = TestServices.RepositorySeeds }).ReadAsync(CancellationToken.None);

        var keys = seeds.Bodies.Select(body => body.Key.Value).ToHashSet();
        keys.Should().Contain(["ge-gori-city-hall", "ge-gori-mayor", "ge-gori-council", "ge-gori-district-court", "ge-parliament"]);
        var cityHall = seeds.Bodies.Single(body => body.Key.Value == "ge-gori-city-hall");
        cityHall.Name.Ka.Should().Be("გორის მუნიციპალიტეტის მერია");
        cityHall.ComplaintsTo!.Value.Value.Should().Be("ge-gori-mayor");
        // LSG 62(2): acts of the Mayor and of the Council go straight to court.
        seeds.Bodies.Where(body => body.Kind is BodyKind.Mayor or BodyKind.MunicipalCouncil)
            .Should().OnlyContain(body => body.ComplaintsTo == null && body.Court != null);
        seeds.Jurisdictions.Select(j => j.Code.Value).Should().Contain("ge");
    }

    [Theory]
    [InlineData("""{ "version": 1, "bodies": [ { "key": "ge-a", "jurisdiction": "ge", "kind": "palace", "name": { "ka": "ა", "en": "A" } } ] }""", "entry 'ge-a', field 'kind'")]
    [InlineData("""{ "version": 1, "bodies": [ { "key": "Bad Key", "jurisdiction": "ge", "kind": "other", "name": { "ka": "ა", "en": "A" } } ] }""", "entry '#0', field 'key'")]
    [InlineData("""{ "version": 1, "bodies": [ { "key": "ge-a", "jurisdiction": "ge", "kind": "other", "name": { "en": "A" } } ] }""", "entry 'ge-a', field 'name.ka'")]
    [InlineData("""{ "version": 1, "bodies": [ { "key": "ge-a", "jurisdiction": "ge", "kind": "other", "name": { "ka": "ა", "en": "A" }, "foiEmail": "not-an-address" } ] }""", "entry 'ge-a', field 'foiEmail'")]
    [InlineData("""{ "version": 1, "bodies": [ { "key": "ge-a", "jurisdiction": "ge", "kind": "other", "name": { "ka": "ა", "en": "A" }, "foiEmailVerified": true } ] }""", "entry 'ge-a', field 'foiEmailVerified'")]
    [InlineData("""{ "version": 1, "bodies": [ { "key": "ge-a", "jurisdiction": "ge", "kind": "other", "name": { "ka": "ა", "en": "A" }, "foiEmail": "foi@a.ge", "foiEmailVerified": true } ] }""", "entry 'ge-a', field 'source': an address marked verified")]
    [InlineData("""{ "version": 1, "bodies": [ { "key": "ge-a", "jurisdiction": "ge", "kind": "other", "name": { "ka": "ა", "en": "A" }, "foiEmail": "foi@a.ge", "foiEmailVerified": true, "source": { "date": "2026-01-15" } } ] }""", "entry 'ge-a', field 'source.url'")]
    [InlineData("""{ "version": 1, "bodies": [ { "key": "ge-a", "jurisdiction": "ge", "kind": "other", "name": { "ka": "ა", "en": "A" }, "foiEmail": "foi@a.ge", "foiEmailVerified": true, "source": { "url": "a.ge/contact", "date": "2026-01-15" } } ] }""", "entry 'ge-a', field 'source.url'")]
    [InlineData("""{ "version": 1, "bodies": [ { "key": "ge-a", "jurisdiction": "ge", "kind": "other", "name": { "ka": "ა", "en": "A" }, "foiEmail": "foi@a.ge", "foiEmailVerified": true, "source": { "url": "https://a.ge/contact", "date": "15 January" } } ] }""", "entry 'ge-a', field 'source.date'")]
    [InlineData("""{ "version": 1, "bodies": [ { "key": "ge-a", "jurisdiction": "ge", "kind": "other", "name": { "ka": "ა", "en": "A" }, "source": "https://a.ge" } ] }""", "entry 'ge-a', field 'source'")]
    [InlineData("""{ "version": 1, "bodies": [ { "key": "ge-a", "jurisdiction": "xx", "kind": "other", "name": { "ka": "ა", "en": "A" } } ] }""", "entry 'ge-a', field 'jurisdiction'")]
    [InlineData("""{ "version": 1, "bodies": [ { "key": "ge-a", "jurisdiction": "ge", "kind": "other", "name": { "ka": "ა", "en": "A" }, "complaintsTo": "ge-missing" } ] }""", "entry 'ge-a', field 'complaintsTo'")]
    [InlineData("""{ "version": 1, "bodies": [ { "key": "ge-a", "jurisdiction": "ge", "kind": "other", "name": { "ka": "ა", "en": "A" }, "website": "ftp://x" } ] }""", "entry 'ge-a', field 'website'")]
    [InlineData("""{ "version": 1, "bodies": [ { "key": "ge-a", "jurisdiction": "ge", "kind": "other", "name": { "ka": "ა", "en": "A" } }, { "key": "ge-a", "jurisdiction": "ge", "kind": "other", "name": { "ka": "ა", "en": "A" } } ] }""", "entry 'ge-a', field 'key'")]
    [InlineData("""{ "version": 1, "bodies": [ { "key": "ge-a", """, "not valid JSON")]
    [InlineData("""{ "version": 1, "things": [] }""", "field 'bodies'")]
    public async Task BrokenBodyFile_IsReportedWithFileEntryAndField(string content, string expected)
    {
        await WriteAsync("jurisdictions.json", Jurisdictions);
        await WriteAsync("bodies/broken.json", content);

        var read = () => new JsonSeedSource(new SeedOptions { Directory = _folder }).ReadAsync(CancellationToken.None);

        var error = await read.Should().ThrowAsync<SeedException>();
        error.Which.Message.Should().StartWith("Seed bodies/broken.json").And.Contain(expected);
    }

    [Fact]
    public async Task VerifiedAddressWithItsSource_Loads()
    {
        await WriteAsync("jurisdictions.json", Jurisdictions);
        await WriteAsync("bodies/sourced.json", """
            { "version": 1, "bodies": [ { "key": "ge-a", "jurisdiction": "ge", "kind": "other", "name": { "ka": "ა", "en": "A" },
              "foiEmail": "foi@a.ge", "foiEmailVerified": true, "source": { "url": "https://a.ge/contact", "date": "2026-01-15" } } ] }
            """);

        var seeds = await new JsonSeedSource(new SeedOptions { Directory = _folder }).ReadAsync(CancellationToken.None);

        seeds.Bodies.Single().CanReceiveMail.Should().BeTrue();
    }

    [Fact]
    public async Task GoriCityHallAddress_IsNotVerifiedWhileNoSourceIsRecorded()
    {
        var seeds = await new JsonSeedSource(new SeedOptions { Directory = TestServices.RepositorySeeds }).ReadAsync(CancellationToken.None);

        var cityHall = seeds.Bodies.Single(body => body.Key.Value == "ge-gori-city-hall");
        cityHall.FoiEmail!.Address.Value.Should().Be("info@gori.gov.ge", "the address stays on record for people to see");
        cityHall.CanReceiveMail.Should().BeFalse("nobody has recorded where and when the address was checked");
    }

    [Fact]
    public async Task UnknownTimeZone_IsReportedWithTheJurisdictionAndField()
    {
        await WriteAsync("jurisdictions.json", Jurisdictions.Replace("Asia/Tbilisi", "Asia/Gori", StringComparison.Ordinal));

        var read = () => new JsonSeedSource(new SeedOptions { Directory = _folder }).ReadAsync(CancellationToken.None);

        (await read.Should().ThrowAsync<SeedException>()).Which.Message
            .Should().Contain("jurisdictions.json, entry 'ge', field 'timeZone'").And.Contain("Asia/Gori");
    }

    private async Task WriteAsync(string relativePath, string content)
    {
        var path = Path.Combine(_folder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, content);
    }
}

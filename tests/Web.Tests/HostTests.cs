using System.Net;
using System.Net.Http.Json;
using System.Text;
using FoiTracker.Web.Tests.Support;

namespace FoiTracker.Web.Tests;

/// <summary>What the host itself answers: health, the API description, and errors outside any use case.</summary>
public sealed class HostTests(FoiTrackerFactory factory) : IClassFixture<FoiTrackerFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Health_WhenDatabaseAnswers_Returns200()
    {
        using var response = await _client.GetAsync("/health");

        var health = await response.ReadJsonAsync();
        health.GetProperty("status").GetString().Should().Be("Healthy");
        health.GetProperty("checks").GetProperty("database").GetProperty("status").GetString().Should().Be("Healthy");
    }

    [Fact]
    public void Startup_WithFactorySettings_UsesTheTestDataFolder()
    {
        // The database file proves that Data:Directory reached the service before it was wired.
        _ = factory.Server;

        File.Exists(Path.Combine(factory.DataDirectory, "foitracker.db")).Should().BeTrue();
    }

    [Fact]
    public async Task OpenApi_Document_Returns200JsonWithTheApiPaths()
    {
        using var response = await _client.GetAsync("/openapi/v1.json");

        var document = await response.ReadJsonAsync();
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/json");
        var paths = document.GetProperty("paths").EnumerateObject().Select(path => path.Name).ToList();
        paths.Should().Contain("/api/bodies").And.Contain("/api/bodies/{key}").And.Contain("/api/auth/token");
    }

    [Fact]
    public async Task ApiDocs_Page_Returns200Html()
    {
        using var response = await _client.GetAsync("/api/docs");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType?.MediaType.Should().Be("text/html");
        (await response.Content.ReadAsStringAsync()).Should().Contain("<html", Exactly.Once());
    }

    [Fact]
    public async Task UnknownRoute_Returns404Problem()
    {
        using var response = await _client.GetAsync("/api/no-such-thing");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        problem.Detail().Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task MalformedJsonBody_Returns400ProblemSayingSo()
    {
        using var content = new StringContent("{\"email\": \"a@b.c\", ", Encoding.UTF8, "application/json");

        using var response = await _client.PostAsync("/api/auth/token", content);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.Detail().Should().Contain("not valid JSON");
    }

    [Theory]
    [InlineData("[1, 2, 3]")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("{\"email\": 5, \"displayName\": true, \"password\": []}")]
    public async Task JsonBodyOfWrongShape_Returns400Problem(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");

        using var response = await _client.PostAsync("/api/auth/register", content);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.Detail().Should().NotContainAny(["FoiTracker", "System.", "Implicit body inferred", "parameter \""], "a message names no code, only what to send");
    }

    [Fact]
    public async Task JsonValueOfWrongType_SaysWhereAndWhatWasExpected()
    {
        using var content = new StringContent("{\"email\": 5, \"displayName\": \"Nino\", \"password\": \"A-long-enough-password\"}", Encoding.UTF8, "application/json");

        using var response = await _client.PostAsync("/api/auth/register", content);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.Detail().Should().Be("The body is not valid JSON for this endpoint at '$.email': the value is not of the type this field takes (see /api/docs).");
    }

    [Fact]
    public async Task ALongInvalidValue_IsNotEchoedInFull()
    {
        var token = await RegisterAndSignInAsync();
        var key = new string('Ä', 5000);

        using var response = await _client.PostAsAsync(token, "/api/requests", new { bodyKey = key, subject = "s", text = "t", requester = new { name = "n", address = "a" } });

        var messages = await response.ShouldBeValidationProblemForAsync("bodyKey");
        messages.Should().ContainSingle(message => message.Contains(new string('Ä', 100) + "…'", StringComparison.Ordinal));
        (await response.Content.ReadAsStringAsync()).Should().NotContain(new string('Ä', 101));
    }

    [Fact]
    public async Task ABadValueInTheAddress_IsCutInTheMessage()
    {
        using var response = await _client.GetAsync("/api/bodies?page=" + new string('9', 300));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.Detail().Should().Contain("expected a whole number").And.NotContain(new string('9', 101));
    }

    private async Task<string> RegisterAndSignInAsync()
    {
        var email = $"host-{Guid.NewGuid():N}@example.org";
        using (var registered = await _client.PostAsJsonAsync("/api/auth/register", new { email, displayName = "Nino", password = "A-long-enough-password" }))
            registered.StatusCode.Should().Be(HttpStatusCode.Created);
        return await _client.GetTokenAsync(email, "A-long-enough-password");
    }

    [Fact]
    public async Task BodyWithoutJsonContentType_Returns415Problem()
    {
        using var content = new StringContent("email=a@b.c", Encoding.UTF8, "text/plain");

        using var response = await _client.PostAsync("/api/auth/token", content);

        await response.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task WrongMethod_Returns405Problem()
    {
        using var response = await _client.DeleteAsync("/api/bodies/ge-gori-city-hall");

        await response.ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed);
    }
}

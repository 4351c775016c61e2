using System.Net;
using System.Net.Http.Json;
using FoiTracker.Tests.Support;
using FoiTracker.Web.Tests.Support;

namespace FoiTracker.Web.Tests;

/// <summary>The public record through the API: only the requester chooses to show their name, only staff redact, each refusal a problem in words.</summary>
public sealed class PublicationEndpointTests(FoiTrackerFactory factory) : IClassFixture<FoiTrackerFactory>
{
    private const string Password = "A-long-enough-password";

    [Fact]
    public async Task The_requester_alone_chooses_to_show_their_name_on_the_public_record()
    {
        var client = factory.CreateClient();
        var (owner, number, id) = await SentRequestAsync(client);
        var stranger = await RegisterAsync(client);

        (await PublicAsync(client, number)).GetProperty("requesterName").ValueKind.Should().Be(System.Text.Json.JsonValueKind.Null);
        using (var anonymous = await client.SendAsAsync(null, HttpMethod.Put, $"/api/requests/{id}/publication", new { showName = true }))
            anonymous.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using (var other = await client.SendAsAsync(stranger, HttpMethod.Put, $"/api/requests/{id}/publication", new { showName = true }))
            (await other.ShouldBeProblemAsync(HttpStatusCode.Forbidden)).Detail().Should().Be("Only the requester can choose whether their name is shown publicly.");
        using (var chosen = await client.SendAsAsync(owner, HttpMethod.Put, $"/api/requests/{id}/publication", new { showName = true }))
            (await chosen.ReadJsonAsync()).GetProperty("namePublic").GetBoolean().Should().BeTrue();

        (await PublicAsync(client, number)).GetProperty("requesterName").GetString().Should().Be("Nino Beridze");
    }

    [Fact]
    public async Task Staff_redact_an_entry_with_a_reason_and_a_citizen_may_not()
    {
        var client = factory.CreateClient();
        var (owner, number, id) = await SentRequestAsync(client);
        var path = $"/api/requests/{id}/timeline/1/redaction";

        using (var citizen = await client.SendAsAsync(owner, HttpMethod.Put, path, new { redactedText = "x", reason = "y" }))
            citizen.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        var admin = await client.GetAdminTokenAsync();
        using (var noReason = await client.SendAsAsync(admin, HttpMethod.Put, path, new { redactedText = "Request filed." }))
            (await noReason.ShouldBeValidationProblemForAsync("reason")).Should().Equal("Say why the text is redacted: the public sees the reason.");
        using (var redacted = await client.SendAsAsync(admin, HttpMethod.Put, path, new { redactedText = "Request filed [by …].", reason = "a name" }))
            redacted.StatusCode.Should().Be(HttpStatusCode.OK);

        var first = (await PublicAsync(client, number)).GetProperty("timeline").EnumerateArray().First();
        first.GetProperty("detail").GetString().Should().Be("Request filed [by …].");
        first.GetProperty("redaction").GetProperty("reason").GetString().Should().Be("a name");
    }

    private static async Task<System.Text.Json.JsonElement> PublicAsync(HttpClient client, string number)
    {
        using var response = await client.GetAsAsync(null, $"/api/public/requests/{number}");
        return await response.ReadJsonAsync();
    }

    private static async Task<string> RegisterAsync(HttpClient client)
    {
        var email = $"citizen-{Guid.NewGuid():N}@example.org";
        using (var registered = await client.PostAsJsonAsync("/api/auth/register", new { email, displayName = "Nino Beridze", password = Password }))
            registered.StatusCode.Should().Be(HttpStatusCode.Created);
        return await client.GetTokenAsync(email, Password);
    }

    private static async Task<(string Token, string Number, Guid Id)> SentRequestAsync(HttpClient client)
    {
        var token = await RegisterAsync(client);
        using var response = await client.PostAsAsync(token, "/api/requests", new
        {
            bodyKey = TestSeeds.VerifiedCityHall,
            subject = "Budget 2025",
            text = "Please send the 2025 budget execution report.",
            requester = new { name = "Nino Beridze", email = "nino@example.org" },
            draft = false,
            submittedAt = DateTimeOffset.UtcNow.AddHours(-1),
        });
        var filed = await response.ReadJsonAsync(HttpStatusCode.Created);
        return (token, filed.GetProperty("number").GetString()!, filed.GetProperty("id").GetGuid());
    }
}

using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FoiTracker.Application.Mail.SendMail;
using FoiTracker.Application.Outbox.DispatchOutbox;
using FoiTracker.Application.Workflows.SweepTimers;
using FoiTracker.Tests.Support;
using FoiTracker.Web.Tests.Support;
using Mediator;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Web.Tests;

/// <summary>
/// What others may read of a request: never the requester's e-mail or postal address, and nothing at
/// all of a request that has not been sent yet.
/// </summary>
public sealed class PrivacyEndpointTests(FoiTrackerFactory factory) : IClassFixture<FoiTrackerFactory>
{
    private const string Password = "A-long-enough-password";
    private const string Address = "Stalin Avenue 12, apt 4\nGori 1400";

    [Fact]
    public async Task A_draft_is_404_to_anyone_but_its_requester_and_staff()
    {
        var client = factory.CreateClient();
        var owner = await RegisterCitizenAsync(client);
        var stranger = await RegisterCitizenAsync(client);
        var id = await FileAsync(client, owner.Token, owner.Email, TestSeeds.VerifiedCityHall, draft: true);

        await ShouldBeHiddenAsync(client, id, stranger.Token);
        (await GetAsync(client, owner.Token, id)).GetProperty("stage").GetString().Should().Be("draft");
        (await GetAsync(client, await client.GetAdminTokenAsync(), id)).GetProperty("stage").GetString().Should().Be("draft");
    }

    [Fact]
    public async Task A_request_ready_to_print_is_404_to_others_until_it_is_recorded_as_sent()
    {
        var client = factory.CreateClient();
        var owner = await RegisterCitizenAsync(client);
        var id = await FileAsync(client, owner.Token, owner.Email, "ge-gori-city-hall", draft: false);
        (await GetAsync(client, owner.Token, id)).GetProperty("stage").GetString().Should().Be("ready_to_print");

        await ShouldBeHiddenAsync(client, id, (await RegisterCitizenAsync(client)).Token);

        using (var sent = await client.PostAsAsync(owner.Token, $"/api/requests/{id}/events/submit", new { }))
            sent.StatusCode.Should().Be(HttpStatusCode.OK);
        using var anonymous = await client.GetAsAsync(null, $"/api/requests/{id}");
        (await anonymous.ReadJsonAsync()).GetProperty("stage").GetString().Should().Be("submitted", "a sent request is a public record");
    }

    [Fact]
    public async Task Notices_to_the_requester_that_could_not_be_sent_leave_their_address_out_of_the_public_timeline()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        using var app = factory.SendingTo(smtp);
        var client = app.CreateClient();
        var owner = await RegisterCitizenAsync(client);
        // Sent on paper 40 days ago: overdue, so the requester is sent notices at once.
        var id = await FileAsync(client, owner.Token, owner.Email, TestSeeds.VerifiedCityHall, draft: false, DateTimeOffset.UtcNow.AddDays(-40));
        // Real servers quote the address they refuse.
        smtp.RefusalText = $"5.1.1 <{owner.Email}>: Recipient address rejected";
        smtp.AnswerNext(550, times: 100);

        await RunJobsAsync(app);

        using var anonymous = await client.GetAsAsync(null, $"/api/requests/{id}");
        var body = await anonymous.Content.ReadAsStringAsync();
        anonymous.StatusCode.Should().Be(HttpStatusCode.OK);
        var timeline = JsonDocument.Parse(body).RootElement.GetProperty("timeline").EnumerateArray().ToList();
        timeline.Should().Contain(entry => entry.GetProperty("kind").GetString() == "mail:failed"
            && entry.GetProperty("detail").GetString()!.Contains("to the requester could not be sent", StringComparison.Ordinal));
        body.Should().NotContainEquivalentOf(owner.Email).And.NotContain("Stalin Avenue 12");
        var requester = JsonDocument.Parse(body).RootElement.GetProperty("requester");
        requester.GetProperty("email").ValueKind.Should().Be(JsonValueKind.Null);
        requester.GetProperty("address").ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Fact]
    public async Task A_note_quoting_the_requester_s_address_is_kept_without_it()
    {
        var client = factory.CreateClient();
        var owner = await RegisterCitizenAsync(client);
        var id = await FileAsync(client, owner.Token, owner.Email, TestSeeds.VerifiedCityHall, draft: false);

        using (var noted = await client.PostAsAsync(owner.Token, $"/api/requests/{id}/events/note", new { note = $"Answer by post to Stalin Avenue 12, apt 4 or to {owner.Email.ToUpperInvariant()}." }))
            noted.StatusCode.Should().Be(HttpStatusCode.OK);

        using var anonymous = await client.GetAsAsync(null, $"/api/requests/{id}");
        var note = (await anonymous.ReadJsonAsync()).GetProperty("timeline").EnumerateArray().Single(entry => entry.GetProperty("kind").GetString() == "event:note");
        note.GetProperty("detail").GetString().Should().Be("Answer by post to [the requester's address] or to [the requester's e-mail].");
    }

    private static async Task ShouldBeHiddenAsync(HttpClient client, Guid id, string strangerToken)
    {
        var unknown = Guid.CreateVersion7();
        using var nowhere = await client.GetAsAsync(strangerToken, $"/api/requests/{unknown}");
        var missing = (await nowhere.ShouldBeProblemAsync(HttpStatusCode.NotFound)).Detail().Replace(unknown.ToString(), id.ToString(), StringComparison.Ordinal);
        foreach (var token in new[] { null, strangerToken })
        {
            using var response = await client.GetAsAsync(token, $"/api/requests/{id}");
            (await response.ShouldBeProblemAsync(HttpStatusCode.NotFound)).Detail().Should().Be(missing, "it reads exactly as for a request that does not exist");
        }

        // Its letters and its events do not give it away with a 403 either.
        using (var letters = await client.GetAsAsync(strangerToken, $"/api/requests/{id}/letters"))
            (await letters.ShouldBeProblemAsync(HttpStatusCode.NotFound)).Detail().Should().Be(missing);
        using (var letter = await client.SendAsAsync(strangerToken, HttpMethod.Post, $"/api/requests/{id}/letters/request"))
            (await letter.ShouldBeProblemAsync(HttpStatusCode.NotFound)).Detail().Should().Be(missing);
        using (var note = await client.PostAsAsync(strangerToken, $"/api/requests/{id}/events/note", new { note = "Is this here?" }))
            (await note.ShouldBeProblemAsync(HttpStatusCode.NotFound)).Detail().Should().Be(missing);
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string token, Guid id)
    {
        using var response = await client.GetAsAsync(token, $"/api/requests/{id}");
        return await response.ReadJsonAsync();
    }

    private static async Task<(string Token, string Email)> RegisterCitizenAsync(HttpClient client)
    {
        var email = $"citizen-{Guid.NewGuid():N}@example.org";
        using (var registered = await client.PostAsJsonAsync("/api/auth/register", new { email, displayName = "Nino Beridze", password = Password }))
            registered.StatusCode.Should().Be(HttpStatusCode.Created);
        return (await client.GetTokenAsync(email, Password), email);
    }

    private static async Task<Guid> FileAsync(HttpClient client, string token, string email, string bodyKey, bool draft, DateTimeOffset? submittedAt = null)
    {
        using var response = await client.PostAsAsync(token, "/api/requests", new
        {
            bodyKey,
            subject = "Budget 2025",
            text = "Please send the 2025 budget execution report.",
            requester = new { name = "Nino Beridze", email, address = Address },
            draft,
            submittedAt,
        });
        return (await response.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();
    }

    private static async Task RunJobsAsync(WebApplicationFactory<Program> app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        for (var round = 0; round < 50 && (await mediator.Send(new SweepTimersCommand())).More; round++)
        {
        }

        for (var round = 0; round < 20 && (await mediator.Send(new DispatchOutboxCommand())).More; round++)
        {
        }

        for (var round = 0; round < 100 && await mediator.Send(new SendNextMailCommand()) != SendOutcome.Idle; round++)
        {
        }
    }
}

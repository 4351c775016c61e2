using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FoiTracker.Application.Letters;
using FoiTracker.Application.Outbox.DispatchOutbox;
using FoiTracker.Tests.Support;
using FoiTracker.Web.Tests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace FoiTracker.Web.Tests;

/// <summary>
/// A request's letters over HTTP: produced by the workflow through the outbox, produced on demand,
/// stored once, served as PDF, refused with a 400 that names an unprintable character.
/// </summary>
public sealed class LetterEndpointTests(FoiTrackerFactory factory) : IClassFixture<FoiTrackerFactory>
{
    private const string Password = "A-long-enough-password";

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Filing_a_request_produces_its_Georgian_request_letter_through_the_outbox()
    {
        var token = await RegisterCitizenAsync();
        var (id, number) = await FileAsync(token, "Please send the 2025 road repair contracts.");

        await DispatchOutboxAsync();

        var letters = await ListAsync(token, id);
        var letter = letters.Should().ContainSingle().Subject;
        letter.GetProperty("kind").GetString().Should().Be("request");
        letter.GetProperty("language").GetString().Should().Be("ka");
        letter.GetProperty("source").GetString().Should().Be("workflow");
        letter.GetProperty("recipient").GetString().Should().Be("body");
        letter.GetProperty("timelineSeq").GetInt32().Should().BeGreaterThan(0);
        letter.GetProperty("contentHash").GetString().Should().MatchRegex("^[0-9a-f]{64}$");

        var text = await PdfTextAsync(token, id, letter.GetProperty("id").GetGuid());
        text.Should().Contain(Squash($"საჯარო ინფორმაციის მოთხოვნის შესახებ განცხადება № {number}"))
            .And.Contain(Squash("გორის მუნიციპალიტეტის მერია"))
            .And.Contain(Squash("Please send the 2025 road repair contracts."));

        // Handing the outbox over again produces nothing new.
        await DispatchOutboxAsync();
        (await ListAsync(token, id)).Should().HaveCount(1);
    }

    [Fact]
    public async Task The_request_letter_drawn_before_the_dispatch_transaction_is_the_one_stored()
    {
        var token = await RegisterCitizenAsync();
        var (id, number) = await FileAsync(token, "Please send the minutes of the 2025 council sessions.");
        var drawings = factory.Services.GetRequiredService<PreparedLetters>();

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var prepared = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new PrepareOutboxQuery());
            prepared.Should().BePositive();
        }

        drawings.Count.Should().BePositive("the request letter was drawn with no transaction open");
        await DispatchOutboxAsync();
        drawings.Count.Should().Be(0, "the dispatch took the drawing it found instead of drawing the letter again");

        var letter = (await ListAsync(token, id)).Should().ContainSingle().Subject;
        var text = await PdfTextAsync(token, id, letter.GetProperty("id").GetGuid());
        text.Should().Contain(Squash($"საჯარო ინფორმაციის მოთხოვნის შესახებ განცხადება № {number}"))
            .And.Contain(Squash("Please send the minutes of the 2025 council sessions."));
    }

    [Fact]
    public async Task A_letter_asked_for_twice_on_one_day_is_stored_once_and_served_as_pdf()
    {
        var token = await RegisterCitizenAsync();
        var (id, number) = await FileAsync(token, "Budget 2025, in GEL, by programme.");

        var first = await GenerateAsync(token, id, "request", "en");
        var second = await GenerateAsync(token, id, "request", "en");

        second.GetProperty("id").GetGuid().Should().Be(first.GetProperty("id").GetGuid());
        second.GetProperty("pageCount").GetInt32().Should().Be(1);
        using var pdf = await _client.GetAsAsync(token, $"/api/requests/{id}/letters/{first.GetProperty("id").GetGuid()}");
        pdf.StatusCode.Should().Be(HttpStatusCode.OK);
        pdf.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        var text = await PdfTextAsync(token, id, first.GetProperty("id").GetGuid());
        text.Should().Contain(Squash($"Request for public information No. {number}")).And.Contain(Squash("Budget 2025, in GEL, by programme."));
    }

    [Fact]
    public async Task A_complaint_about_City_Hall_goes_to_the_Mayor_per_LSG_62()
    {
        var token = await RegisterCitizenAsync();
        var (id, _) = await FileAsync(token, "Copies of the 2025 procurement plan.", TestSeeds.VerifiedCityHall, DateTimeOffset.UtcNow.AddMinutes(-5));
        using (var refused = await _client.PostAsAsync(token, $"/api/requests/{id}/events/answered", new { outcome = "refused" }))
            refused.StatusCode.Should().Be(HttpStatusCode.OK);

        var letter = await GenerateAsync(token, id, "complaint", "en");

        letter.GetProperty("recipient").GetString().Should().Be("complaint_body");
        var text = await PdfTextAsync(token, id, letter.GetProperty("id").GetGuid());
        text.Should().Contain(Squash("Mayor of Gori Municipality")).And.Contain(Squash("Article 62(1) of the Local Self-Government Code"))
            .And.Contain(Squash("Decision complained of: the body's answer of"));
    }

    [Fact]
    public async Task A_character_the_font_lacks_is_refused_when_the_request_is_filed_naming_it_and_what_to_write()
    {
        var token = await RegisterCitizenAsync();

        using var response = await _client.PostAsAsync(token, "/api/requests", new
        {
            bodyKey = "ge-gori-city-hall",
            subject = "Copy fees",
            text = "The copy fee of 0.05 ₾ per page.",
            requester = new { name = "ნინო ბერიძე 🙂", email = "nino@example.org" },
        });

        var text = await response.ShouldBeValidationProblemForAsync("text");
        text.Should().ContainSingle().Which.Should().Contain("'₾' (U+20BE, write GEL)");
        var name = await response.ShouldBeValidationProblemForAsync("requester.name");
        name.Should().ContainSingle().Which.Should().Contain("U+1F642");
        using var mine = await _client.GetAsAsync(token, "/api/requests");
        (await mine.ReadJsonAsync()).GetProperty("total").GetInt64().Should().Be(0, "nothing is filed whose letter cannot be made");
    }

    [Fact]
    public async Task Letters_are_for_the_requester_and_staff_only()
    {
        var owner = await RegisterCitizenAsync();
        var stranger = await RegisterCitizenAsync();
        var (id, _) = await FileAsync(owner, "Council minutes 2025.", TestSeeds.VerifiedCityHall);
        var letter = await GenerateAsync(owner, id, "request", "ka");
        var admin = await _client.GetAdminTokenAsync();

        (await _client.GetAsAsync(null, $"/api/requests/{id}/letters")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await _client.GetAsAsync(stranger, $"/api/requests/{id}/letters")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _client.GetAsAsync(stranger, $"/api/requests/{id}/letters/{letter.GetProperty("id").GetGuid()}")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _client.SendAsAsync(stranger, HttpMethod.Post, $"/api/requests/{id}/letters/request")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await ListAsync(admin, id)).Should().ContainSingle();
    }

    [Fact]
    public async Task A_chaser_before_the_answer_is_due_is_a_409_naming_the_day_it_can_be_made()
    {
        var token = await RegisterCitizenAsync();
        var (id, _) = await FileAsync(token, "Minutes of the council's budget hearings.", submittedAt: DateTimeOffset.UtcNow.AddMinutes(-5));
        using var details = await _client.GetAsAsync(token, $"/api/requests/{id}");
        var due = (await details.ReadJsonAsync()).GetProperty("deadlines").EnumerateArray()
            .Single(deadline => deadline.GetProperty("key").GetString() == "response").GetProperty("due").GetString()!;
        var dueOn = DateOnly.ParseExact(due, "yyyy-MM-dd", CultureInfo.InvariantCulture);

        using var response = await _client.SendAsAsync(token, HttpMethod.Post, $"/api/requests/{id}/letters/chaser?lang=en");

        var problem = await response.ReadJsonAsync(HttpStatusCode.Conflict);
        problem.GetProperty("detail").GetString().Should()
            .StartWith($"A chaser can be made from {dueOn.AddDays(1).ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}, the day after the response deadline");
        (await ListAsync(token, id)).Should().NotContain(letter => letter.GetProperty("kind").GetString() == "chaser", "nothing is stored");
    }

    [Fact]
    public async Task An_unknown_kind_or_letter_is_404_and_a_bad_language_400()
    {
        var token = await RegisterCitizenAsync();
        var (id, _) = await FileAsync(token, "Anything.");

        (await _client.SendAsAsync(token, HttpMethod.Post, $"/api/requests/{id}/letters/tribunal_appeal")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _client.SendAsAsync(token, HttpMethod.Post, $"/api/requests/{id}/letters/request?lang=fr")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await _client.GetAsAsync(token, $"/api/requests/{id}/letters/{Guid.NewGuid()}")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await _client.GetAsAsync(token, $"/api/requests/{Guid.NewGuid()}/letters")).StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    private async Task<string> RegisterCitizenAsync()
    {
        var email = $"citizen-{Guid.NewGuid():N}@example.org";
        using (var registered = await _client.PostAsJsonAsync("/api/auth/register", new { email, displayName = "Nino Beridze", password = Password }))
            registered.StatusCode.Should().Be(HttpStatusCode.Created);
        return await _client.GetTokenAsync(email, Password);
    }

    /// <param name="bodyKey">Gori City Hall by default; a request to it waits, ready to print, until it is recorded as sent (or is filed with the day it was).</param>
    private async Task<(Guid Id, string Number)> FileAsync(string token, string text, string bodyKey = "ge-gori-city-hall", DateTimeOffset? submittedAt = null)
    {
        using var response = await _client.PostAsAsync(token, "/api/requests", new
        {
            bodyKey,
            subject = "Road repair contracts 2025",
            text,
            requester = new { name = "ნინო ბერიძე", email = "nino@example.org", address = "გორი, ცხინვალის გზატკეცილი 7" },
            submittedAt,
        });
        var filed = await response.ReadJsonAsync(HttpStatusCode.Created);
        return (filed.GetProperty("id").GetGuid(), filed.GetProperty("number").GetString()!);
    }

    private async Task<JsonElement> GenerateAsync(string token, Guid id, string kind, string lang)
    {
        using var response = await _client.SendAsAsync(token, HttpMethod.Post, $"/api/requests/{id}/letters/{kind}?lang={lang}");
        return await response.ReadJsonAsync(HttpStatusCode.Created);
    }

    private async Task<List<JsonElement>> ListAsync(string token, Guid id)
    {
        using var response = await _client.GetAsAsync(token, $"/api/requests/{id}/letters");
        return (await response.ReadJsonAsync()).EnumerateArray().ToList();
    }

    private async Task<string> PdfTextAsync(string token, Guid id, Guid letterId)
    {
        using var response = await _client.GetAsAsync(token, $"/api/requests/{id}/letters/{letterId}");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        using var document = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        return Squash(string.Concat(document.GetPages().Select(page => page.Text)));
    }

    private static string Squash(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());

    // The test host runs without the scheduler; the outbox job's command is sent by hand.
    private async Task DispatchOutboxAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        for (var round = 0; round < 20 && (await mediator.Send(new DispatchOutboxCommand())).More; round++)
        {
        }
    }
}

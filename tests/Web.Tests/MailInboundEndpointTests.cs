using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using FoiTracker.Application.Mail.ReceiveMail;
using FoiTracker.Tests.Support;
using FoiTracker.Web.Tests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Web.Tests;

/// <summary>The holding pen over HTTP: list, read, download, assign; staff only, clear errors.</summary>
public sealed class MailInboundEndpointTests(FoiTrackerFactory factory) : IClassFixture<FoiTrackerFactory>
{
    private const string Password = "A-long-enough-password";
    private static long _uid;

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task A_held_message_is_listed_read_downloaded_assigned_and_then_classified()
    {
        var admin = await _client.GetAdminTokenAsync();
        var citizen = await RegisterCitizenAsync();
        var (requestId, number) = await FileAsync(citizen);
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.4 the answer");
        await ReceiveAsync(Unmatched("The answer, number lost", pdf));

        using var list = await _client.GetAsAsync(admin, "/api/mail/inbound?status=held");
        var held = (await list.ReadJsonAsync()).Items().Single(item => item.GetProperty("subject").GetString() == "The answer, number lost");
        held.GetProperty("holdReason").GetString().Should().StartWith("No request matched");
        held.GetProperty("from").GetString().Should().Contain("info@gori.gov.ge");
        var id = held.GetProperty("id").GetGuid();

        using var details = await _client.GetAsAsync(admin, $"/api/mail/inbound/{id}");
        var attachment = (await details.ReadJsonAsync()).GetProperty("attachments").EnumerateArray().Single();
        attachment.GetProperty("sniffedType").GetString().Should().Be("application/pdf");
        using var download = await _client.GetAsAsync(admin, $"/api/mail/inbound/{id}/attachments/{attachment.GetProperty("id").GetGuid()}");
        download.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        (await download.Content.ReadAsByteArrayAsync()).Should().Equal(pdf);
        using var raw = await _client.GetAsAsync(admin, $"/api/mail/inbound/{id}/raw");
        raw.Content.Headers.ContentType!.MediaType.Should().Be("message/rfc822");
        (await raw.Content.ReadAsStringAsync()).Should().Contain("Subject: The answer, number lost");

        using var assigned = await _client.PostAsAsync(admin, $"/api/mail/inbound/{id}/assign", new { requestNumber = number });
        var filed = await assigned.ReadJsonAsync();
        filed.GetProperty("status").GetString().Should().Be("assigned");
        filed.GetProperty("matches").EnumerateArray().Single().GetProperty("method").GetString().Should().Be("staff");
        using (var again = await _client.PostAsAsync(admin, $"/api/mail/inbound/{id}/assign", new { requestId }))
            (await again.ReadJsonAsync()).GetProperty("matches").GetArrayLength().Should().Be(1);

        using var request = await _client.GetAsAsync(admin, $"/api/requests/{requestId}");
        (await request.ReadJsonAsync()).GetProperty("stage").GetString().Should().Be("reply_received");
        using var answered = await _client.PostAsAsync(admin, $"/api/requests/{requestId}/events/answered", new { outcome = "partial" });
        (await answered.ReadJsonAsync()).GetProperty("stage").GetString().Should().Be("partially_answered");
    }

    [Fact]
    public async Task Assigning_explains_what_is_wrong()
    {
        var admin = await _client.GetAdminTokenAsync();
        var citizen = await RegisterCitizenAsync();
        var (first, firstNumber) = await FileAsync(citizen);
        var (second, _) = await FileAsync(citizen);
        var id = await ReceiveAsync(Unmatched("Which request?", null));

        (await (await _client.PostAsAsync(admin, $"/api/mail/inbound/{id}/assign", new { })).ShouldBeValidationProblemForAsync("requestNumber"))
            .Should().Contain(message => message.Contains("one of the two", StringComparison.Ordinal));
        (await (await _client.PostAsAsync(admin, $"/api/mail/inbound/{id}/assign", new { requestNumber = "2026-12" })).ShouldBeValidationProblemForAsync("requestNumber"))
            .Should().Contain(message => message.Contains("not a request number", StringComparison.Ordinal));
        (await (await _client.PostAsAsync(admin, $"/api/mail/inbound/{id}/assign", new { requestNumber = "1999-999999" })).ShouldBeProblemAsync(HttpStatusCode.NotFound))
            .Detail().Should().Contain("1999-999999");
        (await (await _client.PostAsAsync(admin, $"/api/mail/inbound/{Guid.NewGuid()}/assign", new { requestId = first })).ShouldBeProblemAsync(HttpStatusCode.NotFound))
            .Detail().Should().Contain("incoming message");

        (await _client.PostAsAsync(admin, $"/api/mail/inbound/{id}/assign", new { requestNumber = firstNumber })).StatusCode.Should().Be(HttpStatusCode.OK);
        (await (await _client.PostAsAsync(admin, $"/api/mail/inbound/{id}/assign", new { requestId = second })).ShouldBeProblemAsync(HttpStatusCode.Conflict))
            .Detail().Should().Contain(firstNumber).And.Contain("holding pen");
        (await (await _client.GetAsAsync(admin, "/api/mail/inbound?status=lost")).ShouldBeValidationProblemForAsync("status"))
            .Should().Contain(message => message.Contains("held", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Incoming_mail_is_for_staff_only()
    {
        var citizen = await RegisterCitizenAsync();
        var id = await ReceiveAsync(Unmatched("Private", null));

        (await _client.GetAsAsync(null, "/api/mail/inbound")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        (await _client.GetAsAsync(citizen, "/api/mail/inbound")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _client.GetAsAsync(citizen, $"/api/mail/inbound/{id}/raw")).StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await _client.PostAsAsync(citizen, $"/api/mail/inbound/{id}/assign", new { requestNumber = "2026-000001" })).StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    private async Task<Guid> ReceiveAsync(string message)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ReceiveMailCommand(
            "web-tests/INBOX", 1, Interlocked.Increment(ref _uid), Encoding.UTF8.GetBytes(message.ReplaceLineEndings("\r\n")), message.Length, HeadersOnly: false));
        return result.Id!.Value;
    }

    private static string Unmatched(string subject, byte[]? attachment)
    {
        var head = $"From: Gori City Hall <info@gori.gov.ge>\nTo: foi@ngo.example.ge\nSubject: {subject}\nMessage-ID: <{Guid.NewGuid():N}@gori.gov.ge>\nMIME-Version: 1.0\n";
        if (attachment is null)
            return head + "Content-Type: text/plain\n\nSee above.\n";
        return head + "Content-Type: multipart/mixed; boundary=p\n\n--p\nContent-Type: text/plain\n\nAttached.\n--p\n"
            + "Content-Type: application/octet-stream\nContent-Disposition: attachment; filename=\"answer.pdf\"\nContent-Transfer-Encoding: base64\n\n"
            + Convert.ToBase64String(attachment) + "\n--p--\n";
    }

    private async Task<string> RegisterCitizenAsync()
    {
        var email = $"citizen-{Guid.NewGuid():N}@example.org";
        using (var registered = await _client.PostAsJsonAsync("/api/auth/register", new { email, displayName = "Nino Beridze", password = Password }))
            registered.StatusCode.Should().Be(HttpStatusCode.Created);
        return await _client.GetTokenAsync(email, Password);
    }

    private async Task<(Guid Id, string Number)> FileAsync(string token)
    {
        using var response = await _client.PostAsAsync(token, "/api/requests", new
        {
            bodyKey = TestSeeds.VerifiedCityHall,
            subject = "Budget 2025",
            text = "Please send the 2025 budget execution report.",
            requester = new { name = "ნინო ბერიძე", email = "nino@example.org", address = "გორი" },
        });
        JsonElement filed = await response.ReadJsonAsync(HttpStatusCode.Created);
        return (filed.GetProperty("id").GetGuid(), filed.GetProperty("number").GetString()!);
    }
}

using System.Net;
using System.Net.Http.Json;
using FoiTracker.Application.Mail.SendMail;
using FoiTracker.Application.Outbox.DispatchOutbox;
using FoiTracker.Domain.Mail;
using FoiTracker.Domain.Requests;
using FoiTracker.Tests.Support;
using FoiTracker.Web.Tests.Support;
using Mediator;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;

namespace FoiTracker.Web.Tests;

/// <summary>Outgoing mail over HTTP: a filed request reaches the body's mailbox; staff see the rows, nobody else does.</summary>
public sealed class MailEndpointTests(FoiTrackerFactory factory) : IClassFixture<FoiTrackerFactory>
{
    private const string Password = "A-long-enough-password";

    [Fact]
    public async Task A_request_filed_to_a_body_with_an_address_reaches_it_by_SMTP_with_its_PDF_and_its_own_Reply_To()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        using var app = factory.SendingTo(smtp);
        var client = app.CreateClient();
        var token = await RegisterCitizenAsync(client);
        var (id, number) = await FileAsync(client, token);

        await RunMailJobsAsync(app);

        var received = (await smtp.WaitForAsync(1)).Should().ContainSingle().Subject;
        var replyTo = app.Services.GetRequiredService<ReplyAddressCodec>().AddressFor(RequestNumber.Parse(number));
        received.Message.To.Mailboxes.Single().Address.Should().Be(TestSeeds.VerifiedCityHallAddress);
        received.Message.ReplyTo.Mailboxes.Single().Address.Should().Be(replyTo);
        received.EnvelopeFrom.Should().Be(replyTo);
        received.Message.Subject.Should().Contain(number);
        received.Message.Attachments.OfType<MimePart>().Should().ContainSingle(part => part.ContentType.MimeType == "application/pdf");

        var admin = await client.GetAdminTokenAsync();
        using var listed = await client.GetAsAsync(admin, $"/api/mail/outgoing?request={number}");
        var row = (await listed.ReadJsonAsync()).Items().Should().ContainSingle().Subject;
        row.GetProperty("status").GetString().Should().Be("sent");
        row.GetProperty("requestId").GetGuid().Should().Be(id);
        row.GetProperty("messageId").GetString().Should().Be(received.Message.MessageId);
        row.GetProperty("attempts").GetInt32().Should().Be(1);
    }

    [Fact]
    public async Task Staff_list_outgoing_mail_and_read_one_with_the_pickup_file_it_was_written_to()
    {
        var client = factory.CreateClient();
        var token = await RegisterCitizenAsync(client);
        var (_, number) = await FileAsync(client, token);
        await RunMailJobsAsync(factory);
        var admin = await client.GetAdminTokenAsync();

        using var listed = await client.GetAsAsync(admin, $"/api/mail/outgoing?status=sent&request={number}");
        var row = (await listed.ReadJsonAsync()).Items().Should().ContainSingle().Subject;
        var file = row.GetProperty("pickupFile").GetString();
        File.Exists(Path.Combine(factory.DataDirectory, "mail", "pickup", file!)).Should().BeTrue();

        using var one = await client.GetAsAsync(admin, $"/api/mail/outgoing/{row.GetProperty("id").GetGuid()}");
        var details = await one.ReadJsonAsync();
        details.GetProperty("textBody").GetString().Should().Contain(number);
        details.GetProperty("attachments").GetArrayLength().Should().Be(1);
    }

    [Fact]
    public async Task Outgoing_mail_is_for_staff_only()
    {
        var client = factory.CreateClient();
        var citizen = await RegisterCitizenAsync(client);

        using var anonymous = await client.GetAsAsync(null, "/api/mail/outgoing");
        using var forbidden = await client.GetAsAsync(citizen, "/api/mail/outgoing");
        using var one = await client.GetAsAsync(citizen, $"/api/mail/outgoing/{Guid.NewGuid()}");

        await anonymous.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await forbidden.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        await one.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_bad_filter_or_an_unknown_mail_gets_a_sentence()
    {
        var client = factory.CreateClient();
        var admin = await client.GetAdminTokenAsync();

        using var status = await client.GetAsAsync(admin, "/api/mail/outgoing?status=lost");
        using var request = await client.GetAsAsync(admin, "/api/mail/outgoing?request=forty-two");
        using var missing = await client.GetAsAsync(admin, $"/api/mail/outgoing/{Guid.NewGuid()}");

        (await status.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ToString().Should().Contain("pending, sending, sent, failed, bounced");
        (await request.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ToString().Should().Contain("request number");
        (await missing.ShouldBeProblemAsync(HttpStatusCode.NotFound)).ToString().Should().Contain("outgoing mail");
    }

    // The test host runs without the scheduler; the jobs' commands are sent by hand.
    private static async Task RunMailJobsAsync(WebApplicationFactory<Program> app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        for (var round = 0; round < 20 && (await mediator.Send(new DispatchOutboxCommand())).More; round++)
        {
        }

        for (var round = 0; round < 100; round++)
        {
            await using var sending = app.Services.CreateAsyncScope();
            if (await sending.ServiceProvider.GetRequiredService<IMediator>().Send(new SendNextMailCommand()) == SendOutcome.Idle)
                break;
        }
    }

    private static async Task<string> RegisterCitizenAsync(HttpClient client)
    {
        var email = $"citizen-{Guid.NewGuid():N}@example.org";
        using (var registered = await client.PostAsJsonAsync("/api/auth/register", new { email, displayName = "Nino Beridze", password = Password }))
            registered.StatusCode.Should().Be(HttpStatusCode.Created);
        return await client.GetTokenAsync(email, Password);
    }

    private static async Task<(Guid Id, string Number)> FileAsync(HttpClient client, string token)
    {
        using var response = await client.PostAsAsync(token, "/api/requests", new
        {
            bodyKey = TestSeeds.VerifiedCityHall,
            subject = "Road repair contracts 2025",
            text = "Please send the 2025 road repair contracts.",
            requester = new { name = "ნინო ბერიძე", email = "nino@example.org" },
        });
        var filed = await response.ReadJsonAsync(HttpStatusCode.Created);
        return (filed.GetProperty("id").GetGuid(), filed.GetProperty("number").GetString()!);
    }
}

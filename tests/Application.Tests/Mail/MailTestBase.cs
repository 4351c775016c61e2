using FoiTracker.Application.Mail;
using FoiTracker.Application.Mail.SendMail;
using FoiTracker.Application.Outbox.DispatchOutbox;
using FoiTracker.Application.Tests.Workflows;
using FoiTracker.Infrastructure.Mail;
using FoiTracker.Tests.Support;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace FoiTracker.Application.Tests.Mail;

/// <summary>Requests on a real database with a fake clock, their outbox dispatched and their mail sent by hand.</summary>
public abstract class MailTestBase : WorkflowTestBase
{
    /// <summary>The test body with a verified FOI address (the shipped seeds verify none without a recorded source).</summary>
    protected const string VerifiedCityHall = TestSeeds.VerifiedCityHall;
    protected const string VerifiedCityHallAddress = TestSeeds.VerifiedCityHallAddress;

    /// <summary>A body without any address.</summary>
    protected const string KareliCityHall = "ge-kareli-city-hall";

    protected static async Task DispatchAllAsync(IServiceProvider services)
    {
        for (var round = 0; round < 100; round++)
        {
            if (!(await SendAsync(services, new DispatchOutboxCommand())).More)
                return;
        }
    }

    /// <summary>Sends until nothing is due, as the sender job does; returns what each send came to.</summary>
    protected static async Task<List<SendOutcome>> SendAllAsync(IServiceProvider services)
    {
        var outcomes = new List<SendOutcome>();
        for (var round = 0; round < 10_000; round++)
        {
            var outcome = await SendAsync(services, new SendNextMailCommand());
            if (outcome == SendOutcome.Idle)
                return outcomes;
            outcomes.Add(outcome);
        }

        throw new InvalidOperationException("The sender did not settle.");
    }

    /// <summary>A node that sends through the given SMTP server, its transport optionally wrapped (to make it crash).</summary>
    protected ServiceProvider SmtpNode(TestSmtpServer server, Func<IMailTransport, IMailTransport>? wrap = null) =>
        BuildNode(services =>
        {
            var settings = new MailSendingSettings
            {
                Transport = MailTransportKind.Smtp,
                PickupDirectory = Path.Combine(Database.Options.DataDirectory, "mail", "pickup"),
                SmtpHost = "127.0.0.1",
                SmtpPort = server.Port,
                SmtpSecurity = SecureSocketOptions.None,
                SmtpTimeout = TimeSpan.FromSeconds(10),
            };
            services.AddSingleton(settings);
            var smtp = new SmtpMailTransport(settings, NullLogger<SmtpMailTransport>.Instance);
            services.AddSingleton(wrap?.Invoke(smtp) ?? smtp);
        });

    protected Task<IReadOnlyList<MailRow>> MailsAsync() =>
        RowsAsync<MailRow>(
            """
            SELECT id AS Id, request_id AS RequestId, kind AS Kind, message_id AS MessageId, to_address AS ToAddress, reply_to AS ReplyTo,
                   subject AS Subject, text_body AS TextBody, language AS Language, attachments AS Attachments, status AS Status,
                   attempts AS Attempts, available_at AS AvailableAt, last_error AS LastError, transport_ref AS TransportRef
            FROM mail_outgoing ORDER BY created_at, id
            """);

    protected sealed class MailRow
    {
        public Guid Id { get; init; }
        public Guid? RequestId { get; init; }
        public string Kind { get; init; } = "";
        public string MessageId { get; init; } = "";
        public string ToAddress { get; init; } = "";
        public string? ReplyTo { get; init; }
        public string Subject { get; init; } = "";
        public string TextBody { get; init; } = "";
        public string Language { get; init; } = "";
        public string Attachments { get; init; } = "";
        public string Status { get; init; } = "";
        public int Attempts { get; init; }
        public DateTimeOffset AvailableAt { get; init; }
        public string? LastError { get; init; }
        public string? TransportRef { get; init; }

        public IReadOnlyList<Guid> AttachmentIds => System.Text.Json.JsonSerializer.Deserialize<List<Guid>>(Attachments) ?? [];
    }
}

using System.Diagnostics;
using System.Globalization;
using Dapper;
using FoiTracker.Application.Mail;
using FoiTracker.Application.Mail.SendMail;
using FoiTracker.Application.Outbox.DispatchOutbox;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Requests.FileRequest;
using FoiTracker.Benchmarks.BulkLoad;
using FoiTracker.Domain.Users;
using FoiTracker.Infrastructure.Mail;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Tests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Benchmarks.Mail;

/// <summary>
/// Benchmark "mail", sending half: messages per second from pending mail_outgoing rows, each with a
/// one-page request letter (PDF) attached, through the real sender (three short transactions per mail:
/// the claim, the server's acceptance, then mail:sent on the request's timeline; ADR 030) —
/// to an SMTP server in this process (the SmtpServer package, on loopback) and to the pickup folder.
/// SQLite, one sender, after a warm-up of 100 messages.
/// </summary>
public static class MailSendBenchmark
{
    public const int Messages = 2_000;
    private const int WarmUp = 100;

    public static async Task<IReadOnlyDictionary<string, double>> RunAsync(string seedsDirectory, CancellationToken cancellationToken = default)
    {
        var figures = new Dictionary<string, double>(StringComparer.Ordinal);
        await using (var smtp = await TestSmtpServer.StartAsync())
        {
            var settings = new Dictionary<string, string?>
            {
                [MailSendingSettings.TransportKey] = "smtp",
                [MailSendingSettings.SmtpHostKey] = "127.0.0.1",
                [MailSendingSettings.SmtpPortKey] = smtp.Port.ToString(CultureInfo.InvariantCulture),
                [MailSendingSettings.SmtpSecurityKey] = "None",
            };
            var (rate, attachment, expected) = await MeasureAsync(seedsDirectory, settings, cancellationToken);
            // Every message the sender sent arrived once.
            var received = (await smtp.WaitForAsync(expected)).Select(mail => mail.Message.MessageId).Distinct().Count();
            if (received != expected)
                throw new InvalidOperationException($"The SMTP server received {received} distinct messages, not {expected}.");
            figures["send.smtp.messages_per_second"] = rate;
            figures["send.attachment_bytes"] = attachment;
            figures["send.smtp_transport_only.messages_per_second"] = await TransportOnlyAsync(smtp, attachment, cancellationToken);
        }

        var (pickup, _, _) = await MeasureAsync(seedsDirectory, null, cancellationToken);
        figures["send.pickup.messages_per_second"] = pickup;
        figures["send.messages"] = Messages;
        return figures;
    }

    /// <summary>The SMTP conversation alone (MIME building, MailKit, the server), without the database: what the sender's own work costs beside it.</summary>
    private static async Task<double> TransportOnlyAsync(TestSmtpServer smtp, int attachmentBytes, CancellationToken cancellationToken)
    {
        var settings = new MailSendingSettings
        {
            Transport = MailTransportKind.Smtp,
            PickupDirectory = Path.GetTempPath(),
            SmtpHost = "127.0.0.1",
            SmtpPort = smtp.Port,
            SmtpSecurity = MailKit.Security.SecureSocketOptions.None,
        };
        using var transport = new SmtpMailTransport(settings, Microsoft.Extensions.Logging.Abstractions.NullLogger<SmtpMailTransport>.Instance);
        var pdf = new MailAttachment("request.pdf", "application/pdf", new byte[attachmentBytes]);
        PendingMail Mail(int i) => new(Guid.NewGuid(), null, "2026-000001", MailKinds.Letter, $"{Guid.NewGuid():N}@foitracker.localhost", "FoiTracker <noreply@foitracker.localhost>",
            "info@gori.gov.ge", "request-2026-000001-abcdefgh@foitracker.localhost", $"Request ({i})", "Attached.\n", "en", [], 0, DateTimeOffset.UtcNow);
        for (var i = 0; i < WarmUp; i++)
            await transport.SendAsync(Mail(i), [pdf], cancellationToken);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Messages / 4; i++)
            await transport.SendAsync(Mail(i), [pdf], cancellationToken);
        return Messages / 4 / clock.Elapsed.TotalSeconds;
    }

    private static async Task<(double Rate, int AttachmentBytes, int Sent)> MeasureAsync(
        string seedsDirectory, IReadOnlyDictionary<string, string?>? settings, CancellationToken cancellationToken)
    {
        await using var database = ScratchDatabase.CreateSqlite(keep: false);
        await using var services = await database.StartServiceAsync(seedsDirectory, cancellationToken, settings);
        var (requestId, letterId, bytes) = await FileOneRequestAsync(services, cancellationToken);

        await EnqueueAsync(services, requestId, letterId, "warm", WarmUp, cancellationToken);
        // Besides the warm-up's own, whatever the filing queued (nothing while the body's address is
        // not verified: its request then starts ready to print).
        var waiting = await UnsentAsync(services, cancellationToken);
        var warmedUp = await SendAllAsync(services, cancellationToken);
        if (warmedUp != waiting || warmedUp < WarmUp)
            throw new InvalidOperationException($"The warm-up sent {warmedUp} messages, not {waiting}.");

        await EnqueueAsync(services, requestId, letterId, "measured", Messages, cancellationToken);
        var clock = Stopwatch.StartNew();
        var sent = await SendAllAsync(services, cancellationToken);
        clock.Stop();
        if (sent != Messages)
            throw new InvalidOperationException($"{sent} messages were sent, not {Messages}.");
        return (Messages / clock.Elapsed.TotalSeconds, bytes, warmedUp + sent);
    }

    /// <summary>A request to Gori City Hall: its letter is the attachment every message carries.</summary>
    private static async Task<(Guid RequestId, Guid LetterId, int Bytes)> FileOneRequestAsync(ServiceProvider services, CancellationToken cancellationToken)
    {
        var citizen = new RequestActor(Guid.CreateVersion7(), "Nino", Role.Citizen);
        await using (var connection = await services.GetRequiredService<IDbConnectionFactory>().OpenAsync(cancellationToken))
        {
            await connection.ExecuteAsync(
                "INSERT INTO users (id, email, email_normalized, display_name, role, password_hash, created_at) VALUES (@Id, 'nino@example.ge', 'nino@example.ge', 'Nino', 'citizen', 'x', @At)",
                new { Id = citizen.UserId, At = DateTimeOffset.UtcNow });
        }

        FiledRequest filed;
        await using (var scope = services.CreateAsyncScope())
        {
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            filed = await mediator.Send(
                new FileRequestCommand("ge-gori-city-hall", "Budget 2025", "Please send the 2025 budget execution report, by programme.",
                    "ნინო ბერიძე", "nino@example.ge", "გორი", null, Draft: false, citizen),
                cancellationToken);
            await mediator.Send(new DispatchOutboxCommand(), cancellationToken);
        }

        await using var read = await services.GetRequiredService<IDbConnectionFactory>().OpenAsync(cancellationToken);
        var letter = await read.QuerySingleAsync<(string Id, long Size)>("SELECT id, size FROM letters WHERE kind = 'request'");
        return (filed.Id, Guid.Parse(letter.Id), (int)letter.Size);
    }

    private static async Task EnqueueAsync(ServiceProvider services, Guid requestId, Guid letterId, string tag, int count, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var session = scope.ServiceProvider.GetRequiredService<DbSession>();
        var store = scope.ServiceProvider.GetRequiredService<IOutgoingMailStore>();
        await session.BeginAsync(cancellationToken);
        for (var i = 0; i < count; i++)
        {
            await store.EnqueueAsync(
                new NewOutgoingMail($"bench:{tag}:{i}", requestId, MailKinds.Letter, "info@gori.gov.ge", "request-2026-000001-abcdefgh@foitracker.localhost",
                    $"Public information request 2026-000001 ({i})", "Please find the request attached.\n", "en", [letterId], DateTimeOffset.UtcNow.AddSeconds(-1)),
                cancellationToken);
        }

        await session.CommitAsync(cancellationToken);
    }

    private static async Task<int> UnsentAsync(ServiceProvider services, CancellationToken cancellationToken)
    {
        await using var connection = await services.GetRequiredService<IDbConnectionFactory>().OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM mail_outgoing WHERE sent_at IS NULL");
    }

    private static async Task<int> SendAllAsync(ServiceProvider services, CancellationToken cancellationToken)
    {
        var sent = 0;
        while (true)
        {
            await using var scope = services.CreateAsyncScope();
            var outcome = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SendNextMailCommand(), cancellationToken);
            if (outcome == SendOutcome.Idle)
                return sent;
            if (outcome != SendOutcome.Sent)
                throw new InvalidOperationException($"A benchmark message was not sent ({outcome}).");
            sent++;
        }
    }
}

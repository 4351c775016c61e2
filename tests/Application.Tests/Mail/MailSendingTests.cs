using FoiTracker.Application.Mail;
using FoiTracker.Application.Mail.SendMail;
using FoiTracker.Application.Requests.GetRequest;
using FoiTracker.Application.Requests.ListRequests;
using FoiTracker.Domain.Users;
using FoiTracker.Infrastructure.Mail;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Infrastructure.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using FoiTracker.Tests.Support;
using MimeKit;

namespace FoiTracker.Application.Tests.Mail;

/// <summary>Mail sent through a real SMTP server in this process: what arrives, and what happens when the server says no or the process dies.</summary>
public abstract class MailSendingTests : MailTestBase
{
    private TestSmtpServer _smtp = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _smtp = await TestSmtpServer.StartAsync();
    }

    public override async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        await base.DisposeAsync();
    }

    [SkippableFact]
    public async Task TheRequestLetter_ArrivesWithItsPdf_ItsReplyTo_ItsMessageId_AndTheReplyAddressAsEnvelopeSender()
    {
        var filed = await FileAsync(null, VerifiedCityHall);
        await DispatchAllAsync(Services);
        await using var node = SmtpNode(_smtp);

        (await SendAllAsync(node)).Should().Equal(SendOutcome.Sent);

        var row = (await MailsAsync()).Single();
        var received = _smtp.Received.Should().ContainSingle().Subject;
        var message = received.Message;
        message.MessageId.Should().Be(row.MessageId);
        message.To.Mailboxes.Select(m => m.Address).Should().Equal(VerifiedCityHallAddress);
        message.ReplyTo.Mailboxes.Select(m => m.Address).Should().Equal(row.ReplyTo);
        received.EnvelopeFrom.Should().Be(row.ReplyTo, "bounces must come back to the request's own address");
        received.EnvelopeTo.Should().Equal(VerifiedCityHallAddress);
        message.Subject.Should().Contain(filed.Number);
        message.TextBody.Should().Contain(filed.Number);
        var pdf = message.Attachments.OfType<MimePart>().Should().ContainSingle().Subject;
        pdf.ContentType.MimeType.Should().Be("application/pdf");
        pdf.FileName.Should().Be($"request-{filed.Number}.ka.pdf");
        using var bytes = new MemoryStream();
        await pdf.Content!.DecodeToAsync(bytes);
        bytes.ToArray().Take(5).Should().Equal("%PDF-"u8.ToArray());

        row.Status.Should().Be(MailStatus.Sent);
        var request = await QueryAsync(new GetRequestQuery(filed.Id, null));
        request.Timeline.Should().ContainSingle(entry => entry.Kind == MailTimelineKinds.Sent).Which.Detail.Should().Contain(row.MessageId);
    }

    [SkippableFact]
    public async Task ATransientRefusal_IsRetriedAfterABackOff_AndTheMessageArrivesOnce()
    {
        await FileAsync(null, VerifiedCityHall);
        await DispatchAllAsync(Services);
        await using var node = SmtpNode(_smtp);
        _smtp.AnswerNext(451);

        (await SendAllAsync(node)).Should().Equal(SendOutcome.Retrying);
        var waiting = (await MailsAsync()).Single();
        waiting.Status.Should().Be(MailStatus.Pending);
        waiting.Attempts.Should().Be(1);
        waiting.LastError.Should().Contain("451");
        waiting.AvailableAt.Should().Be(Clock.GetUtcNow() + SendNextMailHandler.FirstBackoff);
        (await SendAllAsync(node)).Should().BeEmpty("the back-off has not passed");

        Clock.Advance(SendNextMailHandler.FirstBackoff);
        (await SendAllAsync(node)).Should().Equal(SendOutcome.Sent);
        (await SendAllAsync(node)).Should().BeEmpty();

        _smtp.Refused.Should().Be(1);
        _smtp.Received.Should().ContainSingle().Which.Message.MessageId.Should().Be(waiting.MessageId);
    }

    [SkippableFact]
    public async Task APermanentRefusal_FailsTheMail_WritesTheTimeline_AndPutsTheRequestInTheStaffQueue()
    {
        var filed = await FileAsync(null, VerifiedCityHall);
        var other = await FileAsync(null, KareliCityHall);
        await DispatchAllAsync(Services);
        await using var node = SmtpNode(_smtp);
        _smtp.AnswerNext(550);

        (await SendAllAsync(node)).Should().Equal(SendOutcome.Failed);
        Clock.Advance(TimeSpan.FromDays(1));
        (await SendAllAsync(node)).Should().BeEmpty("a permanent failure is not retried");

        var row = (await MailsAsync()).Single();
        row.Status.Should().Be(MailStatus.Failed);
        row.LastError.Should().Contain("550");
        var request = await QueryAsync(new GetRequestQuery(filed.Id, null));
        request.Timeline.Should().ContainSingle(entry => entry.Kind == MailTimelineKinds.Failed).Which.Detail.Should().Contain("550");

        var staff = new Requests.RequestActor(Guid.NewGuid(), "Staff", Role.Staff);
        var queue = await QueryAsync(new ListRequestsQuery(null, null, null, 1, 20, staff, MailProblem: true));
        queue.Items.Should().ContainSingle().Which.Id.Should().Be(filed.Id);
        var all = await QueryAsync(new ListRequestsQuery(null, null, null, 1, 20, staff));
        all.Items.Should().Contain(item => item.Id == filed.Id && item.MailProblem).And.Contain(item => item.Id == other.Id && !item.MailProblem);
    }

    [SkippableFact]
    public async Task AMailGivenUpAfterTwoDaysOfTransientFailures_Fails()
    {
        await FileAsync(null, VerifiedCityHall);
        await DispatchAllAsync(Services);
        await using var node = SmtpNode(_smtp);
        _smtp.AnswerNext(451, times: 1000);

        for (var hour = 0; hour < 60; hour++)
        {
            await SendAllAsync(node);
            Clock.Advance(TimeSpan.FromHours(1));
        }

        var row = (await MailsAsync()).Single();
        row.Status.Should().Be(MailStatus.Failed);
        row.LastError.Should().Contain("451").And.Contain("2 days");
        _smtp.Received.Should().BeEmpty();
    }

    [SkippableFact]
    public async Task ACrashDuringTheConversation_LeavesTheMailSending_UntilItsLeaseRunsOut_ThenSendsItAgainWithTheSameMessageId_AndCountsIt()
    {
        await FileAsync(null, VerifiedCityHall);
        await FileAsync(null, VerifiedCityHall);
        await FileAsync(null, VerifiedCityHall);
        await DispatchAllAsync(Services);
        var rows = await MailsAsync();
        rows.Should().HaveCount(3);

        // The first node hands its first message to the server and dies before the acceptance is recorded.
        await using (var dying = SmtpNode(_smtp, inner => new DiesAfterSending(inner)))
        {
            var crash = () => SendAllAsync(dying);
            await crash.Should().ThrowAsync<ProcessDiedException>();
        }

        (await MailsAsync())[0].Status.Should().Be(MailStatus.Sending, "the claim was committed before the conversation");

        // A node started at once sends the others but leaves the one in flight alone while its claim may still be live.
        await using var restarted = SmtpNode(_smtp);
        (await SendAllAsync(restarted)).Should().Equal(SendOutcome.Sent, SendOutcome.Sent);
        (await MailsAsync())[0].Status.Should().Be(MailStatus.Sending);

        Clock.Advance(new MailSendingSettings { PickupDirectory = "" }.SendingLease);
        (await SendAllAsync(restarted)).Should().Equal(SendOutcome.Sent);

        var ids = _smtp.Received.Select(mail => mail.Message.MessageId).ToList();
        ids.Should().HaveCount(4);
        ids.Distinct().Should().BeEquivalentTo(rows.Select(row => row.MessageId));
        ids.GroupBy(id => id).Where(group => group.Count() > 1).Select(group => group.Key).Should().Equal(rows[0].MessageId);
        (await MailsAsync()).Should().OnlyContain(row => row.Status == MailStatus.Sent);
        (await CountAsync("SELECT COUNT(*) FROM mail_outgoing WHERE resends = 1 AND id = @Id", new { rows[0].Id })).Should().Be(1);
        (await CountAsync("SELECT SUM(resends) FROM mail_outgoing")).Should().Be(1);
        (await CountAsync("SELECT COUNT(*) FROM mail_outgoing WHERE recorded_at IS NULL")).Should().Be(0);
        (await CountAsync("SELECT COUNT(*) FROM timeline WHERE kind = 'mail:sent'")).Should().Be(3);
    }

    [SkippableFact]
    public async Task TheClaim_IsCommittedBeforeTheConversation_SoOtherProcessesSeeTheMailSending()
    {
        await FileAsync(null, VerifiedCityHall);
        await DispatchAllAsync(Services);
        var seen = new List<string>();
        await using var node = SmtpNode(_smtp, inner => new LooksBeforeSending(inner, async () =>
            seen.AddRange(await RowsAsync<string>("SELECT status || ' ' || COALESCE(claimed_by, '-') FROM mail_outgoing"))));

        (await SendAllAsync(node)).Should().Equal(SendOutcome.Sent);

        seen.Should().ContainSingle().Which.Should().StartWith("sending ").And.Contain($":{Environment.ProcessId}");
        (await MailsAsync()).Should().ContainSingle().Which.Status.Should().Be(MailStatus.Sent);
    }

    [SkippableFact]
    public async Task ACrashAfterTheAcceptanceWasCommitted_SendsNothingAgain_AndWritesTheTimelineEntryOnce()
    {
        await FileAsync(null, VerifiedCityHall);
        await DispatchAllAsync(Services);
        var row = (await MailsAsync()).Should().ContainSingle().Subject;
        // What a process leaves that stopped right after committing the server's 250.
        await ExecuteAsync(
            "UPDATE mail_outgoing SET status = 'sent', sent_at = @At, claimed_at = @At, claimed_by = 'gone:1', attempts = 1 WHERE id = @Id",
            new { row.Id, At = Clock.GetUtcNow() });
        await using var node = SmtpNode(_smtp);

        (await SendAllAsync(node)).Should().BeEmpty("the claim may still be live");
        Clock.Advance(new MailSendingSettings { PickupDirectory = "" }.SendingLease);
        (await SendAllAsync(node)).Should().Equal(SendOutcome.Sent);
        (await SendAllAsync(node)).Should().BeEmpty();

        _smtp.Received.Should().BeEmpty();
        (await CountAsync("SELECT COUNT(*) FROM timeline WHERE kind = 'mail:sent'")).Should().Be(1);
        (await CountAsync("SELECT COUNT(*) FROM mail_outgoing WHERE recorded_at IS NOT NULL AND resends = 0 AND status = 'sent'")).Should().Be(1);
    }

    [SkippableFact]
    public async Task OneRunOfTheSenderJob_SendsEverythingDue_NotJustOneBatchBoundsWorth()
    {
        const int count = WorkflowSchedule.MaxBatchesPerRun + 20;
        await using var node = SmtpNode(_smtp);
        var store = node.CreateScope().ServiceProvider.GetRequiredService<IOutgoingMailStore>();
        for (var i = 0; i < count; i++)
        {
            await store.EnqueueAsync(
                new NewOutgoingMail($"job-bound-{i}", null, MailKinds.Digest, "staff@example.org", null, $"Digest {i}", "Text", "en", [], Clock.GetUtcNow()),
                CancellationToken.None);
        }

        var job = new SendMailJob(node.GetRequiredService<IServiceScopeFactory>(), NullLogger<SendMailJob>.Instance);
        var run = await job.RunAsync(CancellationToken.None);

        run.Failures.Should().Be(0);
        (await _smtp.WaitForAsync(count)).Should().HaveCount(count);
        (await CountAsync("SELECT COUNT(*) FROM mail_outgoing WHERE status = 'sent'")).Should().Be(count);
    }

    [SkippableFact]
    public async Task TwoNodesSendingAtOnce_SendEachMessageOnce()
    {
        for (var i = 0; i < 8; i++)
            await FileAsync(null, VerifiedCityHall);
        await DispatchAllAsync(Services);
        await using var nodeA = SmtpNode(_smtp);
        await using var nodeB = SmtpNode(_smtp);

        var sent = await Task.WhenAll(SendAllAsync(nodeA), SendAllAsync(nodeB));

        sent.Sum(outcomes => outcomes.Count).Should().Be(8);
        var ids = _smtp.Received.Select(mail => mail.Message.MessageId).ToList();
        ids.Should().HaveCount(8).And.OnlyHaveUniqueItems();
        (await MailsAsync()).Should().OnlyContain(row => row.Status == MailStatus.Sent && row.Attempts == 1);
    }

    /// <summary>Runs a look at the database just before the message goes to the server.</summary>
    private sealed class LooksBeforeSending(IMailTransport inner, Func<Task> look) : IMailTransport
    {
        public string Name => inner.Name;

        public async Task<string?> SendAsync(PendingMail mail, IReadOnlyList<MailAttachment> attachments, CancellationToken cancellationToken)
        {
            await look();
            return await inner.SendAsync(mail, attachments, cancellationToken);
        }
    }

    private sealed class ProcessDiedException : Exception
    {
        public ProcessDiedException()
            : base("The process died after the send, before the commit.")
        {
        }
    }

    /// <summary>Hands the message to the server, then dies: the send happened, its transaction never commits.</summary>
    private sealed class DiesAfterSending(IMailTransport inner) : IMailTransport
    {
        public string Name => inner.Name;

        public async Task<string?> SendAsync(PendingMail mail, IReadOnlyList<MailAttachment> attachments, CancellationToken cancellationToken)
        {
            await inner.SendAsync(mail, attachments, cancellationToken);
            throw new ProcessDiedException();
        }
    }
}

public sealed class SqliteMailSendingTests : MailSendingTests;

public sealed class PostgresMailSendingTests : MailSendingTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

using FoiTracker.Application.Mail;
using FoiTracker.Application.Mail.SendMail;
using FoiTracker.Application.Requests.GetRequest;
using FoiTracker.Application.Requests.ListRequests;
using FoiTracker.Domain.Users;
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
    public async Task ACrashAfterTheSendButBeforeTheCommit_SendsThatMessageAgainWithTheSameMessageId_AndNoOtherTwice()
    {
        await FileAsync(null, VerifiedCityHall);
        await FileAsync(null, VerifiedCityHall);
        await FileAsync(null, VerifiedCityHall);
        await DispatchAllAsync(Services);
        var rows = await MailsAsync();
        rows.Should().HaveCount(3);

        // The first node sends its first message and dies before its transaction commits.
        await using (var dying = SmtpNode(_smtp, inner => new DiesAfterSending(inner)))
        {
            var crash = () => SendAllAsync(dying);
            await crash.Should().ThrowAsync<ProcessDiedException>();
        }

        // The restarted node finds that row still pending and sends everything once.
        await using var restarted = SmtpNode(_smtp);
        (await SendAllAsync(restarted)).Should().Equal(SendOutcome.Sent, SendOutcome.Sent, SendOutcome.Sent);

        var ids = _smtp.Received.Select(mail => mail.Message.MessageId).ToList();
        ids.Should().HaveCount(4);
        ids.Distinct().Should().BeEquivalentTo(rows.Select(row => row.MessageId));
        ids.GroupBy(id => id).Where(group => group.Count() > 1).Select(group => group.Key).Should().Equal(rows[0].MessageId);
        (await MailsAsync()).Should().OnlyContain(row => row.Status == MailStatus.Sent);
        (await CountAsync("SELECT COUNT(*) FROM timeline WHERE kind = 'mail:sent'")).Should().Be(3);
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

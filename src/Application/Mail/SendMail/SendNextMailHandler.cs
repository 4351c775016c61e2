using FoiTracker.Application.Common.Ports;
using FoiTracker.Application.Letters;
using Mediator;
using Microsoft.Extensions.Logging;

namespace FoiTracker.Application.Mail.SendMail;

public sealed class SendNextMailHandler(
    IUnitOfWork unitOfWork,
    IOutgoingMailStore mails,
    IMailTransport transport,
    ILetterStore letters,
    MailTimeline timeline,
    TimeProvider clock,
    ILogger<SendNextMailHandler> logger)
    : IRequestHandler<SendNextMailCommand, SendOutcome>
{
    /// <summary>The first wait after a transient failure; it doubles with each attempt up to <see cref="MaxBackoff"/>.</summary>
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(30);

    public static readonly TimeSpan MaxBackoff = TimeSpan.FromHours(1);

    /// <summary>
    /// How long a mail is retried before it is given up: a receiving server down for two days is not coming back soon.
    /// Counted from when it was written, or from when staff last made it sendable again.
    /// </summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromDays(2);

    /// <summary>
    /// What an account mail's row says once the mail is sent: its text carried a one-time link, and
    /// keeping it would let anyone who reads the mail list use the link.
    /// </summary>
    public const string SentAccountMailText = "(This mail carried a one-time link; its text is not kept once sent.)";

    public async ValueTask<SendOutcome> Handle(SendNextMailCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var mail = await InTransactionAsync(() => mails.ClaimNextAsync(now, cancellationToken), cancellationToken);
        if (mail is null)
            return SendOutcome.Idle;

        if (mail.Claim == MailClaim.AcceptedNotRecorded)
        {
            logger.LogWarning("Mail {MessageId} to {To} was accepted by the server but {Node} stopped before recording what follows; recording it now, without sending again",
                mail.MessageId, mail.To, mail.ClaimedBefore);
            await InTransactionAsync(() => RecordAsync(mail, now, cancellationToken), cancellationToken);
            return SendOutcome.Sent;
        }

        if (mail.Claim == MailClaim.CutShort)
        {
            logger.LogWarning("Mail {MessageId} to {To} was being sent by {Node}, which stopped before the server's answer was recorded; sending it again with the same Message-ID",
                mail.MessageId, mail.To, mail.ClaimedBefore);
        }

        string? reference;
        try
        {
            var attachments = await AttachmentsAsync(mail, cancellationToken);
            reference = await transport.SendAsync(mail, attachments, cancellationToken);
        }
        catch (MailDeliveryException ex) when (!ex.Permanent && now - (mail.RetriedAt ?? mail.CreatedAt) < GiveUpAfter)
        {
            var delay = Backoff(mail.Attempts);
            logger.LogWarning("Mail {MessageId} to {To} not sent (attempt {Attempt}): {Reason}; trying again in {Delay}", mail.MessageId, mail.To, mail.Attempts + 1, ex.Message, delay);
            await InTransactionAsync(() => mails.RetryLaterAsync(mail.Id, ex.Message, now + delay, cancellationToken), cancellationToken);
            return SendOutcome.Retrying;
        }
        catch (MailDeliveryException ex)
        {
            await InTransactionAsync(() => FailAsync(mail, ex, now, cancellationToken), cancellationToken);
            return SendOutcome.Failed;
        }

        // The server has the message: its acceptance is committed alone and at once, before anything
        // else can fail or wait, so that only a stop in these few milliseconds sends it a second time.
        var sentAt = clock.GetUtcNow();
        // Not cancelled by a shutdown either: the message is out, and saying so is what keeps it from going again.
        if (!await InTransactionAsync(() => mails.MarkSentAsync(mail.Id, sentAt, reference, CancellationToken.None), CancellationToken.None))
        {
            logger.LogWarning("Mail {MessageId} to {To} was recorded as sent by another process meanwhile", mail.MessageId, mail.To);
            return SendOutcome.Sent;
        }

        await InTransactionAsync(() => RecordAsync(mail, sentAt, cancellationToken), cancellationToken);
        return SendOutcome.Sent;
    }

    /// <summary>30 s, 1 min, 2 min … doubling per attempt, at most an hour.</summary>
    public static TimeSpan Backoff(int attempts) => Common.Models.Backoff.Exponential(FirstBackoff, MaxBackoff, attempts);

    /// <summary>What follows an accepted mail: an account mail's text dropped, a letter's <c>mail:sent</c> entry (keyed, so written once).</summary>
    private async Task<bool> RecordAsync(PendingMail mail, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        if (mail.Kind == MailKinds.Account)
            await mails.ReplaceTextAsync(mail.Id, SentAccountMailText, cancellationToken);
        if (mail.Kind == MailKinds.Letter && mail.RequestId is { } requestId)
        {
            await timeline.NoteAsync(requestId, MailTimelineKinds.Sent, sentAt,
                $"\"{mail.Subject}\" sent by e-mail to {mail.To} (Message-ID <{mail.MessageId}>).", $"{MailTimelineKinds.Sent}:{mail.Id:N}", cancellationToken);
        }

        await mails.MarkRecordedAsync(mail.Id, clock.GetUtcNow(), cancellationToken);
        return true;
    }

    private async Task<bool> FailAsync(PendingMail mail, MailDeliveryException ex, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var reason = ex.Permanent ? ex.Message : $"{ex.Message} (still failing after {GiveUpAfter.TotalDays:0} days of retries)";
        logger.LogWarning("Mail {MessageId} to {To} given up: {Reason}", mail.MessageId, mail.To, reason);
        await mails.MarkFailedAsync(mail.Id, reason, cancellationToken);
        if (mail.RequestId is { } requestId)
        {
            // The timeline is public: a body's address may show there, the requester's may not,
            // not even inside the server's answer.
            var to = mail.Kind == MailKinds.Letter ? mail.To : "the requester";
            var said = mail.Kind == MailKinds.Letter ? reason : reason.Replace(mail.To, "the requester's address", StringComparison.OrdinalIgnoreCase);
            await timeline.NoteAsync(requestId, MailTimelineKinds.Failed, now,
                $"\"{mail.Subject}\" to {to} could not be sent: {said}", $"{MailTimelineKinds.Failed}:{mail.Id:N}", cancellationToken);
        }

        return true;
    }

    private Task<bool> InTransactionAsync(Func<Task> work, CancellationToken cancellationToken) =>
        InTransactionAsync(async () =>
        {
            await work();
            return true;
        }, cancellationToken);

    /// <summary>One short transaction of its own, committed before the method returns.</summary>
    private async Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        await unitOfWork.BeginAsync(cancellationToken);
        try
        {
            var result = await work();
            await unitOfWork.CommitAsync(cancellationToken);
            return result;
        }
        catch
        {
            await unitOfWork.RollbackAsync(CancellationToken.None);
            throw;
        }
    }

    private async Task<IReadOnlyList<MailAttachment>> AttachmentsAsync(PendingMail mail, CancellationToken cancellationToken)
    {
        if (mail.Attachments.Count == 0)
            return [];
        if (mail.RequestId is not { } requestId)
            throw new MailDeliveryException("The mail names attachments but belongs to no request.", permanent: true);
        var result = new List<MailAttachment>(mail.Attachments.Count);
        foreach (var letterId in mail.Attachments)
        {
            var letter = await letters.GetContentAsync(requestId, letterId, cancellationToken)
                ?? throw new MailDeliveryException($"Letter {letterId} to attach is missing.", permanent: true);
            result.Add(new MailAttachment($"{letter.Kind}-{mail.RequestNumber}.{letter.Language}.pdf", "application/pdf", letter.Bytes));
        }

        return result;
    }
}

using FoiTracker.Application.Letters;
using Mediator;
using Microsoft.Extensions.Logging;

namespace FoiTracker.Application.Mail.SendMail;

public sealed class SendNextMailHandler(
    IOutgoingMailStore mails,
    IMailTransport transport,
    ILetterStore letters,
    MailTimeline timeline,
    TimeProvider clock,
    ILogger<SendNextMailHandler> logger)
    : ICommandHandler<SendNextMailCommand, SendOutcome>
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
        var mail = await mails.ClaimNextAsync(now, cancellationToken);
        if (mail is null)
            return SendOutcome.Idle;

        try
        {
            var attachments = await AttachmentsAsync(mail, cancellationToken);
            var reference = await transport.SendAsync(mail, attachments, cancellationToken);
            var sentAt = clock.GetUtcNow();
            await mails.MarkSentAsync(mail.Id, sentAt, reference, cancellationToken);
            if (mail.Kind == MailKinds.Account)
                await mails.ReplaceTextAsync(mail.Id, SentAccountMailText, cancellationToken);
            if (mail.Kind == MailKinds.Letter && mail.RequestId is { } requestId)
            {
                await timeline.NoteAsync(requestId, MailTimelineKinds.Sent, sentAt,
                    $"\"{mail.Subject}\" sent by e-mail to {mail.To} (Message-ID <{mail.MessageId}>).", $"{MailTimelineKinds.Sent}:{mail.Id:N}", cancellationToken);
            }

            return SendOutcome.Sent;
        }
        catch (MailDeliveryException ex) when (!ex.Permanent && now - (mail.RetriedAt ?? mail.CreatedAt) < GiveUpAfter)
        {
            var delay = Backoff(mail.Attempts);
            logger.LogWarning("Mail {MessageId} to {To} not sent (attempt {Attempt}): {Reason}; trying again in {Delay}", mail.MessageId, mail.To, mail.Attempts + 1, ex.Message, delay);
            await mails.RetryLaterAsync(mail.Id, ex.Message, now + delay, cancellationToken);
            return SendOutcome.Retrying;
        }
        catch (MailDeliveryException ex)
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

            return SendOutcome.Failed;
        }
    }

    /// <summary>30 s, 1 min, 2 min … doubling per attempt, at most an hour.</summary>
    public static TimeSpan Backoff(int attempts) => Common.Models.Backoff.Exponential(FirstBackoff, MaxBackoff, attempts);

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

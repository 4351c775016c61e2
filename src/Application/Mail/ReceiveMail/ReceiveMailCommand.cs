using System.Globalization;
using System.Security.Cryptography;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Mail;
using FoiTracker.Domain.Workflows;
using Mediator;

namespace FoiTracker.Application.Mail.ReceiveMail;

/// <summary>
/// One message from the mailbox, recorded with everything it causes in one transaction: the
/// message, its classification, its matches and their timeline entries and workflow events, its
/// attachments, and the mailbox position. A crash before the commit leaves all of it to the next
/// poll; a message already recorded is skipped, so each one counts once.
/// </summary>
/// <param name="Raw">The message as the server holds it, or only its header block when <paramref name="HeadersOnly"/>.</param>
/// <param name="Size">The size the server reported, in bytes.</param>
/// <param name="HoldReason">Set by intake for a message that could not be processed: it is kept raw in the holding pen with this reason.</param>
public sealed record ReceiveMailCommand(
    string Mailbox,
    long UidValidity,
    long Uid,
    byte[] Raw,
    long Size,
    bool HeadersOnly,
    string? HoldReason = null) : ICommand<ReceivedMail>;

/// <param name="Recorded">False when the message had been recorded before (nothing changed).</param>
public sealed record ReceivedMail(Guid? Id, bool Recorded, string? Classification, string? Status, int Matches);

public sealed class ReceiveMailHandler(
    IInboundMailStore store,
    IInboundMailParser parser,
    InboundMatcher matcher,
    InboundMailEffects effects,
    MailIntakeLimits limits,
    TimeProvider clock) : ICommandHandler<ReceiveMailCommand, ReceivedMail>
{
    private static readonly ReceivedMail AlreadyRecorded = new(null, false, null, null, 0);

    public async ValueTask<ReceivedMail> Handle(ReceiveMailCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var position = await store.LockPositionAsync(command.Mailbox, now, cancellationToken);
        if (position.UidValidity == command.UidValidity && position.LastUid >= command.Uid)
            return AlreadyRecorded;
        var hash = Convert.ToHexStringLower(SHA256.HashData(command.Raw));
        // After the server renumbered the mailbox (a new UIDVALIDITY) the old messages come again
        // under new UIDs: the bytes tell them apart from new ones.
        if (await store.ExistsAsync(command.Mailbox, command.UidValidity, command.Uid, cancellationToken)
            || (position.UidValidity != 0 && await store.SeenUnderOtherValidityAsync(command.Mailbox, hash, command.UidValidity, cancellationToken)))
        {
            await store.AdvancePositionAsync(command.Mailbox, command.UidValidity, command.Uid, now, cancellationToken);
            return AlreadyRecorded;
        }

        var id = Uuid7.New();
        var outcome = await DecideAsync(command, cancellationToken);
        var mail = outcome.Mail;
        await store.AddAsync(
            new NewInboundMail(
                id, command.Mailbox, command.UidValidity, command.Uid, command.Raw, hash, !command.HeadersOnly,
                Clip(mail?.MessageId, 500), Clip(mail?.From, 500), Clip(mail?.Subject, 1000), mail?.Date, command.Size,
                outcome.Classification, outcome.Matches.Count > 0 ? InboundMailStatus.Matched : InboundMailStatus.Held,
                outcome.HoldReason, outcome.Note, now),
            cancellationToken);

        foreach (var match in outcome.Matches)
        {
            await store.AddMatchAsync(id, match.RequestId, match.Method, Clip(match.Evidence, 500), now, cancellationToken);
            await effects.ApplyAsync(id, match.RequestId, outcome.Classification, Describe(mail!, outcome, match), WorkflowActor.System, now, cancellationToken);
        }

        if (outcome.Classification == InboundClassification.Bounce && mail?.Report is { IsFailure: true, OriginalMessageId: { } returned } report)
            await store.MarkSentMailBouncedAsync(returned, Clip(report.Describe(), 2000)!, cancellationToken);

        if (mail is not null && outcome.Classification != InboundClassification.Malformed)
            await StoreAttachmentsAsync(id, mail.Attachments, cancellationToken);

        await store.AdvancePositionAsync(command.Mailbox, command.UidValidity, command.Uid, now, cancellationToken);
        return new ReceivedMail(id, true, outcome.Classification, outcome.Matches.Count > 0 ? InboundMailStatus.Matched : InboundMailStatus.Held, outcome.Matches.Count);
    }

    private async Task<Outcome> DecideAsync(ReceiveMailCommand command, CancellationToken cancellationToken)
    {
        if (command.HoldReason is not null)
            return new Outcome(TryParse(command), InboundClassification.Malformed, [], command.HoldReason, null);
        if (command.HeadersOnly)
        {
            return new Outcome(
                TryParse(command), InboundClassification.TooLarge, [],
                $"The message has {command.Size:N0} bytes, more than the limit of {limits.MaxMessageBytes:N0} (Mail:Intake:MaxMessageBytes): only its headers were downloaded and kept.",
                null);
        }

        var mail = parser.Parse(command.Raw, headersOnly: false);
        if (mail.Problem is not null)
            return new Outcome(mail, InboundClassification.Malformed, [], mail.Problem, null);

        var verdict = InboundMailClassifier.Classify(mail.Headers);
        var classification = verdict.Kind switch
        {
            InboundKind.AutoReply => InboundClassification.AutoReply,
            InboundKind.Bounce => InboundClassification.Bounce,
            _ => InboundClassification.Reply,
        };
        var matches = await matcher.MatchAsync(mail, cancellationToken);
        if (matches.Count > 0)
            return new Outcome(mail, classification, matches, null, verdict.Reason);
        return new Outcome(
            mail, classification == InboundClassification.Reply ? InboundClassification.Unmatched : classification, [],
            "No request matched: none of our reply addresses among the recipients, no In-Reply-To or References naming a mail we sent, and no known request number in the subject.",
            verdict.Reason);
    }

    private ParsedMail? TryParse(ReceiveMailCommand command)
    {
        var mail = parser.Parse(command.Raw, command.HeadersOnly);
        return mail.Problem is null || command.HeadersOnly ? mail : null;
    }

    private async Task StoreAttachmentsAsync(Guid inboundId, IReadOnlyList<ReceivedAttachment> attachments, CancellationToken cancellationToken)
    {
        for (var i = 0; i < attachments.Count; i++)
        {
            var attachment = attachments[i];
            var content = attachment.Content;
            var tooLarge = content.LongLength > limits.MaxAttachmentBytes;
            await store.AddAttachmentAsync(
                new NewInboundAttachment(
                    Uuid7.New(), inboundId, i, Clip(attachment.FileName, 255), Clip(attachment.DeclaredType, 200)!,
                    ContentSniffer.Sniff(content, attachment.FileName), content.LongLength, Convert.ToHexStringLower(SHA256.HashData(content)),
                    tooLarge ? null : content,
                    tooLarge ? $"Not stored: {content.LongLength:N0} bytes, more than the limit of {limits.MaxAttachmentBytes:N0} (Mail:Intake:MaxAttachmentBytes); the raw message still holds it." : null),
                cancellationToken);
        }
    }

    private static string Describe(ParsedMail mail, Outcome outcome, RequestMatch match)
    {
        var how = match.Method switch
        {
            MatchMethod.AddressExact => "sent to its reply address",
            MatchMethod.AddressRetyped => $"sent to its reply address as retyped ({match.Evidence})",
            MatchMethod.InReplyTo => "a reply to our mail",
            MatchMethod.References => "referring to our mail",
            MatchMethod.BouncedMessageId => "returning our mail",
            MatchMethod.SubjectNumber => $"request number {match.Evidence} in the subject",
            _ => match.Method,
        };
        var from = mail.From ?? "an unknown sender";
        var subject = mail.Subject is null ? "(no subject)" : $"\"{mail.Subject}\"";
        return outcome.Classification switch
        {
            InboundClassification.Bounce => $"Our mail did not arrive ({how}): {mail.Report?.Describe() ?? outcome.Note}",
            InboundClassification.AutoReply => $"Automatic reply from {from}, {subject} ({how}). {outcome.Note}",
            _ => string.Create(CultureInfo.InvariantCulture, $"Mail from {from}, {subject}, {mail.Attachments.Count} attachment(s) ({how})."),
        };
    }

    private static string? Clip(string? text, int length) => text is null || text.Length <= length ? text : text[..length];

    private sealed record Outcome(ParsedMail? Mail, string Classification, IReadOnlyList<RequestMatch> Matches, string? HoldReason, string? Note);
}

using System.Text;
using System.Text.Json;
using FoiTracker.Application.Bodies;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Letters;
using FoiTracker.Application.Outbox;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Statutes;
using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Mail;
using FoiTracker.Domain.Requests;
using FoiTracker.Domain.Statutes;
using Microsoft.Extensions.Logging;

namespace FoiTracker.Application.Mail;

/// <summary>
/// Turns the workflow's effects into outgoing mail rows, in the transaction that hands the effect
/// over: a letter goes to the verified address of the body it is written to, with its PDF, a short
/// cover text in the letter's language and the request's own Reply-To; a notice goes to the
/// requester in the statute's language. A letter that cannot go by e-mail gets a timeline entry
/// saying it must go on paper.
/// </summary>
public sealed class MailComposer(
    IRequestQueries requests,
    IPublicBodyRepository bodies,
    IOutgoingMailStore mails,
    IMailTexts texts,
    ILetterTemplates letterTemplates,
    LetterComposer letters,
    IStatuteCatalog catalog,
    ReplyAddressCodec replyAddresses,
    MailTimeline timeline,
    Accounts.EmailVerification.RequesterEmailCheck requesterEmails,
    TimeProvider clock,
    ILogger<MailComposer> logger)
{
    /// <summary>The dedup key of the mail an outbox row produces: one mail per effect, however often it is handed over.</summary>
    public static string DedupKeyFor(OutboxMessage row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return "mail:" + row.DedupKey;
    }

    /// <summary>
    /// Mails a letter the workflow just produced to the body it is addressed to, or notes that it goes
    /// on paper. A letter whose step the request has since moved on from (the body answered before
    /// the chaser went out) is kept for the record but not mailed, and the timeline says why.
    /// </summary>
    public async Task MailLetterAsync(OutboxMessage row, LetterDto letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(letter);
        var request = await requests.GetAsync(letter.RequestId, cancellationToken) ?? throw NotFoundException.For("request", letter.RequestId.ToString());
        // A request recorded as already sent on paper (dated before it was recorded here) has reached the body.
        if (letter.Kind == "request" && request.SubmittedAt is { } sent && sent < request.CreatedAt)
            return;

        var now = clock.GetUtcNow();
        var noteKey = $"{MailTimelineKinds.OnPaper}:{row.DedupKey}";
        if (await NotedAsMovedOnAsync(row, request, NoticeTimelineKinds.LetterWithheld, $"The {letter.Kind} letter was not mailed", noteKey, cancellationToken))
            return;

        var (body, complaintBody, court) = await BodiesAsync(request, cancellationToken);
        var addressee = letter.Recipient switch
        {
            LetterRecipients.Body => body,
            LetterRecipients.ComplaintBody => complaintBody ?? court,
            _ => court,
        };

        if (addressee is null || addressee.Kind == BodyKind.Court)
        {
            var where = addressee is null ? "the court" : addressee.Name.In("en");
            await timeline.NoteAsync(request.Id, MailTimelineKinds.OnPaper, now,
                $"The {letter.Kind} letter is ready as PDF to print and file with {where}; a court is not written to by e-mail.", noteKey, cancellationToken);
            return;
        }

        if (!addressee.CanReceiveMail)
        {
            await timeline.NoteAsync(request.Id, MailTimelineKinds.OnPaper, now,
                $"The {letter.Kind} letter is ready as PDF, but {addressee.Name.In("en")} has no verified e-mail address: print it and send it on paper.", noteKey, cancellationToken);
            return;
        }

        var template = texts.Get(IMailTexts.LetterGroup, letter.Kind, letter.Language);
        var document = await letters.ComposeAsync(request, template, letter.Recipient, LegalToday(request), cancellationToken);
        await mails.EnqueueAsync(
            new NewOutgoingMail(
                DedupKeyFor(row), request.Id, MailKinds.Letter, addressee.FoiEmail!.Address.Value,
                replyAddresses.AddressFor(RequestNumber.Parse(request.Number)), document.Subject, PlainText(document.Blocks), template.Language, [letter.Id], now),
            cancellationToken);
    }

    /// <summary>
    /// Mails a notice to the requester in the statute's language, composed now from the request as
    /// it stands now: it says what has truly happened (a reminder the service already mailed, to
    /// whom and when) and what can truly be done next (a window still open, or that it closed and
    /// what remains), and attaches the letters it speaks of: the reminder only where the requester
    /// must send it on paper, the next rung's letter only while its window is open. A notice whose
    /// step the request has moved on from is not sent. Either way the timeline says so, without the
    /// requester's address.
    /// </summary>
    public async Task NotifyRequesterAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.RequestId is not { } requestId)
            return;
        var request = await requests.GetAsync(requestId, cancellationToken) ?? throw NotFoundException.For("request", requestId.ToString());
        var now = clock.GetUtcNow();
        var noteKey = $"notice:{row.DedupKey}";
        if (await NotedAsMovedOnAsync(row, request, NoticeTimelineKinds.NotSent, $"The '{row.Name}' notice was not sent", noteKey, cancellationToken))
            return;

        var statute = PinnedStatute(request);
        var today = statute.LegalDateOf(now);
        var (body, complaintBody, court) = await BodiesAsync(request, cancellationToken);
        var next = RequesterNextStep.Of(request, statute, body, today);
        var template = texts.Get(IMailTexts.NoticeGroup, row.Name, LanguageOf(request.Statute));
        var rungAddressee = next.Rung is { } rung ? AddresseeName(body, complaintBody, court, rung.Recipient, template) : null;
        var document = await letters.ComposeAsync(
            request, template, LetterRecipients.Body, today, next.Fields(body, rungAddressee, template.Language), cancellationToken);
        if (string.IsNullOrWhiteSpace(request.RequesterEmail))
        {
            await timeline.NoteAsync(request.Id, NoticeTimelineKinds.NotSent, now,
                $"Notice \"{document.Subject}\" not mailed: the requester gave no e-mail address.", noteKey, cancellationToken);
            return;
        }

        var attachments = new List<Guid>();
        var speaksOf = template.Placeholders;
        if (next.ChaserToSendOnPaper is { } chaser && speaksOf.Contains(LetterFields.ChaserOnPaper)
            && await ProduceForRequesterAsync(request, chaser, LetterRecipients.Body, template.Language, row, cancellationToken) is { } reminder)
            attachments.Add(reminder.Id);
        if (next.RungOpen && speaksOf.Contains(next.RungGoesToCourt ? LetterFields.NextStepCourtUntil : LetterFields.NextStepComplaintUntil)
            && await ProduceForRequesterAsync(request, next.Rung!.Name, next.Rung.Recipient, template.Language, row, cancellationToken) is { } rungLetter)
            attachments.Add(rungLetter.Id);

        // An address the requester's account has not confirmed gets nothing until it is confirmed.
        var waits = await requesterEmails.MustWaitAsync(request.OwnerId, request.RequesterEmail, cancellationToken);
        await mails.EnqueueAsync(
            new NewOutgoingMail(
                DedupKeyFor(row), request.Id, MailKinds.Notice, request.RequesterEmail, null, document.Subject, PlainText(document.Blocks), template.Language, attachments, now,
                waits ? Accounts.EmailVerification.RequesterEmailCheck.HeldUntilVerified : null),
            cancellationToken);
        var note = waits
            ? $"Notice to the requester: \"{document.Subject}\"; it waits until the requester confirms their e-mail address with the link mailed to it."
            : $"Notice to the requester: \"{document.Subject}\".";
        await timeline.NoteAsync(request.Id, NoticeTimelineKinds.Sent, now, note, noteKey, cancellationToken);
    }

    /// <summary>
    /// The stage the request has left since the step that wrote this outbox row, or null while it
    /// still stands there. The row's payload names the stage the request stood in when the step was
    /// written; a row without one (written by hand) is taken as current.
    /// </summary>
    public static string? MovedOnFrom(OutboxMessage row, RequestRecord request)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            using var json = JsonDocument.Parse(row.Payload);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("stage", out var stage)
                && stage.GetString() is { Length: > 0 } step
                && step != request.Stage
                ? step
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The language mails about a request are written in: the statute's own where texts exist in it, else English.</summary>
    public string LanguageOf(string statuteId) =>
        catalog.TryGetStatute(statuteId, out var statute) && statute.LocalLanguage is { } local && texts.Speaks(local) ? local : "en";

    /// <summary>A mail's text: paragraphs apart by a blank line, list items as "- " lines.</summary>
    public static string PlainText(IReadOnlyList<LetterBlock> blocks)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        var text = new StringBuilder();
        for (var i = 0; i < blocks.Count; i++)
        {
            if (i > 0)
                text.Append(blocks[i].Kind == LetterBlockKind.ListItem && blocks[i - 1].Kind == LetterBlockKind.ListItem ? "\n" : "\n\n");
            text.Append(blocks[i].Kind == LetterBlockKind.ListItem ? "- " : string.Empty).Append(blocks[i].Text);
        }

        return text.Append('\n').ToString();
    }

    /// <summary>Where the request has moved on since the row's step, writes why nothing goes out and says so.</summary>
    private async Task<bool> NotedAsMovedOnAsync(OutboxMessage row, RequestRecord request, string kind, string what, string noteKey, CancellationToken cancellationToken)
    {
        if (MovedOnFrom(row, request) is not { } left)
            return false;
        await timeline.NoteAsync(request.Id, kind, clock.GetUtcNow(),
            $"{what}: since its step the request moved on from '{StageName(request, left)}' to '{StageName(request, request.Stage)}'.", noteKey, cancellationToken);
        return true;
    }

    private Statute PinnedStatute(RequestRecord request) =>
        catalog.TryGetStatute(request.Statute, request.StatuteVersion, out var pinned) ? pinned : catalog.GetStatute(request.Statute);

    private DateOnly LegalToday(RequestRecord request) => PinnedStatute(request).LegalDateOf(clock.GetUtcNow());

    // Matched as text: a row written by hand may name a stage in any shape.
    private string StageName(RequestRecord request, string stage) =>
        PinnedStatute(request).Workflow?.Stages.FirstOrDefault(candidate => candidate.Key.Value == stage)?.Name.En ?? stage;

    private async Task<(PublicBody Body, PublicBody? ComplaintBody, PublicBody? Court)> BodiesAsync(RequestRecord request, CancellationToken cancellationToken)
    {
        var body = await bodies.GetAsync(PublicBodyKey.Create(request.BodyKey), cancellationToken)
            ?? throw NotFoundException.For("public body", request.BodyKey);
        var complaintBody = body.ComplaintsTo is { } complaintsTo ? await bodies.GetAsync(complaintsTo, cancellationToken) : null;
        var court = body.Court is { } courtKey ? await bodies.GetAsync(courtKey, cancellationToken) : null;
        return (body, complaintBody, court);
    }

    private static string? AddresseeName(PublicBody body, PublicBody? complaintBody, PublicBody? court, string recipient, LetterTemplate template)
    {
        try
        {
            return LetterComposer.AddresseeOf(body, complaintBody, court, recipient, template.Name).Name.In(template.Language);
        }
        catch (LetterContentException)
        {
            // The body's data names nobody to address: a text that needs the name fails to fill and says so.
            return null;
        }
    }

    private async Task<LetterDto?> ProduceForRequesterAsync(
        RequestRecord request, string kind, string recipient, string language, OutboxMessage row, CancellationToken cancellationToken)
    {
        var inLanguage = letterTemplates.TryGet(request.Statute, kind, language, out _) ? language : letterTemplates.DefaultLanguage(request.Statute, kind);
        if (inLanguage is null)
            return null;
        try
        {
            return await letters.ProduceAsync(request.Id, kind, inLanguage, recipient, row.CreatedAt, "workflow", $"{row.DedupKey}:{kind}", cancellationToken);
        }
        catch (LetterContentException ex)
        {
            // The notice still goes out; the requester can make the letter later from the request's page.
            logger.LogWarning("The {Kind} letter for request {Number} could not be made for the {Notice} notice: {Reason}", kind, request.Number, row.Name, ex.Message);
            return null;
        }
    }
}

/// <summary>Timeline kinds that record what became of a notice to the requester, and of a workflow letter not mailed.</summary>
public static class NoticeTimelineKinds
{
    /// <summary>A notice mailed to the requester; the entry carries its subject, never the requester's address.</summary>
    public const string Sent = "notice:sent";

    /// <summary>A notice not sent: the request moved on since its step, or the requester gave no e-mail address.</summary>
    public const string NotSent = "notice:not_sent";

    /// <summary>A letter of a step the request has since moved on from: kept, not mailed.</summary>
    public const string LetterWithheld = "mail:withheld";
}

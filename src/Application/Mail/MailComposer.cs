using System.Text;
using FoiTracker.Application.Bodies;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Letters;
using FoiTracker.Application.Outbox;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Statutes;
using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Mail;
using FoiTracker.Domain.Requests;
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
    TimeProvider clock,
    ILogger<MailComposer> logger)
{
    /// <summary>The letters an overdue notice hands the requester, ready to send: a chaser, then the next rung.</summary>
    public static readonly IReadOnlyList<string> NextStepLetters = ["chaser", "complaint", "internal_review"];

    /// <summary>The dedup key of the mail an outbox row produces: one mail per effect, however often it is handed over.</summary>
    public static string DedupKeyFor(OutboxMessage row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return "mail:" + row.DedupKey;
    }

    /// <summary>Mails a letter the workflow just produced to the body it is addressed to, or notes that it goes on paper.</summary>
    public async Task MailLetterAsync(OutboxMessage row, LetterDto letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(letter);
        var request = await requests.GetAsync(letter.RequestId, cancellationToken) ?? throw NotFoundException.For("request", letter.RequestId.ToString());
        // A request recorded as already sent on paper (dated before it was recorded here) has reached the body.
        if (letter.Kind == "request" && request.SubmittedAt is { } sent && sent < request.CreatedAt)
            return;

        var body = await bodies.GetAsync(PublicBodyKey.Create(request.BodyKey), cancellationToken)
            ?? throw NotFoundException.For("public body", request.BodyKey);
        var complaintBody = body.ComplaintsTo is { } complaintsTo ? await bodies.GetAsync(complaintsTo, cancellationToken) : null;
        var court = body.Court is { } courtKey ? await bodies.GetAsync(courtKey, cancellationToken) : null;
        var addressee = letter.Recipient switch
        {
            LetterRecipients.Body => body,
            LetterRecipients.ComplaintBody => complaintBody ?? court,
            _ => court,
        };

        var noteKey = $"{MailTimelineKinds.OnPaper}:{row.DedupKey}";
        if (addressee is null || addressee.Kind == BodyKind.Court)
        {
            var where = addressee is null ? "the court" : addressee.Name.In("en");
            await timeline.NoteAsync(request.Id, MailTimelineKinds.OnPaper, row.CreatedAt,
                $"The {letter.Kind} letter is ready as PDF to print and file with {where}; a court is not written to by e-mail.", noteKey, cancellationToken);
            return;
        }

        if (!addressee.CanReceiveMail)
        {
            await timeline.NoteAsync(request.Id, MailTimelineKinds.OnPaper, row.CreatedAt,
                $"The {letter.Kind} letter is ready as PDF, but {addressee.Name.In("en")} has no verified e-mail address: print it and send it on paper.", noteKey, cancellationToken);
            return;
        }

        var template = texts.Get(IMailTexts.LetterGroup, letter.Kind, letter.Language);
        var (subject, text) = await FillAsync(request, template, letter.Recipient, row.CreatedAt, cancellationToken);
        await mails.EnqueueAsync(
            new NewOutgoingMail(
                DedupKeyFor(row), request.Id, MailKinds.Letter, addressee.FoiEmail!.Address.Value,
                replyAddresses.AddressFor(RequestNumber.Parse(request.Number)), subject, text, template.Language, [letter.Id], clock.GetUtcNow()),
            cancellationToken);
    }

    /// <summary>
    /// Mails a notice to the requester in the statute's language. The overdue notice carries the
    /// letters for the next step (a chaser, a complaint), produced now and ready to send.
    /// </summary>
    public async Task NotifyRequesterAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.RequestId is not { } requestId)
            return;
        var request = await requests.GetAsync(requestId, cancellationToken) ?? throw NotFoundException.For("request", requestId.ToString());
        if (string.IsNullOrWhiteSpace(request.RequesterEmail))
        {
            logger.LogInformation("Notice {Name} for request {Number} not mailed: the requester gave no e-mail address", row.Name, request.Number);
            return;
        }

        var language = LanguageOf(request.Statute);
        var template = texts.Get(IMailTexts.NoticeGroup, row.Name, language);
        var (subject, text) = await FillAsync(request, template, LetterRecipients.Body, row.CreatedAt, cancellationToken);
        var attachments = new List<Guid>();
        if (row.Name == "overdue")
        {
            foreach (var kind in NextStepLetters)
            {
                if (await ProduceForRequesterAsync(request, kind, template.Language, row, cancellationToken) is { } produced)
                    attachments.Add(produced.Id);
            }
        }

        await mails.EnqueueAsync(
            new NewOutgoingMail(
                DedupKeyFor(row), request.Id, MailKinds.Notice, request.RequesterEmail, null, subject, text, template.Language, attachments, clock.GetUtcNow()),
            cancellationToken);
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

    private async Task<(string Subject, string Text)> FillAsync(
        RequestRecord request, LetterTemplate template, string recipient, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var date = catalog.GetStatute(request.Statute).LegalDateOf(at);
        var document = await letters.ComposeAsync(request, template, recipient, date, cancellationToken);
        return (document.Subject, PlainText(document.Blocks));
    }

    private async Task<LetterDto?> ProduceForRequesterAsync(RequestRecord request, string kind, string language, OutboxMessage row, CancellationToken cancellationToken)
    {
        var inLanguage = letterTemplates.TryGet(request.Statute, kind, language, out _) ? language : letterTemplates.DefaultLanguage(request.Statute, kind);
        if (inLanguage is null)
            return null;
        try
        {
            return await letters.ProduceAsync(
                request.Id, kind, inLanguage, LetterComposer.DefaultRecipient(kind), row.CreatedAt, "workflow", $"{row.DedupKey}:{kind}", cancellationToken);
        }
        catch (LetterContentException ex)
        {
            // The notice still goes out; the requester can make the letter later from the request's page.
            logger.LogWarning("The {Kind} letter for request {Number} could not be made for the overdue notice: {Reason}", kind, request.Number, ex.Message);
            return null;
        }
    }
}

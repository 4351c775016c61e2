using System.Globalization;
using System.Security.Cryptography;
using FoiTracker.Application.Bodies;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Statutes;
using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Requests;
using FoiTracker.Domain.Workflows;

namespace FoiTracker.Application.Letters;

/// <summary>Who a letter goes to, as a workflow step names it.</summary>
public static class LetterRecipients
{
    public const string Body = "body";
    public const string ComplaintBody = "complaint_body";
    public const string Court = "court";
}

/// <summary>
/// Builds a letter from a request, its body and the statute's template, renders it and stores it.
/// The same request facts, kind, language and date give the same bytes, so a step dispatched twice
/// stores one letter.
/// </summary>
public sealed class LetterComposer(
    IRequestQueries requests,
    IPublicBodyRepository bodies,
    ILetterTemplates templates,
    PreparedLetters prepared,
    ILetterStore store,
    IStatuteCatalog catalog,
    TimeProvider clock)
{
    // The answers a body can give (the workflow vocabulary of seeds/README.md); a later decision on a
    // complaint overwrites the request's outcome, so the answer is read from the timeline.

    /// <summary>The recipient a letter kind goes to when produced on demand (the workflow names it itself).</summary>
    public static string DefaultRecipient(string kind) => kind switch
    {
        "complaint" or "ico_complaint" or "appeal" or "ombudsman_complaint" or "commissioner_complaint" or "commissioner_review" or "commissioner_application" => LetterRecipients.ComplaintBody,
        "court_claim" or "court_appeal" or "tribunal_appeal" => LetterRecipients.Court,
        _ => LetterRecipients.Body,
    };

    /// <summary>
    /// Makes a letter now: dated the clock's today in the statute's zone and filled from the request
    /// as it stands now, because a letter is signed and filed as of the day it is made, never as of the
    /// step that asked for it (a request recorded late catches up on many steps in one sweep).
    /// </summary>
    /// <param name="step">The instant of the workflow step the letter was made for, to link it to that timeline entry; null for a letter asked for on demand (it belongs to the latest entry).</param>
    public async Task<LetterDto> ProduceAsync(
        Guid requestId, string kind, string? language, string recipient, DateTimeOffset? step, string source, string? outboxKey, CancellationToken cancellationToken)
    {
        var (request, template, letter, now) = await ComposeNowAsync(requestId, kind, language, recipient, cancellationToken);
        var rendered = prepared.Render(letter);
        var hash = Convert.ToHexStringLower(SHA256.HashData(rendered.Bytes));
        // The timeline entry the letter belongs to: the last one recorded at or before its step.
        var belongsTo = step ?? now;
        var seq = request.Timeline.Where(entry => entry.At <= belongsTo).Select(entry => (int?)entry.Seq).LastOrDefault()
            ?? request.Timeline.Select(entry => (int?)entry.Seq).LastOrDefault();
        return await store.SaveAsync(
            new NewLetter(Uuid7.New(), request.Id, kind, template.Language, recipient, hash, rendered.Bytes, rendered.PageCount, now.ToUniversalTime(), seq, source, outboxKey),
            cancellationToken);
    }

    /// <summary>
    /// Draws the letter <see cref="ProduceAsync"/> would make now, without storing anything, so that
    /// it finds the drawing ready (<see cref="PreparedLetters"/>). Meant to run with no transaction open.
    /// </summary>
    public async Task PrepareAsync(Guid requestId, string kind, string? language, string recipient, CancellationToken cancellationToken)
    {
        var (_, _, letter, _) = await ComposeNowAsync(requestId, kind, language, recipient, cancellationToken);
        prepared.Prepare(letter);
    }

    private async Task<(RequestRecord Request, LetterTemplate Template, LetterDocument Letter, DateTimeOffset Now)> ComposeNowAsync(
        Guid requestId, string kind, string? language, string recipient, CancellationToken cancellationToken)
    {
        var request = await requests.GetAsync(requestId, cancellationToken) ?? throw NotFoundException.For("request", requestId.ToString());
        language ??= templates.DefaultLanguage(request.Statute, kind)
            ?? throw NotFoundException.For("letter template", $"{request.Statute}/{kind}");
        if (!templates.TryGet(request.Statute, kind, language, out var template) || template is null)
            throw NotFoundException.For("letter template", $"{request.Statute}/{kind}.{language}");

        var now = clock.GetUtcNow();
        var date = catalog.GetStatute(request.Statute).LegalDateOf(now);
        return (request, template, await ComposeAsync(request, template, recipient, date, cancellationToken), now);
    }

    /// <summary>Fills the template for one request; public so tests and previews can see the letter before rendering.</summary>
    public Task<LetterDocument> ComposeAsync(RequestRecord request, LetterTemplate template, string recipient, DateOnly date, CancellationToken cancellationToken) =>
        ComposeAsync(request, template, recipient, date, null, cancellationToken);

    /// <param name="more">Further values a caller knows and the request's row does not (a notice's next step).</param>
    public async Task<LetterDocument> ComposeAsync(
        RequestRecord request, LetterTemplate template, string recipient, DateOnly date, IReadOnlyDictionary<string, string?>? more, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(template);
        var language = template.Language;
        var body = await bodies.GetAsync(PublicBodyKey.Create(request.BodyKey), cancellationToken)
            ?? throw NotFoundException.For("public body", request.BodyKey);
        var complaintBody = body.ComplaintsTo is { } complaintsTo ? await bodies.GetAsync(complaintsTo, cancellationToken) : null;
        var court = body.Court is { } courtKey ? await bodies.GetAsync(courtKey, cancellationToken) : null;

        var addressee = AddresseeOf(body, complaintBody, court, recipient, template.Name);
        var legal = catalog.GetStatute(request.Statute);
        // The answer deadline that passed: an extended one where the statute has it (UK s.10(3)), else the first.
        var response = DeadlineOf(request, "response_extended", "response");
        // A complaint's decision deadline runs from the day it was filed (GAC 183), extended where it was.
        var complaint = DeadlineOf(request, "complaint_decision");
        var decisionDue = DeadlineOf(request, "complaint_decision_extended", "complaint_decision");
        var courtFiling = DeadlineOf(request, "court_filing");
        var answer = LastEntry(request, EventKind.Answered);
        var answerOutcome = EventDetail.OutcomeOf(answer?.Detail) ?? (request.Outcome is { } stored && new Outcome(stored) is { IsAnswer: true } outcome ? outcome : null);
        var refusal = answerOutcome == Outcome.Refused || answerOutcome == Outcome.Partial ? answer : null;
        var decision = LastEntry(request, EventKind.ComplaintDecided);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [LetterFields.SenderName] = request.RequesterName,
            [LetterFields.SenderAddress] = request.RequesterAddress,
            [LetterFields.SenderEmail] = request.RequesterEmail,
            [LetterFields.AddresseeName] = addressee.Name.In(language),
            // A Mayor is written to in person; any other body through its head (GAC 178, LSG 62(1)).
            [LetterFields.AddresseeIsHead] = addressee.Kind == BodyKind.Mayor ? "yes" : null,
            [LetterFields.AddresseeAddress] = addressee.Address?.In(language),
            [LetterFields.BodyName] = body.Name.In(language),
            [LetterFields.BodyAddress] = body.Address?.In(language),
            [LetterFields.RequestNumber] = request.Number,
            [LetterFields.RequestSubject] = request.Subject,
            [LetterFields.RequestText] = request.Text,
            [LetterFields.RegistrationNumber] = request.RegistrationNumber,
            [LetterFields.Refused] = answerOutcome == Outcome.Refused ? "yes" : null,
            [LetterFields.PartlyRefused] = answerOutcome == Outcome.Partial ? "yes" : null,
            [LetterFields.Unanswered] = answerOutcome is null ? "yes" : null,
            [LetterFields.RefusalReference] = EventDetail.ReferenceOf(refusal?.Detail),
            [LetterFields.ComplaintBodyName] = complaintBody?.Name.In(language),
            [LetterFields.ComplaintBasis] = body.ComplaintBasis,
            [LetterFields.ComplaintBasisText] = CitationText.InLanguage(body.ComplaintBasis, language),
            [LetterFields.DirectToCourt] = complaintBody is null ? "yes" : null,
            [LetterFields.CourtName] = court?.Name.In(language),
        };
        PutDate(values, LetterFields.LetterDate, date, language);
        PutDate(values, LetterFields.SubmittedOn, request.SubmittedAt is { } sent ? legal.LegalDateOf(sent) : null, language);
        PutDate(values, LetterFields.DueOn, response?.Due, language);
        PutDate(values, LetterFields.RegisteredOn, request.RegisteredOn, language);
        PutDate(values, LetterFields.OverdueSince, request.OverdueSince, language);
        PutDate(values, LetterFields.NextDeadlineOn, request.Deadlines.Where(deadline => deadline.Due >= date).Select(deadline => (DateOnly?)deadline.Due).Min(), language);
        PutDate(values, LetterFields.RefusalDatedOn, refusal is null ? null : legal.LegalDateOf(refusal.At), language);
        PutDate(values, LetterFields.ComplaintFiledOn, complaint?.From, language);
        PutDate(values, LetterFields.ComplaintDecidedOn, complaint is not null && decision is not null ? legal.LegalDateOf(decision.At) : null, language);
        PutDate(values, LetterFields.ComplaintDecisionDueOn, decisionDue?.Due, language);
        PutDate(values, LetterFields.CourtFilingDueOn, courtFiling?.Due, language);

        foreach (var (field, value) in more ?? new Dictionary<string, string?>())
            values[field] = value;

        var (subject, blocks) = template.Fill(values);
        var sender = new List<string> { request.RequesterName };
        if (request.RequesterAddress is { } address)
            sender.AddRange(address.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (request.RequesterEmail is { } email)
            sender.Add(email);
        var to = new List<string> { addressee.Name.In(language) };
        if (addressee.Address?.In(language) is { Length: > 0 } where)
            to.AddRange(where.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (addressee.FoiEmail is { } foi)
            to.Add(foi.Address.Value);

        return new LetterDocument(
            language, request.Number, date, FormatDate(date, language), sender, to, subject, blocks,
            template.SignatureLabel, request.RequesterName, $"{template.Kind} {request.Number}");
    }

    /// <summary>
    /// The body a letter is addressed to. A complaint goes to the body named in the data
    /// (complaintsTo: the superior body, or the Mayor for City Hall officials, LSG 62(1)); where
    /// there is none (the Mayor's or the Council's own acts, LSG 62(2)) it goes to the court.
    /// </summary>
    public static PublicBody AddresseeOf(PublicBody body, PublicBody? complaintBody, PublicBody? court, string recipient, string template)
    {
        ArgumentNullException.ThrowIfNull(body);
        return recipient switch
        {
            LetterRecipients.Body => body,
            LetterRecipients.ComplaintBody => complaintBody ?? court
                ?? throw new LetterContentException($"Letter {template}: {body.Key} names neither a body that hears complaints nor a court."),
            LetterRecipients.Court => court
                ?? throw new LetterContentException($"Letter {template}: {body.Key} names no court."),
            _ => throw new LetterContentException($"Letter {template}: unknown recipient '{recipient}' (body, complaint_body or court)."),
        };
    }

    /// <summary>A date in the short form of a letter's date line: "16 ოქტომბერი 2026", "16 October 2026".</summary>
    public static string FormatDate(DateOnly date, string language) =>
        language == "ka" ? GeorgianDates.DateLine(date) : date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>A date as a sentence needs it: "2026 წლის 16 ოქტომბერს"; English has one form for every case.</summary>
    public static string FormatDate(DateOnly date, string language, DateCase form) =>
        language == "ka" ? GeorgianDates.Format(date, form) : FormatDate(date, language);

    /// <summary>Fills a date field and each of its case forms ("request.due_on:dative"); a missing date leaves them all empty.</summary>
    public static void PutDate(IDictionary<string, string?> values, string field, DateOnly? date, string language)
    {
        ArgumentNullException.ThrowIfNull(values);
        values[field] = date is { } plain ? FormatDate(plain, language) : null;
        foreach (var form in LetterFields.DateForms.Values)
            values[LetterFields.InForm(field, form)] = date is { } day ? FormatDate(day, language, form) : null;
    }

    /// <summary>The first of the named deadlines the request has, with the day its period counts from.</summary>
    private static (DateOnly Due, DateOnly From)? DeadlineOf(RequestRecord request, params string[] keys)
    {
        foreach (var key in keys)
        {
            foreach (var deadline in request.Deadlines)
            {
                if (deadline.Key == key)
                    return (deadline.Due, deadline.From);
            }
        }

        return null;
    }

    /// <summary>The latest timeline entry that records <paramref name="kind"/>, read from the stored kind.</summary>
    private static TimelineEntryDto? LastEntry(RequestRecord request, EventKind kind)
    {
        var stored = TimelineKind.Of(kind).Value;
        return request.Timeline.Where(entry => entry.Kind == stored).MaxBy(entry => entry.Seq);
    }
}

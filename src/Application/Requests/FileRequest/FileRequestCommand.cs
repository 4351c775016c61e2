using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FluentValidation;
using FoiTracker.Application.Common;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Common.Ports;
using FoiTracker.Application.Bodies;
using FoiTracker.Application.Jurisdictions;
using FoiTracker.Application.Workflows;
using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Jurisdictions;
using FoiTracker.Domain.Requests;
using FoiTracker.Domain.Users;
using FoiTracker.Domain.Workflows;
using Mediator;

namespace FoiTracker.Application.Requests.FileRequest;

/// <summary>
/// A citizen files a request to a body — or records one already sent on paper, with its real date
/// in <see cref="SubmittedAt"/>. The statute comes from the body's jurisdiction. A request to a body
/// without a verified e-mail address starts "ready to print": its letter is made, and its clock
/// starts when it is recorded as handed in or posted.
/// </summary>
public sealed record FileRequestCommand(
    string? BodyKey,
    string? Subject,
    string? Text,
    string? RequesterName,
    string? RequesterEmail,
    string? RequesterAddress,
    DateTimeOffset? SubmittedAt,
    bool Draft,
    RequestActor Actor,
    string? IdempotencyKey = null,
    string? VerifyLinkBase = null,
    string Language = "en") : ICommand<FiledRequest>;

public sealed record FiledRequest(Guid Id, string Number, string Stage, bool Replayed = false);

public sealed class FileRequestValidator : AbstractValidator<FileRequestCommand>
{
    public FileRequestValidator(TimeProvider clock)
    {
        RuleFor(command => command.BodyKey)
            .NotEmpty().WithMessage("'bodyKey' is required: the key of the public body the request goes to (see GET /api/bodies).")
            .Must(key => PublicBodyKey.TryCreate(key, out _)).WithMessage("'{PropertyValue}' is not a body key (lower-case letters, digits and hyphens).");
        RuleFor(command => command.Subject)
            .NotEmpty().WithMessage("'subject' is required.")
            .MaximumLength(FoiRequest.MaxSubjectLength).WithMessage($"'subject' can have at most {FoiRequest.MaxSubjectLength} characters.");
        RuleFor(command => command.Text)
            .NotEmpty().WithMessage("'text' is required: what information you ask for.")
            .MaximumLength(FoiRequest.MaxTextLength).WithMessage($"'text' can have at most {FoiRequest.MaxTextLength:N0} characters.");
        // Errors are keyed by the field's path in the JSON the caller sent, not by this command's property.
        RuleFor(command => command.RequesterName)
            .NotEmpty().WithMessage("'requester.name' is required (GAC 78: the applicant's name).")
            .MaximumLength(200).WithMessage("'requester.name' can have at most 200 characters.")
            .OverridePropertyName("requester.name");
        RuleFor(command => command.RequesterEmail)
            .Must(email => string.IsNullOrWhiteSpace(email) || EmailAddress.TryCreate(email, out _)).WithMessage("'{PropertyValue}' is not a valid e-mail address.")
            .OverridePropertyName("requester.email");
        RuleFor(command => command.RequesterAddress)
            .MaximumLength(500).WithMessage("'requester.address' can have at most 500 characters.")
            .OverridePropertyName("requester.address");
        RuleFor(command => command)
            .Must(command => !string.IsNullOrWhiteSpace(command.RequesterEmail) || !string.IsNullOrWhiteSpace(command.RequesterAddress))
            .WithName("requester").WithMessage("Give the requester's e-mail or postal address, so the answer can reach them.");
        RuleFor(command => command.SubmittedAt)
            .Must(at => at is null || at <= clock.GetUtcNow()).WithMessage("'submittedAt' cannot lie in the future.")
            .Must(at => at is null || at.Value.Year >= 1990).WithMessage("'submittedAt' cannot lie before 1990.");
        RuleFor(command => command)
            .Must(command => !(command.Draft && command.SubmittedAt is not null))
            .WithName("draft").WithMessage("A draft has not been sent yet, so it cannot have 'submittedAt'.");
    }
}

public sealed class FileRequestHandler(
    IPublicBodyRepository bodies,
    IJurisdictionRepository jurisdictions,
    IFoiRequestRepository requests,
    IRequestNumberAllocator numbers,
    WorkflowContexts contexts,
    IIdempotencyStore idempotency,
    RequestLetterCheck letterCheck,
    Accounts.EmailVerification.RequesterEmailCheck requesterEmails,
    IAbuseCounters counters,
    AbuseLimits limits,
    TimeProvider clock)
    : ICommandHandler<FileRequestCommand, FiledRequest>
{
    /// <summary>The number the letter is checked with before the real one is given: the widest of a year.</summary>
    private const long ProvisionalSequence = 999_999;

    public async ValueTask<FiledRequest> Handle(FileRequestCommand command, CancellationToken cancellationToken)
    {
        // A retried POST with the same Idempotency-Key gets the first answer and files nothing new.
        var scope = $"file-request:{command.Actor.UserId}";
        var hash = Fingerprint(command);
        if (await ReplayAsync(command, scope, hash, cancellationToken) is { } replayed)
            return replayed;

        // Refused now rather than accepted with a clock running and a letter that can never be sent.
        // The check composes the letter with the widest number of the year, the real one not yet given.
        var recipient = await RecipientAsync(command, cancellationToken);
        var now = clock.GetUtcNow();
        var provisional = Compose(command, recipient, RequestNumber.From(recipient.Jurisdiction.LegalDateOf(now).Year, ProvisionalSequence), now);
        await letterCheck.EnsureCanBeMadeAsync(provisional, recipient.Context.LegalDate(now), cancellationToken);
        return await FileAsync(command, scope, hash, recipient, now, cancellationToken);
    }

    /// <summary>
    /// A citizen account files at most <see cref="AbuseLimits.FilingsPerDay"/> requests (drafts
    /// included) in a day of the body's jurisdiction; the next is 429 until its midnight. Staff are exempt.
    /// </summary>
    private async Task EnsureUnderDailyLimitAsync(UserId owner, Jurisdiction jurisdiction, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!limits.Enabled)
            return;
        var zone = TimeZoneInfo.FindSystemTimeZoneById(jurisdiction.TimeZone);
        var today = jurisdiction.LegalDateOf(now);
        var dayStarts = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(today.ToDateTime(TimeOnly.MinValue), zone), TimeSpan.Zero);
        var filed = await counters.CountFiledSinceAsync(owner, dayStarts, cancellationToken);
        if (filed < limits.FilingsPerDay)
            return;
        var nextDay = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(today.AddDays(1).ToDateTime(TimeOnly.MinValue), zone), TimeSpan.Zero);
        throw new LimitReachedException(
            $"You have filed {filed} requests today, as many as the service allows in a day; you can file again from midnight ({jurisdiction.TimeZone}).",
            nextDay - now, LimitReachedException.Filing);
    }

    private static string Fingerprint(FileRequestCommand command) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(command with { IdempotencyKey = null }))));

    private async Task<FiledRequest?> ReplayAsync(FileRequestCommand command, string scope, string hash, CancellationToken cancellationToken)
    {
        if (command.IdempotencyKey is not { } key || await idempotency.FindAsync(key, scope, cancellationToken) is not { } stored)
            return null;
        if (stored.RequestHash != hash)
            throw new ConflictException("This Idempotency-Key was already used for a different request; use a new key.");
        return JsonSerializer.Deserialize<FiledRequest>(stored.Body)! with { Replayed = true };
    }

    private async Task<FiledRequest> FileAsync(
        FileRequestCommand command, string scope, string hash, Recipient recipient, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Counted before the number is taken, so a refusal leaves no gap in the year's numbers.
        if (OwnerOf(command) is { } citizen)
            await EnsureUnderDailyLimitAsync(citizen, recipient.Jurisdiction, now, cancellationToken);
        var number = await numbers.NextAsync(recipient.Jurisdiction.LegalDateOf(now).Year, cancellationToken);
        var request = Compose(command, recipient, number, now);
        await requests.AddAsync(request, cancellationToken);
        if (request.Owner is { } account && request.Requester.Email is { } address)
            await requesterEmails.AskIfNeededAsync(account, address, command.VerifyLinkBase, command.Language, cancellationToken);
        var filed = new FiledRequest(request.Id.Value, request.Number.Value, request.Stage.Value);
        if (command.IdempotencyKey is not null)
            await idempotency.SaveAsync(command.IdempotencyKey, scope, new StoredAnswer(hash, JsonSerializer.Serialize(filed)), clock.GetUtcNow(), cancellationToken);
        return filed;
    }

    private async Task<Recipient> RecipientAsync(FileRequestCommand command, CancellationToken cancellationToken)
    {
        var body = await bodies.GetAsync(PublicBodyKey.Create(command.BodyKey!), cancellationToken)
            ?? throw new ValidationException([new FluentValidation.Results.ValidationFailure("BodyKey", $"There is no public body '{command.BodyKey}'; find its key with GET /api/bodies?q=…")]);
        var jurisdiction = await jurisdictions.GetAsync(body.Jurisdiction, cancellationToken)
            ?? throw new InvalidOperationException($"Body '{body.Key}' names jurisdiction '{body.Jurisdiction}', which is not loaded.");
        return new Recipient(body, jurisdiction, contexts.For(jurisdiction.StatuteId, contextVersion: null));
    }

    /// <summary>The account the request will belong to. Staff may record a request on a citizen's behalf; it then belongs to no account.</summary>
    private static UserId? OwnerOf(FileRequestCommand command) => command.Actor.IsStaff ? null : new UserId(command.Actor.UserId);

    /// <summary>The request as filed now with <paramref name="number"/>; nothing is stored.</summary>
    private static FoiRequest Compose(FileRequestCommand command, Recipient recipient, RequestNumber number, DateTimeOffset now)
    {
        var (body, jurisdiction, context) = recipient;
        var statute = jurisdiction.StatuteId;
        var email = string.IsNullOrWhiteSpace(command.RequesterEmail) ? (EmailAddress?)null : EmailAddress.Create(command.RequesterEmail);
        var requester = new Requester(command.RequesterName!, email, command.RequesterAddress);
        var owner = OwnerOf(command);
        // Nothing is e-mailed to an address nobody has verified: the letter is made to print and post,
        // and the clock starts only when someone records the day it was handed in (ADR 017). A request
        // already sent on paper, or a draft, starts as before.
        var onPaper = !command.Draft && command.SubmittedAt is null && !body.CanReceiveMail && context.Definition.ReadyToPrintStage is not null;
        DateTimeOffset? submittedAt = command.Draft || onPaper ? null : command.SubmittedAt ?? now;

        var actor = command.Actor.AsWorkflowActor();
        var request = FoiRequest.File(
            RequestId.New(), number, body.Key, statute, command.Subject!, command.Text!, requester, owner,
            actor, now, submittedAt, context, bodyKind: body.Kind);
        if (onPaper)
        {
            request.PrintForPaper(
                now, actor, now, context,
                note: $"{body.Name.En} has no verified e-mail address: print the letter and hand it in or post it, then record '{EventKind.Submit}' with that day.");
        }

        return request;
    }

    /// <summary>The body a request goes to, its jurisdiction and the workflow of the statute it is filed under.</summary>
    private sealed record Recipient(PublicBody Body, Jurisdiction Jurisdiction, IWorkflowContext Context);
}

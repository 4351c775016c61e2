using FluentValidation;
using FoiTracker.Application.Bodies;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Jurisdictions;
using FoiTracker.Application.Requests.FileRequest;
using FoiTracker.Application.Workflows;
using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Requests;
using FoiTracker.Domain.Workflows;
using Mediator;

namespace FoiTracker.Application.Requests.RecordEvent;

/// <summary>
/// Something happened to a request: the body registered it, extended, answered, the requester
/// withdrew, staff escalated… The stage decides whether it may happen now. With an
/// <see cref="EventKey"/> (the Idempotency-Key, a mail's Message-ID) a replay changes nothing.
/// <see cref="Reference"/> is the number the body gave its answer letter, so a complaint can name
/// the refusal it challenges.
/// </summary>
public sealed record RecordEventCommand(
    Guid RequestId,
    string Kind,
    RequestActor Actor,
    DateTimeOffset? OccurredAt = null,
    string? Outcome = null,
    string? Note = null,
    string? RegistrationNumber = null,
    DateOnly? RegisteredOn = null,
    string? ForwardedTo = null,
    string? EventKey = null,
    string? Reference = null) : ICommand<RecordedEvent>;

/// <param name="Replayed">The event key was seen before; nothing changed.</param>
/// <param name="LinkedRequest">For an answer "forwarded": the request opened at the new body.</param>
public sealed record RecordedEvent(Guid Id, string Number, string Stage, bool Replayed, FiledRequest? LinkedRequest);

public sealed class RecordEventValidator : AbstractValidator<RecordEventCommand>
{
    public RecordEventValidator(TimeProvider clock)
    {
        RuleFor(command => command.Kind)
            .Matches("^[a-z][a-z_]{1,40}$").WithMessage("'{PropertyValue}' is not an event kind (e.g. answered, extension_notice, escalate).");
        RuleFor(command => command.OccurredAt)
            .Must(at => at is null || at <= clock.GetUtcNow().AddMinutes(5)).WithMessage("'occurredAt' cannot lie in the future.")
            .Must(at => at is null || at.Value.Year >= 1990).WithMessage("'occurredAt' cannot lie before 1990.");
        RuleFor(command => command.Outcome).Matches("^[a-z_]{2,30}$").When(command => command.Outcome is not null)
            .WithMessage("'{PropertyValue}' is not an outcome (e.g. complete, partial, refused, not_held, forwarded).");
        RuleFor(command => command.Note).MaximumLength(4000).WithMessage("'note' can have at most 4,000 characters.");
        RuleFor(command => command.RegistrationNumber).MaximumLength(100).WithMessage("'registrationNumber' can have at most 100 characters.");
        RuleFor(command => command.RegisteredOn)
            .Must(on => on is null || on <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddDays(1))).WithMessage("'registeredOn' cannot lie in the future.");
        RuleFor(command => command.ForwardedTo)
            .NotEmpty().When(command => command.Outcome == Outcome.Forwarded.Value).WithMessage("An answer 'forwarded' needs 'forwardedTo': the key of the body the request was forwarded to (GAC 80).")
            .Must(key => key is null || PublicBodyKey.TryCreate(key, out _)).WithMessage("'{PropertyValue}' is not a body key.");
        RuleFor(command => command.Reference).MaximumLength(100).WithMessage("'reference' can have at most 100 characters.")
            .Must(reference => reference is null || reference.IndexOfAny([.. EventDetail.ForbiddenInReference]) < 0)
            .WithMessage("'reference' is the number on the body's letter, on one line and without square brackets.");
        RuleFor(command => command.EventKey).MaximumLength(200).WithMessage("An idempotency key has at most 200 characters.");
    }
}

public sealed class RecordEventCommandHandler(
    IFoiRequestRepository requests,
    IPublicBodyRepository bodies,
    IJurisdictionRepository jurisdictions,
    IRequestNumberAllocator numbers,
    WorkflowContexts contexts,
    TimeProvider clock)
    : ICommandHandler<RecordEventCommand, RecordedEvent>
{
    public async ValueTask<RecordedEvent> Handle(RecordEventCommand command, CancellationToken cancellationToken)
    {
        var id = new RequestId(command.RequestId);
        var request = await requests.GetAsync(id, cancellationToken)
            ?? throw NotFoundException.For("request", command.RequestId.ToString());
        if (!command.Actor.IsStaff && request.Owner?.Value != command.Actor.UserId)
        {
            // A request not sent yet is its requester's own: to anyone else it does not exist (GetRequestQuery).
            if (contexts.For(request.StatuteId, request.StatuteVersion).Definition.IsUnsent(request.Stage))
                throw NotFoundException.For("request", command.RequestId.ToString());
            throw new ForbiddenException("Only the requester who filed this request, or staff, can record events on it.");
        }
        var kind = new EventKind(command.Kind);
        var outcome = command.Outcome is null ? (Outcome?)null : new Outcome(command.Outcome);
        if (command.EventKey is not null && await requests.FindEventAsync(id, command.EventKey, cancellationToken) is { } seen)
        {
            if (seen != TimelineKind.Of(kind))
                throw new ConflictException($"This Idempotency-Key was already used for '{(seen.IsEvent ? seen.Event.Value : seen.Value)}' on this request; use a new key for '{kind}'.");
            return new RecordedEvent(request.Id.Value, request.Number.Value, request.Stage.Value, Replayed: true, null);
        }

        var now = clock.GetUtcNow();
        var context = contexts.For(request.StatuteId, request.StatuteVersion);
        PublicBody? forwardedTo = null;
        if (outcome == Outcome.Forwarded)
        {
            forwardedTo = await bodies.GetAsync(PublicBodyKey.Create(command.ForwardedTo!), cancellationToken)
                ?? throw new ValidationException([new FluentValidation.Results.ValidationFailure("ForwardedTo", $"There is no public body '{command.ForwardedTo}'.")]);
            if (forwardedTo.Key == request.Body)
                throw new ValidationException([new FluentValidation.Results.ValidationFailure("ForwardedTo", "A request cannot be forwarded to the body it was sent to.")]);
        }

        var occurredAt = command.OccurredAt ?? RegistrationInstant(command.RegisteredOn, now, context) ?? now;
        request.Apply(
            new WorkflowEventInput(kind, occurredAt, outcome, command.Note, command.RegistrationNumber, command.RegisteredOn, command.EventKey, command.Reference),
            command.Actor.AsWorkflowActor(),
            now,
            context,
            await SendingFactsAsync(request, cancellationToken));

        FiledRequest? linked = null;
        if (forwardedTo is not null)
            linked = await OpenForwardedAsync(request, forwardedTo, occurredAt, now, command.Actor, cancellationToken);
        await requests.SaveAsync(request, cancellationToken);
        return new RecordedEvent(request.Id.Value, request.Number.Value, request.Stage.Value, Replayed: false, linked);
    }

    /// <summary>
    /// A registration recorded without its own time happened on its date: the last instant of that day (or
    /// now, if the day is today), so a registration recorded after the request was marked overdue is placed
    /// where it belongs.
    /// </summary>
    private static DateTimeOffset? RegistrationInstant(DateOnly? registeredOn, DateTimeOffset now, IWorkflowContext context)
    {
        if (registeredOn is not { } on)
            return null;
        var endOfDay = context.StartOfDay(on.AddDays(1)).AddTicks(-1);
        return endOfDay < now ? endOfDay : now;
    }

    /// <summary>
    /// The body's kind and whether the service sent the request by e-mail — it was not recorded as sent on
    /// paper before it was filed here, and the body has an address the service mails to — for deadlines
    /// that count from the body's registration (Resolution 219/2013, Art 4(3)).
    /// </summary>
    private async Task<SendingFacts?> SendingFactsAsync(FoiRequest request, CancellationToken cancellationToken)
    {
        var body = await bodies.GetAsync(request.Body, cancellationToken);
        return body is null ? null : new SendingFacts(body.Kind, !request.RecordedAsSentOnPaper && body.CanReceiveMail);
    }

    // GAC 80: the body that received the request sends it on; the new body's clock starts when it
    // arrives, and the applicant must be told within 2 working days (the new request watches that).
    // The old request ends, and its timeline names the request that carries on.
    private async Task<FiledRequest> OpenForwardedAsync(
        FoiRequest original, PublicBody body, DateTimeOffset forwardedAt, DateTimeOffset now, RequestActor actor, CancellationToken cancellationToken)
    {
        var jurisdiction = await jurisdictions.GetAsync(body.Jurisdiction, cancellationToken)
            ?? throw new InvalidOperationException($"Body '{body.Key}' names jurisdiction '{body.Jurisdiction}', which is not loaded.");
        var statute = jurisdiction.StatuteId;
        var context = contexts.For(statute, contextVersion: null);
        var number = await numbers.NextAsync(context.LegalDate(now).Year, cancellationToken);
        var linked = FoiRequest.File(
            RequestId.New(), number, body.Key, statute, original.Subject, original.Text, original.Requester, original.Owner,
            actor.AsWorkflowActor(), now, forwardedAt, context, forwardedFrom: original.Id, bodyKind: body.Kind);
        await requests.AddAsync(linked, cancellationToken);
        original.Annotate(
            TimelineKind.ForwardedTo, forwardedAt, actor.AsWorkflowActor(), $"Carried on as request {linked.Number} at {body.Key} (GAC 80).", eventKey: null,
            contexts.For(original.StatuteId, original.StatuteVersion));
        return new FiledRequest(linked.Id.Value, linked.Number.Value, linked.Stage.Value);
    }
}

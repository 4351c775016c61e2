using FluentValidation;
using FoiTracker.Application.Common.Exceptions;
using Mediator;

namespace FoiTracker.Application.Requests.Publication.RedactTimelineEntry;

/// <summary>
/// Staff take personal data out of a timeline entry (a reply, a note on a letter) for the public,
/// saying why. The entry itself is kept as it was; the public page shows the redacted text and
/// "redacted by staff" with the reason. A second redaction of the same entry replaces the first.
/// </summary>
public sealed record RedactTimelineEntryCommand(Guid RequestId, int Seq, string? RedactedText, string? Reason, RequestActor Actor)
    : ICommand<TimelineRedaction>;

public sealed class RedactTimelineEntryValidator : AbstractValidator<RedactTimelineEntryCommand>
{
    public const int MaxText = 4000;
    public const int MaxReason = 500;

    public RedactTimelineEntryValidator()
    {
        RuleFor(command => command.RequestId).NotEmpty().WithMessage("Name the request whose entry is redacted.");
        RuleFor(command => command.Seq).GreaterThan(0).WithMessage("Name the timeline entry to redact by its number (1 or more).");
        RuleFor(command => command.RedactedText)
            .NotEmpty().WithMessage("Write the text as the public should read it, with the personal data taken out.")
            .MaximumLength(MaxText).WithMessage($"The redacted text can have at most {MaxText:N0} characters.");
        RuleFor(command => command.Reason)
            .NotEmpty().WithMessage("Say why the text is redacted: the public sees the reason.")
            .MaximumLength(MaxReason).WithMessage($"The reason can have at most {MaxReason} characters.");
    }
}

public sealed class RedactTimelineEntryHandler(IPublicRequestStore store, TimeProvider clock)
    : ICommandHandler<RedactTimelineEntryCommand, TimelineRedaction>
{
    public async ValueTask<TimelineRedaction> Handle(RedactTimelineEntryCommand command, CancellationToken cancellationToken)
    {
        if (!command.Actor.IsStaff)
            throw new ForbiddenException("Only staff can redact a request's public record.");
        if (await store.FindAsync(command.RequestId, cancellationToken) is null)
            throw NotFoundException.For("request", command.RequestId.ToString());
        if (!await store.TimelineEntryExistsAsync(command.RequestId, command.Seq, cancellationToken))
            throw new NotFoundException($"The request has no timeline entry {command.Seq}.");
        var redaction = new TimelineRedaction(
            command.RequestId, command.Seq, command.RedactedText!.Trim(), command.Reason!.Trim(), command.Actor.UserId, clock.GetUtcNow());
        await store.SaveRedactionAsync(redaction, cancellationToken);
        return redaction;
    }
}

using FluentValidation;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Requests;
using FoiTracker.Domain.Requests;
using Mediator;

namespace FoiTracker.Application.Mail.AssignInboundMail;

/// <summary>
/// Staff file a message from the holding pen under a request, named by number or id. It then
/// counts as if it had matched: a <c>mail:received</c> entry and <c>agency_replied</c> when the
/// stage takes it (for an automatic reply or a bounce, only its entry). Assigning it to the same
/// request again changes nothing.
/// </summary>
public sealed record AssignInboundMailCommand(Guid InboundId, string? RequestNumber, Guid? RequestId, RequestActor Actor) : ICommand<InboundMailDetails>;

public sealed class AssignInboundMailValidator : AbstractValidator<AssignInboundMailCommand>
{
    public AssignInboundMailValidator()
    {
        RuleFor(command => command.RequestNumber)
            .Must((command, number) => number is not null ^ command.RequestId is not null)
            .WithMessage("Name the request by 'requestNumber' (e.g. 2026-000042) or by 'requestId', one of the two.");
        RuleFor(command => command.RequestNumber)
            .Must(number => Domain.Requests.RequestNumber.TryParse(number?.Trim(), out _))
            .When(command => command.RequestNumber is not null)
            .WithMessage("'{PropertyValue}' is not a request number (expected e.g. 2026-000042).");
    }
}

public sealed class AssignInboundMailHandler(
    IInboundMailStore store,
    IFoiRequestRepository requests,
    InboundMailEffects effects,
    TimeProvider clock) : ICommandHandler<AssignInboundMailCommand, InboundMailDetails>
{
    public async ValueTask<InboundMailDetails> Handle(AssignInboundMailCommand command, CancellationToken cancellationToken)
    {
        if (!command.Actor.IsStaff)
            throw new ForbiddenException("Only staff can file incoming mail under a request.");
        var mail = await store.GetAsync(command.InboundId, cancellationToken)
            ?? throw NotFoundException.For("incoming message", command.InboundId.ToString());

        Guid requestId;
        if (command.RequestId is { } byId)
        {
            requestId = await requests.GetAsync(new RequestId(byId), cancellationToken) is not null
                ? byId
                : throw NotFoundException.For("request", byId.ToString());
        }
        else
        {
            var number = command.RequestNumber!.Trim();
            requestId = await store.FindRequestIdAsync(number, cancellationToken) ?? throw NotFoundException.For("request", number);
        }

        if (mail.Matches.Any(match => match.RequestId == requestId))
            return mail;
        if (mail.Status != InboundMailStatus.Held)
        {
            var filed = string.Join(", ", mail.Matches.Select(match => match.RequestNumber));
            throw new ConflictException($"This message is already filed under request {filed}; only a message in the holding pen can be assigned.");
        }

        var now = clock.GetUtcNow();
        // Staff read it and chose the request: a message nobody could match, or could not read, is a reply.
        var classification = mail.Classification is InboundClassification.AutoReply or InboundClassification.Bounce
            ? mail.Classification
            : InboundClassification.Reply;
        var actor = command.Actor.AsWorkflowActor();
        await store.AddMatchAsync(mail.Id, requestId, MatchMethod.Staff, command.Actor.Name, now, cancellationToken);
        var subject = mail.Subject is null ? "(no subject)" : $"\"{mail.Subject}\"";
        await effects.ApplyAsync(
            mail.Id, requestId, classification,
            $"Mail from {mail.From ?? "an unknown sender"}, {subject}, filed here by {command.Actor.Name} from the holding pen.",
            actor, now, cancellationToken);
        await store.MarkAssignedAsync(mail.Id, classification, actor.ToString(), now, cancellationToken);
        return (await store.GetAsync(mail.Id, cancellationToken))!;
    }
}

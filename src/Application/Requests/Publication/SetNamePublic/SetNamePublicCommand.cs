using FluentValidation;
using FoiTracker.Application.Common.Exceptions;
using Mediator;

namespace FoiTracker.Application.Requests.Publication.SetNamePublic;

/// <summary>
/// The requester chooses whether their name is shown on the request's public page (by default it
/// is not). Only the requester may choose: staff cannot publish someone's name for them.
/// </summary>
public sealed record SetNamePublicCommand(Guid RequestId, bool Show, RequestActor Actor) : ICommand<RequestPublication>;

public sealed class SetNamePublicValidator : AbstractValidator<SetNamePublicCommand>
{
    public SetNamePublicValidator()
    {
        RuleFor(command => command.RequestId).NotEmpty().WithMessage("Name the request whose public page this is.");
        RuleFor(command => command.Actor).NotNull().WithMessage("Only a signed-in requester can choose this.");
    }
}

public sealed class SetNamePublicHandler(IPublicRequestStore store) : ICommandHandler<SetNamePublicCommand, RequestPublication>
{
    public async ValueTask<RequestPublication> Handle(SetNamePublicCommand command, CancellationToken cancellationToken)
    {
        var request = await store.FindAsync(command.RequestId, cancellationToken)
            ?? throw NotFoundException.For("request", command.RequestId.ToString());
        if (request.OwnerId != command.Actor.UserId)
            throw new ForbiddenException("Only the requester can choose whether their name is shown publicly.");
        await store.SetNamePublicAsync(request.Id, command.Show, cancellationToken);
        return request with { NamePublic = command.Show };
    }
}

using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Statutes;
using FoiTracker.Domain.Workflows;
using Mediator;

namespace FoiTracker.Application.Requests.Citizen;

/// <summary>
/// A signed-in person follows a request (or stops): whenever its stage changes, they get a mail.
/// Any request that was sent can be followed; one not sent yet only by its requester.
/// </summary>
public sealed record FollowRequestCommand(Guid RequestId, bool Follow, RequestActor Actor) : ICommand;

public sealed class FollowRequestHandler(IRequestQueries requests, IStatuteCatalog catalog, IRequestFollowers followers, TimeProvider clock)
    : ICommandHandler<FollowRequestCommand>
{
    public async ValueTask<Unit> Handle(FollowRequestCommand command, CancellationToken cancellationToken)
    {
        var request = await requests.GetAsync(command.RequestId, cancellationToken) ?? throw NotFoundException.For("request", command.RequestId.ToString());
        var own = command.Actor.IsStaff || command.Actor.UserId == request.OwnerId;
        if (!own && catalog.TryGetStatute(request.Statute, out var statute) && statute.Workflow?.IsUnsent(new StageKey(request.Stage)) == true)
            throw NotFoundException.For("request", command.RequestId.ToString());

        if (command.Follow)
            await followers.FollowAsync(request.Id, command.Actor.UserId, clock.GetUtcNow(), cancellationToken);
        else
            await followers.UnfollowAsync(request.Id, command.Actor.UserId, cancellationToken);
        return Unit.Value;
    }
}

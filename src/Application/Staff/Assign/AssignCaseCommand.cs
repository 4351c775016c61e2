using FluentValidation;
using FluentValidation.Results;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Requests;
using Mediator;

namespace FoiTracker.Application.Staff.Assign;

/// <summary>Gives a case to a staff member (replacing whoever had it), or, with no assignee, to nobody.</summary>
public sealed record AssignCaseCommand(Guid RequestId, Guid? AssigneeId, RequestActor Actor) : ICommand<StaffMemberDto?>;

public sealed class AssignCaseHandler(IStaffCaseStore store, TimeProvider clock) : ICommandHandler<AssignCaseCommand, StaffMemberDto?>
{
    public async ValueTask<StaffMemberDto?> Handle(AssignCaseCommand command, CancellationToken cancellationToken)
    {
        StaffOnly.Require(command.Actor);
        if (!await store.RequestExistsAsync(command.RequestId, cancellationToken))
            throw NotFoundException.For("request", command.RequestId.ToString());
        StaffMemberDto? assignee = null;
        if (command.AssigneeId is { } id)
        {
            assignee = (await store.StaffMembersAsync(cancellationToken)).FirstOrDefault(member => member.Id == id)
                ?? throw new ValidationException([new ValidationFailure(nameof(command.AssigneeId), "A case can be assigned only to a staff member.")]);
        }

        await store.AssignAsync(command.RequestId, command.AssigneeId, command.Actor.UserId, clock.GetUtcNow(), cancellationToken);
        return assignee;
    }
}

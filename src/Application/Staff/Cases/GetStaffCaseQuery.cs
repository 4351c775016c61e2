using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Requests;
using Mediator;

namespace FoiTracker.Application.Staff.Cases;

/// <summary>Staff's side of one request, found by its number: who has the case, its internal notes, and who else could take it.</summary>
public sealed record GetStaffCaseQuery(string Number, RequestActor Viewer) : IQuery<StaffCaseDto>;

public sealed record StaffCaseDto(
    Guid RequestId,
    string Number,
    StaffMemberDto? Assignee,
    IReadOnlyList<InternalNoteDto> Notes,
    IReadOnlyList<StaffMemberDto> StaffMembers);

public sealed class GetStaffCaseHandler(IStaffCaseStore store) : IQueryHandler<GetStaffCaseQuery, StaffCaseDto>
{
    public async ValueTask<StaffCaseDto> Handle(GetStaffCaseQuery query, CancellationToken cancellationToken)
    {
        StaffOnly.Require(query.Viewer);
        var number = query.Number.Trim();
        var id = await store.FindRequestIdAsync(number, cancellationToken) ?? throw NotFoundException.For("request", number);
        return new StaffCaseDto(
            id,
            number,
            await store.AssigneeAsync(id, cancellationToken),
            await store.NotesAsync(id, cancellationToken),
            await store.StaffMembersAsync(cancellationToken));
    }
}

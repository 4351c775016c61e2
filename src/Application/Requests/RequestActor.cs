using FoiTracker.Domain.Users;
using FoiTracker.Domain.Workflows;

namespace FoiTracker.Application.Requests;

/// <summary>The signed-in person behind a use case, as the host knows them.</summary>
public sealed record RequestActor(Guid UserId, string Name, Role Role)
{
    public bool IsStaff => Role is Role.Staff or Role.Admin;

    public WorkflowActor AsWorkflowActor() =>
        new(IsStaff ? WorkflowActor.StaffKind : WorkflowActor.RequesterKind, UserId, Name);
}

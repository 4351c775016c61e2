using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Requests;

namespace FoiTracker.Application.Staff;

/// <summary>Internal notes, assignments and the queue are the organisation's own working records: staff only.</summary>
public static class StaffOnly
{
    public static void Require(RequestActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.IsStaff)
            throw new ForbiddenException("Only staff can see or change a case's internal records.");
    }
}

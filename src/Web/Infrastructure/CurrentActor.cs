using System.Security.Claims;
using FoiTracker.Application.Requests;
using FoiTracker.Domain.Users;

namespace FoiTracker.Web.Infrastructure;

public static class CurrentActor
{
    /// <summary>The signed-in account as an actor, or null for an anonymous caller.</summary>
    public static RequestActor? From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true
            || !Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            || !RoleNames.TryParse(user.FindFirstValue(ClaimTypes.Role), out var role))
            return null;
        return new RequestActor(id, user.FindFirstValue(ClaimTypes.Name) ?? id.ToString(), role);
    }

    public static RequestActor Require(ClaimsPrincipal user) =>
        From(user) ?? throw new InvalidOperationException("The endpoint requires authorization, so a signed-in account is expected here.");
}

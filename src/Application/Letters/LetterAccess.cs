using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Statutes;
using FoiTracker.Domain.Workflows;

namespace FoiTracker.Application.Letters;

/// <summary>
/// Letters print the requester's postal and e-mail address, which the public view of a request
/// hides; so only the requester and staff may see or produce them. A request not sent yet does not
/// exist for anyone else (as on its own page), so asking for its letters does not reveal it either.
/// </summary>
internal static class LetterAccess
{
    public static async Task<RequestRecord> RequireAsync(
        IRequestQueries requests, IStatuteCatalog catalog, Guid requestId, RequestActor actor, CancellationToken cancellationToken,
        string refusal = "Only staff and the requester can see or produce this request's letters.")
    {
        var request = await requests.GetAsync(requestId, cancellationToken) ?? throw NotFoundException.For("request", requestId.ToString());
        if (actor.IsStaff || actor.UserId == request.OwnerId)
            return request;
        if (catalog.TryGetStatute(request.Statute, out var statute) && statute?.Workflow?.IsUnsent(new StageKey(request.Stage)) == true)
            throw NotFoundException.For("request", requestId.ToString());
        throw new ForbiddenException(refusal);
    }
}

using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Requests;

namespace FoiTracker.Application.Letters;

/// <summary>
/// Letters print the requester's postal and e-mail address, which the public view of a request
/// hides; so only the requester and staff may see or produce them.
/// </summary>
internal static class LetterAccess
{
    public static async Task<RequestRecord> RequireAsync(IRequestQueries requests, Guid requestId, RequestActor actor, CancellationToken cancellationToken)
    {
        var request = await requests.GetAsync(requestId, cancellationToken) ?? throw NotFoundException.For("request", requestId.ToString());
        if (!actor.IsStaff && actor.UserId != request.OwnerId)
            throw new ForbiddenException("Only staff and the requester can see or produce this request's letters.");
        return request;
    }
}

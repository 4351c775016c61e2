using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Statutes;
using Mediator;

namespace FoiTracker.Application.Letters.GetLetter;

/// <summary>One stored letter's PDF (requester and staff only).</summary>
public sealed record GetLetterQuery(Guid RequestId, Guid LetterId, RequestActor Viewer) : IQuery<LetterContent>;

public sealed class GetLetterHandler(IRequestQueries requests, IStatuteCatalog catalog, ILetterStore store) : IQueryHandler<GetLetterQuery, LetterContent>
{
    public async ValueTask<LetterContent> Handle(GetLetterQuery query, CancellationToken cancellationToken)
    {
        await LetterAccess.RequireAsync(requests, catalog, query.RequestId, query.Viewer, cancellationToken);
        return await store.GetContentAsync(query.RequestId, query.LetterId, cancellationToken)
            ?? throw NotFoundException.For("letter", query.LetterId.ToString());
    }
}

using FoiTracker.Application.Requests;
using FoiTracker.Application.Statutes;
using Mediator;

namespace FoiTracker.Application.Letters.ListLetters;

/// <summary>The letters produced for a request, oldest first (requester and staff only).</summary>
public sealed record ListLettersQuery(Guid RequestId, RequestActor Viewer) : IQuery<IReadOnlyList<LetterDto>>;

public sealed class ListLettersHandler(IRequestQueries requests, IStatuteCatalog catalog, ILetterStore store) : IQueryHandler<ListLettersQuery, IReadOnlyList<LetterDto>>
{
    public async ValueTask<IReadOnlyList<LetterDto>> Handle(ListLettersQuery query, CancellationToken cancellationToken)
    {
        await LetterAccess.RequireAsync(requests, catalog, query.RequestId, query.Viewer, cancellationToken);
        return await store.ListAsync(query.RequestId, cancellationToken);
    }
}

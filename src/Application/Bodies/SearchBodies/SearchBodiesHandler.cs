using FoiTracker.Application.Common.Models;
using Mediator;

namespace FoiTracker.Application.Bodies.SearchBodies;

public sealed class SearchBodiesHandler(IBodyQueries bodies) : IQueryHandler<SearchBodiesQuery, PagedResult<BodyDto>>
{
    public async ValueTask<PagedResult<BodyDto>> Handle(SearchBodiesQuery query, CancellationToken cancellationToken)
    {
        // Names are stored lower-cased (invariant culture) for search; Georgian Mkhedruli has no
        // case, Latin has, so the search text is lowered the same way.
        var text = string.IsNullOrWhiteSpace(query.Q) ? null : query.Q.Trim().ToLowerInvariant();
        return await bodies.SearchAsync(text, query.Page, query.PageSize, cancellationToken);
    }
}

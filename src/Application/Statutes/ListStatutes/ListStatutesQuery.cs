using Mediator;

namespace FoiTracker.Application.Statutes.ListStatutes;

public sealed record ListStatutesQuery : IQuery<IReadOnlyList<StatuteSummaryDto>>;

public sealed class ListStatutesHandler(IStatuteCatalog catalog) : IQueryHandler<ListStatutesQuery, IReadOnlyList<StatuteSummaryDto>>
{
    public ValueTask<IReadOnlyList<StatuteSummaryDto>> Handle(ListStatutesQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<StatuteSummaryDto>>(
            catalog.StatuteIds.Select(id => StatuteNames.Summary(catalog.GetStatute(id.Value))).ToList());
}

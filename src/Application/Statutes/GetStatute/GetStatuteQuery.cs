using Mediator;

namespace FoiTracker.Application.Statutes.GetStatute;

public sealed record GetStatuteQuery(string Id) : IQuery<StatuteDto>;

public sealed class GetStatuteHandler(IStatuteCatalog catalog) : IQueryHandler<GetStatuteQuery, StatuteDto>
{
    public ValueTask<StatuteDto> Handle(GetStatuteQuery query, CancellationToken cancellationToken)
    {
        var statute = catalog.Statute(query.Id);
        return ValueTask.FromResult(new StatuteDto(
            statute.Id.Value, statute.Version, NameDto.From(statute.Name), statute.Citation, statute.CalendarId.Value, statute.TimeZone, statute.Note,
            statute.DeadlineKeys.Select(key => StatuteNames.Rule(statute.DeadlineOrNotFound(key))).ToList()));
    }
}

using FoiTracker.Application.Requests;
using Mediator;

namespace FoiTracker.Application.Statutes.CheckPinnedStatutes;

/// <summary>
/// The statute versions that stored requests are pinned to but that the loaded seeds do not hold.
/// The host refuses to start while any is missing, rather than stall those requests' timers.
/// </summary>
public sealed record CheckPinnedStatutesQuery : IQuery<IReadOnlyList<MissingStatuteVersion>>;

public sealed record MissingStatuteVersion(string Statute, int Version, long Requests);

public sealed class CheckPinnedStatutesHandler(IRequestQueries requests, IStatuteCatalog catalog)
    : IQueryHandler<CheckPinnedStatutesQuery, IReadOnlyList<MissingStatuteVersion>>
{
    public async ValueTask<IReadOnlyList<MissingStatuteVersion>> Handle(CheckPinnedStatutesQuery query, CancellationToken cancellationToken)
    {
        var pinned = await requests.PinnedStatutesAsync(cancellationToken);
        return pinned
            .Where(pin => !catalog.TryGetStatute(pin.Statute, pin.Version, out var statute) || statute.Workflow is null)
            .ToList();
    }
}

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
        // The versions in use are few and read from an index; only one the seeds lack costs a count.
        var missing = new List<MissingStatuteVersion>();
        foreach (var (statute, version) in await requests.StatuteVersionsInUseAsync(cancellationToken))
        {
            if (catalog.TryGetStatute(statute, version, out var loaded) && loaded.Workflow is not null)
                continue;
            if (await requests.CountRunningOnAsync(statute, version, cancellationToken) is > 0 and var running)
                missing.Add(new MissingStatuteVersion(statute, version, running));
        }

        return missing;
    }
}

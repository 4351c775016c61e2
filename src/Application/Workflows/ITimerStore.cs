using FoiTracker.Domain.Requests;

namespace FoiTracker.Application.Workflows;

public interface ITimerStore
{
    /// <summary>
    /// Requests whose earliest armed timer is due at <paramref name="now"/>, earliest first, loaded and
    /// claimed for the current transaction: on PostgreSQL their rows are locked with SKIP LOCKED, so
    /// two nodes never take the same request; SQLite has a single writer.
    /// </summary>
    Task<IReadOnlyList<FoiRequest>> ClaimDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);
}

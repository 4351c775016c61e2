namespace FoiTracker.Application.Workflows;

/// <summary>An armed timer whose time has come.</summary>
public sealed record DueTimer(Guid Id, Guid RequestId, DateTimeOffset DueAt);

public interface ITimerStore
{
    /// <summary>
    /// Due timers in due order, claimed for the current transaction: on PostgreSQL locked with
    /// SKIP LOCKED so two nodes never take the same one; SQLite has a single writer.
    /// </summary>
    Task<IReadOnlyList<DueTimer>> ClaimDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);
}

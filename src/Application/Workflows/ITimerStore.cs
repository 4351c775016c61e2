using FoiTracker.Domain.Requests;

namespace FoiTracker.Application.Workflows;

public interface ITimerStore
{
    /// <summary>
    /// Whether a claim holds its rows until the surrounding transaction ends (PostgreSQL: locked with
    /// SKIP LOCKED, so the claim must run inside the transaction that writes them). When false (SQLite)
    /// a claim is a plain read of what is committed, taken before the single writer's lock; the write
    /// then keeps only the requests nobody changed since they were read.
    /// </summary>
    bool ClaimLocksRows { get; }

    /// <summary>
    /// Requests whose earliest armed timer is due at <paramref name="now"/>, earliest first, loaded and
    /// claimed: on PostgreSQL their rows are locked with SKIP LOCKED, so two nodes never take the same
    /// request. Where claims take no locks, <paramref name="lane"/> keeps the batches of one node's
    /// workers apart: each lane claims its own share of the requests.
    /// </summary>
    Task<IReadOnlyList<FoiRequest>> ClaimDueAsync(DateTimeOffset now, int limit, SweepLane lane, CancellationToken cancellationToken);
}

/// <summary>
/// One of <see cref="Count"/> workers of a node that sweep at the same time. Lanes split the requests
/// between them where the database cannot lock rows (SQLite): while one lane writes, the next one
/// claims and fires its own requests instead of the ones being written.
/// </summary>
public readonly record struct SweepLane
{
    public SweepLane(int index, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxCount);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, count);
        Index = index;
        Count = count;
    }

    /// <summary>Lanes are told apart by the last hex digit of a request's id, so there are at most 16.</summary>
    public const int MaxCount = 16;

    /// <summary>The whole of the due requests: one worker.</summary>
    public static SweepLane All { get; } = new(0, 1);

    public int Index { get; }

    public int Count { get; }
}

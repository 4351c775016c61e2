using FoiTracker.Application.Workflows;
using FoiTracker.Domain.Requests;

namespace FoiTracker.Infrastructure.Persistence.Repositories;

/// <summary>
/// The sweep's claim: requests whose earliest timer is due. The partial index on (next_due_at, id)
/// holds only requests with an armed timer, in claim order, so this reads the first due ones and
/// stops, however many requests wait for later timers.
/// </summary>
/// <param name="lockClause">
/// What makes the claim hold its rows for the transaction, on this database. PostgreSQL: <c>FOR
/// UPDATE SKIP LOCKED</c> (ADR 007), so workers and nodes each take rows no other holds; a row
/// another changed after the statement's snapshot is checked again when locked, and left out if no
/// longer due. SQLite: nothing, because its transactions take the one writer's lock when they
/// begin (<see cref="DbSession.BeginAsync"/>): no one else writes until this one ends.
/// </param>
public sealed class DueRequests(DbSession session, FoiRequestRepository requests, string lockClause) : IDueRequests
{
    public const string PostgresLock = "FOR UPDATE SKIP LOCKED";

    public async Task<IReadOnlyList<FoiRequest>> ClaimAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        if (!session.InTransaction)
            throw new InvalidOperationException("A claim holds its requests only as long as a transaction; begin one first.");
        return await requests.LoadAsync(
            $"WHERE next_due_at <= @Now ORDER BY next_due_at, id LIMIT @Limit {lockClause}", new { Now = now, Limit = limit }, cancellationToken);
    }
}

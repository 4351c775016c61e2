using FoiTracker.Application.Workflows;

namespace FoiTracker.Infrastructure.Persistence.Repositories;

public sealed class TimerRepository(DbSession session) : SqlRepository(session), ITimerStore
{
    public async Task<IReadOnlyList<DueTimer>> ClaimDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        // The partial index on (due_at, id) holds only armed timers in claim order, so this reads the first due ones and stops.
        var lockClause = Session.Provider == DatabaseProvider.Postgres ? "FOR UPDATE SKIP LOCKED" : string.Empty;
        var rows = await QueryAsync<Row>(
            $"""
            SELECT id AS Id, request_id AS RequestId, due_at AS DueAt
            FROM request_timers
            WHERE fired_at IS NULL AND cancelled_at IS NULL AND due_at <= @Now
            ORDER BY due_at, id
            LIMIT @Limit
            {lockClause}
            """,
            new { Now = now, Limit = limit },
            cancellationToken);
        return rows.Select(row => new DueTimer(row.Id, row.RequestId, row.DueAt)).ToList();
    }

    private sealed class Row
    {
        public Guid Id { get; init; }
        public Guid RequestId { get; init; }
        public DateTimeOffset DueAt { get; init; }
    }
}

using FoiTracker.Application.Workflows;

namespace FoiTracker.Infrastructure.Persistence.Repositories;

public sealed class TimerRepository(DbSession session) : SqlRepository(session), ITimerStore
{
    public async Task<IReadOnlyList<DueTimer>> ClaimDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        // The partial index on (due_at, id) holds only armed timers in claim order, so this reads the first due ones and stops.
        // On PostgreSQL the claim locks the timers' requests and skips requests another node holds:
        // two nodes never work on the same request at once. It locks the timer rows too, so that
        // PostgreSQL checks them again as committed when it locks them: a timer another worker fired
        // after this statement's snapshot was taken is left out instead of being handed back stale.
        // Every writer locks a request before its timers, so the extra lock cannot deadlock.
        var sql = Session.Provider == DatabaseProvider.Postgres
            ? """
              SELECT t.id AS Id, t.request_id AS RequestId, t.due_at AS DueAt
              FROM request_timers t JOIN requests r ON r.id = t.request_id
              WHERE t.fired_at IS NULL AND t.cancelled_at IS NULL AND t.due_at <= @Now
              ORDER BY t.due_at, t.id
              LIMIT @Limit
              FOR UPDATE OF r, t SKIP LOCKED
              """
            : """
              SELECT id AS Id, request_id AS RequestId, due_at AS DueAt
              FROM request_timers
              WHERE fired_at IS NULL AND cancelled_at IS NULL AND due_at <= @Now
              ORDER BY due_at, id
              LIMIT @Limit
              """;
        var rows = await QueryAsync<Row>(sql, new { Now = now, Limit = limit }, cancellationToken);
        return rows.Select(row => new DueTimer(row.Id, row.RequestId, row.DueAt)).ToList();
    }

    private sealed class Row
    {
        public Guid Id { get; init; }
        public Guid RequestId { get; init; }
        public DateTimeOffset DueAt { get; init; }
    }
}

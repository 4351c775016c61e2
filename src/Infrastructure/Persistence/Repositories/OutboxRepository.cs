using FoiTracker.Application.Outbox;

namespace FoiTracker.Infrastructure.Persistence.Repositories;

public sealed class OutboxRepository(DbSession session) : SqlRepository(session), IOutboxStore
{
    public Task<IReadOnlyList<OutboxMessage>> ClaimPendingAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        // SKIP LOCKED lets several nodes dispatch side by side without taking the same row;
        // SQLite has a single writer, so a plain read inside its write transaction is enough.
        PendingAsync(now, limit, Session.Provider == DatabaseProvider.Postgres ? "FOR UPDATE SKIP LOCKED" : string.Empty, cancellationToken);

    public Task<IReadOnlyList<OutboxMessage>> PeekPendingAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        PendingAsync(now, limit, string.Empty, cancellationToken);

    private async Task<IReadOnlyList<OutboxMessage>> PendingAsync(DateTimeOffset now, int limit, string lockClause, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync<Row>(
            $"""
            SELECT id AS Id, dedup_key AS DedupKey, request_id AS RequestId, kind AS Kind, name AS Name,
                   recipient AS Recipient, payload AS Payload, created_at AS CreatedAt, attempts AS Attempts
            FROM outbox
            WHERE dispatched_at IS NULL AND failed_at IS NULL AND available_at <= @Now
            ORDER BY available_at
            LIMIT @Limit
            {lockClause}
            """,
            new { Now = now, Limit = limit },
            cancellationToken);
        return rows.Select(row => new OutboxMessage(row.Id, row.DedupKey, row.RequestId, row.Kind, row.Name, row.Recipient, row.Payload, row.CreatedAt, row.Attempts)).ToList();
    }

    public Task MarkDispatchedAsync(Guid id, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE outbox SET dispatched_at = @At, attempts = attempts + 1, last_error = NULL WHERE id = @Id", new { Id = id, At = at }, cancellationToken);

    public Task MarkFailedAsync(Guid id, string error, DateTimeOffset retryAt, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "UPDATE outbox SET attempts = attempts + 1, last_error = @Error, available_at = @RetryAt WHERE id = @Id",
            new { Id = id, Error = Clip(error), RetryAt = retryAt },
            cancellationToken);

    public Task MarkGivenUpAsync(Guid id, string error, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "UPDATE outbox SET attempts = attempts + 1, last_error = @Error, failed_at = @At WHERE id = @Id",
            new { Id = id, Error = Clip(error), At = at },
            cancellationToken);

    private static string Clip(string error) => error.Length > 2000 ? error[..2000] : error;

    private sealed class Row
    {
        public Guid Id { get; init; }
        public string DedupKey { get; init; } = "";
        public Guid? RequestId { get; init; }
        public string Kind { get; init; } = "";
        public string Name { get; init; } = "";
        public string Recipient { get; init; } = "";
        public string Payload { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public int Attempts { get; init; }
    }
}

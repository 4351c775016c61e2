using FoiTracker.Application.Common.Ports;

namespace FoiTracker.Infrastructure.Persistence.Repositories;

public sealed class IdempotencyRepository(DbSession session) : SqlRepository(session), IIdempotencyStore
{
    public Task<StoredAnswer?> FindAsync(string key, string scope, CancellationToken cancellationToken) =>
        QuerySingleOrDefaultAsync<StoredAnswer>(
            "SELECT request_hash AS RequestHash, body AS Body FROM idempotency_keys WHERE key = @Key AND scope = @Scope",
            new { Key = key, Scope = scope },
            cancellationToken);

    public Task SaveAsync(string key, string scope, StoredAnswer answer, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync(
            """
            INSERT INTO idempotency_keys (key, scope, request_hash, status, location, body, created_at)
            VALUES (@Key, @Scope, @RequestHash, 200, NULL, @Body, @At)
            """,
            new { Key = key, Scope = scope, answer.RequestHash, answer.Body, At = at },
            cancellationToken);
}

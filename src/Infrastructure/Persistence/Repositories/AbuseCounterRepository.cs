using FoiTracker.Application.Common.Ports;
using FoiTracker.Domain.Users;

namespace FoiTracker.Infrastructure.Persistence.Repositories;

public sealed class AbuseCounterRepository(DbSession session) : SqlRepository(session), IAbuseCounters
{
    public async Task<SignInFailures?> FindSignInFailuresAsync(string normalizedEmail, CancellationToken cancellationToken)
    {
        var row = await QuerySingleOrDefaultAsync<FailuresRow>(
            """
            SELECT failed_count AS Count, last_failed_at AS LastFailedAt, locked_until AS LockedUntil
            FROM sign_in_failures WHERE email_normalized = @Email
            """,
            new { Email = normalizedEmail },
            cancellationToken);
        return row is null ? null : new SignInFailures((int)row.Count, row.LastFailedAt, row.LockedUntil);
    }

    public async Task RecordFailedSignInAsync(
        string normalizedEmail, DateTimeOffset now, DateTimeOffset forgetBefore, int lockAfter, DateTimeOffset lockUntil, CancellationToken cancellationToken)
    {
        await ExecuteAsync("DELETE FROM sign_in_failures WHERE last_failed_at < @ForgetBefore AND (locked_until IS NULL OR locked_until < @Now)",
            new { ForgetBefore = forgetBefore, Now = now }, cancellationToken);
        await ExecuteAsync(
            """
            INSERT INTO sign_in_failures (email_normalized, failed_count, last_failed_at, locked_until)
            VALUES (@Email, 1, @Now, CASE WHEN @LockAfter <= 1 THEN @LockUntil END)
            ON CONFLICT (email_normalized) DO UPDATE SET
                failed_count = CASE WHEN sign_in_failures.last_failed_at >= @ForgetBefore THEN sign_in_failures.failed_count + 1 ELSE 1 END,
                last_failed_at = @Now,
                locked_until = CASE
                    WHEN (CASE WHEN sign_in_failures.last_failed_at >= @ForgetBefore THEN sign_in_failures.failed_count + 1 ELSE 1 END) >= @LockAfter
                    THEN @LockUntil ELSE sign_in_failures.locked_until END
            """,
            new { Email = normalizedEmail, Now = now, ForgetBefore = forgetBefore, LockAfter = lockAfter, LockUntil = lockUntil },
            cancellationToken);
    }

    public Task ClearSignInFailuresAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM sign_in_failures WHERE email_normalized = @Email", new { Email = normalizedEmail }, cancellationToken);

    public async Task<int> CountFiledSinceAsync(UserId owner, DateTimeOffset since, CancellationToken cancellationToken)
    {
        // SQLite's one writer already makes filings wait for each other; on PostgreSQL only one
        // account's filings do, on a lock the transaction's end releases.
        if (Session.Provider == DatabaseProvider.Postgres)
        {
            await ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended(@Key, 0))", new { Key = $"filing:{owner.Value}" }, cancellationToken);
        }

        return (int)await ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM requests WHERE owner_id = @Owner AND created_at >= @Since",
            new { Owner = owner.Value, Since = since },
            cancellationToken);
    }

    private sealed class FailuresRow
    {
        public long Count { get; init; }
        public DateTimeOffset LastFailedAt { get; init; }
        public DateTimeOffset? LockedUntil { get; init; }
    }
}

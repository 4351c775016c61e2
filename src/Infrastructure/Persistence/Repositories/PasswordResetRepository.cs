using FoiTracker.Application.Accounts.PasswordResets;

namespace FoiTracker.Infrastructure.Persistence.Repositories;

/// <summary>The password_resets rows: one per mailed link, keyed by the hash of its token.</summary>
public sealed class PasswordResetRepository(DbSession session) : SqlRepository(session), IPasswordResetStore
{
    public Task AddAsync(PasswordReset reset, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reset);
        return ExecuteAsync(
            """
            INSERT INTO password_resets (token_hash, user_id, created_at, expires_at)
            VALUES (@TokenHash, @UserId, @CreatedAt, @ExpiresAt)
            """,
            new { reset.TokenHash, reset.UserId, CreatedAt = reset.CreatedAt.ToUniversalTime(), ExpiresAt = reset.ExpiresAt.ToUniversalTime() },
            cancellationToken);
    }

    public async Task<int> CountSinceAsync(Guid userId, DateTimeOffset since, CancellationToken cancellationToken) =>
        (int)await ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM password_resets WHERE user_id = @UserId AND created_at > @Since",
            new { UserId = userId, Since = since.ToUniversalTime() },
            cancellationToken);

    public async Task<Guid?> UseAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The WHERE decides under the row's write lock: a second use of the same link finds used_at set.
        var used = await QuerySingleOrDefaultAsync<UsedRow>(
            $"""
            UPDATE password_resets SET used_at = @Now
            WHERE token_hash = @TokenHash AND used_at IS NULL AND expires_at > @Now
            RETURNING user_id AS {nameof(UsedRow.UserId)}
            """,
            new { TokenHash = tokenHash, Now = now.ToUniversalTime() },
            cancellationToken);
        if (used is null)
            return null;

        // The other links mailed to the account before this one stop working too.
        await ExecuteAsync(
            "UPDATE password_resets SET used_at = @Now WHERE user_id = @UserId AND used_at IS NULL",
            new { used.UserId, Now = now.ToUniversalTime() },
            cancellationToken);
        return used.UserId;
    }

    private sealed class UsedRow
    {
        public Guid UserId { get; init; }
    }
}

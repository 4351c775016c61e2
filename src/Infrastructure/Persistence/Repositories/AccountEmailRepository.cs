using FoiTracker.Application.Accounts.EmailVerification;

namespace FoiTracker.Infrastructure.Persistence.Repositories;

public sealed class AccountEmailRepository(DbSession session) : SqlRepository(session), IEmailVerificationStore
{
    private const string Columns = "user_id AS UserId, email_normalized AS NormalizedEmail, verified_at AS VerifiedAt";

    public async Task<AccountEmail?> FindAsync(Guid userId, string normalizedEmail, CancellationToken cancellationToken) =>
        (await QuerySingleOrDefaultAsync<Row>(
            $"SELECT {Columns} FROM account_emails WHERE user_id = @UserId AND email_normalized = @Email",
            new { UserId = userId, Email = normalizedEmail },
            cancellationToken))?.ToRecord();

    public async Task<bool> AddPendingAsync(Guid userId, string normalizedEmail, string tokenHash, DateTimeOffset now, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            """
            INSERT INTO account_emails (user_id, email_normalized, token_hash, created_at)
            VALUES (@UserId, @Email, @Hash, @Now)
            ON CONFLICT (user_id, email_normalized) DO NOTHING
            """,
            new { UserId = userId, Email = normalizedEmail, Hash = tokenHash, Now = now },
            cancellationToken) == 1;

    public async Task<AccountEmail?> VerifyAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await ExecuteAsync(
            "UPDATE account_emails SET verified_at = @Now WHERE token_hash = @Hash AND verified_at IS NULL",
            new { Hash = tokenHash, Now = now },
            cancellationToken);
        return (await QuerySingleOrDefaultAsync<Row>(
            $"SELECT {Columns} FROM account_emails WHERE token_hash = @Hash", new { Hash = tokenHash }, cancellationToken))?.ToRecord();
    }

    public Task ReleaseHeldMailAsync(Guid userId, string normalizedEmail, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync(
            """
            UPDATE mail_outgoing SET available_at = @Now
            WHERE status = 'pending' AND available_at = @Held AND lower(to_address) = @Email
              AND request_id IN (SELECT id FROM requests WHERE owner_id = @UserId)
            """,
            new { UserId = userId, Email = normalizedEmail, Now = now, Held = RequesterEmailCheck.HeldUntilVerified },
            cancellationToken);

    private sealed class Row
    {
        public Guid UserId { get; init; }
        public string NormalizedEmail { get; init; } = "";
        public DateTimeOffset? VerifiedAt { get; init; }

        public AccountEmail ToRecord() => new(UserId, NormalizedEmail, VerifiedAt);
    }
}

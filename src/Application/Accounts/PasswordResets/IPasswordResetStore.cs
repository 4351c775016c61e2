namespace FoiTracker.Application.Accounts.PasswordResets;

/// <summary>A reset asked for: the hash of the mailed token, whose account it is, and until when it works.</summary>
public sealed record PasswordReset(string TokenHash, Guid UserId, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt);

/// <summary>The open password resets. Only hashes of tokens are stored, never the tokens.</summary>
public interface IPasswordResetStore
{
    Task AddAsync(PasswordReset reset, CancellationToken cancellationToken);

    /// <summary>How many resets the account asked for after <paramref name="since"/> (to stop a flood of mails to one address).</summary>
    Task<int> CountSinceAsync(Guid userId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>
    /// Marks the reset with this hash used, if it is unused and unexpired at <paramref name="now"/>,
    /// together with every other open reset of the same account; returns the account, or null when
    /// there was no such reset. One statement decides, so two uses of one link cannot both succeed.
    /// </summary>
    Task<Guid?> UseAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken);
}

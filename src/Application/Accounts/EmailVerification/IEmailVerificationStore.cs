namespace FoiTracker.Application.Accounts.EmailVerification;

/// <summary>A requester's e-mail address an account asked to use, and whether its owner has confirmed it.</summary>
public sealed record AccountEmail(Guid UserId, string NormalizedEmail, DateTimeOffset? VerifiedAt);

/// <summary>
/// The e-mail addresses each account has used as a requester's address besides its own: one row per
/// account and address, with the hash of the link that confirms it (migration 0026).
/// </summary>
public interface IEmailVerificationStore
{
    Task<AccountEmail?> FindAsync(Guid userId, string normalizedEmail, CancellationToken cancellationToken);

    /// <summary>Adds the address as waiting for its link; false when the account already has a row for it (nothing is written).</summary>
    Task<bool> AddPendingAsync(Guid userId, string normalizedEmail, string tokenHash, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Marks the address of the link as confirmed (once; again changes nothing) and gives it, or null for a link that is not one of ours.</summary>
    Task<AccountEmail?> VerifyAsync(string tokenHash, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Lets the mails held for the address on the account's requests go now.</summary>
    Task ReleaseHeldMailAsync(Guid userId, string normalizedEmail, DateTimeOffset now, CancellationToken cancellationToken);
}

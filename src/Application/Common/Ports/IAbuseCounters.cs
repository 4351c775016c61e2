using FoiTracker.Domain.Users;

namespace FoiTracker.Application.Common.Ports;

/// <summary>Failed sign-ins to one e-mail address so far: how many since the last success, the last one, and the lock they caused.</summary>
public sealed record SignInFailures(int Count, DateTimeOffset LastFailedAt, DateTimeOffset? LockedUntil);

/// <summary>
/// What the abuse limits count in the database, so that they hold across restarts and nodes:
/// failed sign-ins per e-mail address (whether or not an account has it, so that a lock says
/// nothing about which addresses have accounts) and requests filed per account.
/// </summary>
public interface IAbuseCounters
{
    Task<SignInFailures?> FindSignInFailuresAsync(string normalizedEmail, CancellationToken cancellationToken);

    /// <summary>
    /// Counts one more failure for the address in one statement (two nodes counting at once both
    /// count): a run of failures starts again at one when the last is before
    /// <paramref name="forgetBefore"/>, and the address is locked until <paramref name="lockUntil"/>
    /// when the run reaches <paramref name="lockAfter"/>. Runs that ended before
    /// <paramref name="forgetBefore"/> are forgotten for every address.
    /// </summary>
    Task RecordFailedSignInAsync(string normalizedEmail, DateTimeOffset now, DateTimeOffset forgetBefore, int lockAfter, DateTimeOffset lockUntil, CancellationToken cancellationToken);

    Task ClearSignInFailuresAsync(string normalizedEmail, CancellationToken cancellationToken);

    /// <summary>
    /// Requests (drafts included) the account has filed since <paramref name="since"/>. Called in the
    /// filing's transaction, it makes the account's other filings wait here until that transaction
    /// ends, on every node, so two filings at once cannot both pass the day's last permit.
    /// </summary>
    Task<int> CountFiledSinceAsync(UserId owner, DateTimeOffset since, CancellationToken cancellationToken);
}

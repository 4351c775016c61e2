using FluentValidation;
using FoiTracker.Application.Common;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Common.Ports;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Users;
using Mediator;

namespace FoiTracker.Application.Accounts.IssueToken;

/// <summary>Checks an e-mail and password; the host then issues a token or a cookie for the account.</summary>
public sealed record AuthenticateCommand(string Email, string Password) : ICommand<AuthenticatedUser>;

/// <summary>An account a session is issued for; <paramref name="SecurityStamp"/> goes into the token or cookie (see <see cref="UserAccount.SecurityStamp"/>).</summary>
public sealed record AuthenticatedUser(Guid Id, string Email, string DisplayName, Role Role, string SecurityStamp)
{
    public static AuthenticatedUser Of(UserAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new AuthenticatedUser(account.Id.Value, account.Email.Value, account.DisplayName, account.Role, account.SecurityStamp);
    }
}

public sealed class AuthenticateValidator : AbstractValidator<AuthenticateCommand>
{
    public AuthenticateValidator()
    {
        RuleFor(command => command.Email).NotEmpty().WithMessage("E-mail is required.");
        RuleFor(command => command.Password).NotEmpty().WithMessage("Password is required.")
            .MaximumLength(AccountRules.MaxPasswordLength).WithMessage($"Password can have at most {AccountRules.MaxPasswordLength} characters.");
    }
}

/// <summary>
/// Checks the password. With the abuse limits on, failed sign-ins to one e-mail address are counted
/// in the database; after <see cref="AbuseLimits.SignInFailures"/> of them within
/// <see cref="AbuseLimits.LockoutDuration"/> the address is locked for that long, and every attempt
/// is refused (429) without a password check, the same whether or not an account has the address.
/// </summary>
public sealed class AuthenticateHandler(IUserRepository users, IPasswordHasher hasher, IAbuseCounters counters, IUnitOfWork unitOfWork, AbuseLimits limits, TimeProvider clock)
    : ICommandHandler<AuthenticateCommand, AuthenticatedUser>
{
    public async ValueTask<AuthenticatedUser> Handle(AuthenticateCommand command, CancellationToken cancellationToken)
    {
        if (!EmailAddress.TryCreate(command.Email, out var email))
            throw new AuthenticationFailedException();

        var now = clock.GetUtcNow();
        var failures = limits.Enabled ? await counters.FindSignInFailuresAsync(email.Normalized, cancellationToken) : null;
        if (failures?.LockedUntil is { } lockedUntil && lockedUntil > now)
            throw Locked(lockedUntil - now);

        var account = await users.FindByEmailAsync(email, cancellationToken);
        if (account is null)
        {
            // Hash anyway so that a missing account takes as long as a wrong password.
            hasher.Hash(command.Password);
            throw await FailedAsync(email, now, cancellationToken);
        }

        switch (hasher.Check(account.PasswordHash, command.Password))
        {
            case PasswordCheck.Failed:
                throw await FailedAsync(email, now, cancellationToken);
            case PasswordCheck.SuccessRehashNeeded:
                account.ChangePasswordHash(hasher.Hash(command.Password));
                await users.UpdatePasswordHashAsync(account, cancellationToken);
                break;
        }

        if (failures is not null)
            await counters.ClearSignInFailuresAsync(email.Normalized, cancellationToken);
        return AuthenticatedUser.Of(account);
    }

    private static LimitReachedException Locked(TimeSpan wait) =>
        new($"Too many failed sign-ins to this e-mail address; try again in {Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes))} minutes.", wait, LimitReachedException.SignIn);

    /// <summary>
    /// Counts the failure and gives the 401 to throw. The count is committed here, before the
    /// exception that would otherwise roll it back with the rest of the command.
    /// </summary>
    private async Task<AuthenticationFailedException> FailedAsync(EmailAddress email, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!limits.Enabled)
            return new AuthenticationFailedException();

        // Failures older than the lock's length are forgotten: only a run of them locks.
        await counters.RecordFailedSignInAsync(
            email.Normalized, now, now - limits.LockoutDuration, limits.SignInFailures, now + limits.LockoutDuration, cancellationToken);
        if (unitOfWork.InTransaction)
            await unitOfWork.CommitAsync(cancellationToken);
        return new AuthenticationFailedException();
    }
}

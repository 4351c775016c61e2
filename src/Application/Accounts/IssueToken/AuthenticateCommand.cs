using FluentValidation;
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

public sealed class AuthenticateHandler(IUserRepository users, IPasswordHasher hasher)
    : ICommandHandler<AuthenticateCommand, AuthenticatedUser>
{
    public async ValueTask<AuthenticatedUser> Handle(AuthenticateCommand command, CancellationToken cancellationToken)
    {
        if (!EmailAddress.TryCreate(command.Email, out var email))
            throw new AuthenticationFailedException();

        var account = await users.FindByEmailAsync(email, cancellationToken);
        if (account is null)
        {
            // Hash anyway so that a missing account takes as long as a wrong password.
            hasher.Hash(command.Password);
            throw new AuthenticationFailedException();
        }

        switch (hasher.Check(account.PasswordHash, command.Password))
        {
            case PasswordCheck.Failed:
                throw new AuthenticationFailedException();
            case PasswordCheck.SuccessRehashNeeded:
                account.ChangePasswordHash(hasher.Hash(command.Password));
                await users.UpdatePasswordHashAsync(account, cancellationToken);
                break;
        }

        return AuthenticatedUser.Of(account);
    }
}

using FluentValidation;
using FluentValidation.Results;
using FoiTracker.Application.Accounts.IssueToken;
using FoiTracker.Application.Common.Ports;
using FoiTracker.Domain.Users;
using Mediator;

namespace FoiTracker.Application.Accounts.ChangePassword;

/// <summary>
/// A signed-in person chooses a new password, proving they know the current one. Their other
/// sessions end; the answer is the account as it is now, to issue this session again.
/// </summary>
public sealed record ChangePasswordCommand(Guid UserId, string CurrentPassword, string NewPassword) : ICommand<AuthenticatedUser>;

public sealed class ChangePasswordValidator : AbstractValidator<ChangePasswordCommand>
{
    public ChangePasswordValidator()
    {
        RuleFor(command => command.CurrentPassword).NotEmpty().WithMessage("Current password is required.")
            .MaximumLength(AccountRules.MaxPasswordLength).WithMessage($"Password can have at most {AccountRules.MaxPasswordLength} characters.");
        RuleFor(command => command.NewPassword).MustBeNewPassword()
            .NotEqual(command => command.CurrentPassword).WithMessage("The new password must differ from the current one.");
    }
}

public sealed class ChangePasswordHandler(IUserRepository users, IPasswordHasher hasher) : ICommandHandler<ChangePasswordCommand, AuthenticatedUser>
{
    public const string CurrentPasswordWrong = "The current password is not correct.";

    public async ValueTask<AuthenticatedUser> Handle(ChangePasswordCommand command, CancellationToken cancellationToken)
    {
        var account = await users.FindByIdAsync(new UserId(command.UserId), cancellationToken);
        if (account is null || hasher.Check(account.PasswordHash, command.CurrentPassword) == PasswordCheck.Failed)
            throw new ValidationException([new ValidationFailure(nameof(command.CurrentPassword), CurrentPasswordWrong)]);
        AccountRules.EnsureNotLikeEmail(command.NewPassword, account.Email, nameof(command.NewPassword));

        account.ChangePassword(hasher.Hash(command.NewPassword));
        await users.UpdatePasswordHashAsync(account, cancellationToken);
        return AuthenticatedUser.Of(account);
    }
}

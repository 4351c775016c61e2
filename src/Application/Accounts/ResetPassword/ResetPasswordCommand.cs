using FluentValidation;
using FluentValidation.Results;
using FoiTracker.Application.Accounts.PasswordResets;
using FoiTracker.Application.Common.Ports;
using FoiTracker.Domain.Users;
using Mediator;

namespace FoiTracker.Application.Accounts.ResetPassword;

/// <summary>Sets a new password with the token of a mailed reset link; the link then works no more.</summary>
public sealed record ResetPasswordCommand(string Token, string NewPassword) : ICommand;

public sealed class ResetPasswordValidator : AbstractValidator<ResetPasswordCommand>
{
    public ResetPasswordValidator()
    {
        RuleFor(command => command.Token).NotEmpty().WithMessage(ResetPasswordHandler.LinkNoLongerWorks)
            .MaximumLength(200).WithMessage(ResetPasswordHandler.LinkNoLongerWorks);
        RuleFor(command => command.NewPassword).MustBeNewPassword();
    }
}

public sealed class ResetPasswordHandler(IUserRepository users, IPasswordResetStore resets, IPasswordHasher hasher, TimeProvider clock)
    : ICommandHandler<ResetPasswordCommand>
{
    public const string LinkNoLongerWorks = "This link no longer works: it has expired or was used already. Ask for a new one.";

    public async ValueTask<Unit> Handle(ResetPasswordCommand command, CancellationToken cancellationToken)
    {
        var userId = await resets.UseAsync(PasswordResetToken.Hash(command.Token), clock.GetUtcNow(), cancellationToken);
        var account = userId is { } id ? await users.FindByIdAsync(new UserId(id), cancellationToken) : null;
        if (account is null)
            throw new ValidationException([new ValidationFailure(nameof(command.Token), LinkNoLongerWorks)]);
        // Refused here, the command's transaction rolls back, so the link still works for a better password.
        AccountRules.EnsureNotLikeEmail(command.NewPassword, account.Email, nameof(command.NewPassword));

        account.ChangePassword(hasher.Hash(command.NewPassword));
        await users.UpdatePasswordHashAsync(account, cancellationToken);
        return Unit.Value;
    }
}

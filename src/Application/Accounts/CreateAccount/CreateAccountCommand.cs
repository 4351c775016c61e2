using FluentValidation;
using FoiTracker.Application.Accounts.Passwords;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Common.Ports;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Users;
using Mediator;

namespace FoiTracker.Application.Accounts.CreateAccount;

/// <summary>Opens an account: a citizen registering, or an admin adding staff.</summary>
public sealed record CreateAccountCommand(string Email, string DisplayName, string Password, string Role) : ICommand<AccountDto>;

public sealed class CreateAccountValidator : AbstractValidator<CreateAccountCommand>
{
    public CreateAccountValidator()
    {
        RuleFor(command => command.Email).MustBeEmail();
        RuleFor(command => command.DisplayName)
            .NotEmpty().WithMessage("Display name is required.")
            .MaximumLength(200).WithMessage("Display name can have at most 200 characters.");
        RuleFor(command => command.Password).MustBeNewPassword()
            .Must((command, password) => !PasswordPolicy.ResemblesEmail(password, command.Email)).WithMessage(PasswordPolicy.LikeEmailMessage);
        RuleFor(command => command.Role)
            .Must(role => RoleNames.TryParse(role, out _))
            .WithMessage("Role must be one of: citizen, staff, admin.");
    }
}

public sealed class CreateAccountHandler(IUserRepository users, IPasswordHasher hasher, TimeProvider clock)
    : ICommandHandler<CreateAccountCommand, AccountDto>
{
    public async ValueTask<AccountDto> Handle(CreateAccountCommand command, CancellationToken cancellationToken)
    {
        var email = EmailAddress.Create(command.Email);
        if (await users.FindByEmailAsync(email, cancellationToken) is not null)
            throw new ConflictException($"An account with the e-mail '{email}' already exists.");

        if (!RoleNames.TryParse(command.Role, out var role))
            throw new ArgumentException($"Unknown role '{command.Role}'.", nameof(command));
        var account = new UserAccount(UserId.New(), email, command.DisplayName, role, hasher.Hash(command.Password), clock.GetUtcNow());
        await users.AddAsync(account, cancellationToken);
        return new AccountDto(account.Id.Value, account.Email.Value, account.DisplayName, role.ToName(), account.CreatedAt);
    }
}

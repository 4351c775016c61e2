using FluentValidation;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Requests;
using FoiTracker.Domain.Users;
using Mediator;

namespace FoiTracker.Application.Accounts.ChangeRole;

/// <summary>An admin makes an account a citizen, staff or an admin.</summary>
public sealed record ChangeRoleCommand(Guid AccountId, string Role, RequestActor Actor) : ICommand<AccountDto>;

public sealed class ChangeRoleValidator : AbstractValidator<ChangeRoleCommand>
{
    public ChangeRoleValidator()
    {
        RuleFor(command => command.Role)
            .Must(role => RoleNames.TryParse(role, out _))
            .WithMessage("Role must be one of: citizen, staff, admin.");
    }
}

public sealed class ChangeRoleHandler(IUserRepository users) : ICommandHandler<ChangeRoleCommand, AccountDto>
{
    public async ValueTask<AccountDto> Handle(ChangeRoleCommand command, CancellationToken cancellationToken)
    {
        if (command.Actor.Role != Role.Admin)
            throw new ForbiddenException("Only an admin can change roles.");
        var account = await users.FindByIdAsync(new UserId(command.AccountId), cancellationToken)
            ?? throw NotFoundException.For("account", command.AccountId.ToString());
        if (!RoleNames.TryParse(command.Role, out var role))
            throw new ArgumentException($"Unknown role '{command.Role}'.", nameof(command));
        // Someone must always be able to manage accounts: the last admin cannot step down.
        if (account.Role == Role.Admin && role != Role.Admin && await users.CountWithRoleAsync(Role.Admin, cancellationToken) <= 1)
            throw new ConflictException("This is the only admin account; make another account an admin first.");
        if (account.Role != role)
        {
            account.ChangeRole(role);
            await users.UpdateRoleAsync(account, cancellationToken);
        }

        return new AccountDto(account.Id.Value, account.Email.Value, account.DisplayName, account.Role.ToName(), account.CreatedAt);
    }
}

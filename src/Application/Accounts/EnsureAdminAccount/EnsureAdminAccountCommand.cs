using System.Security.Cryptography;
using FoiTracker.Application.Common.Ports;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Users;
using Mediator;

namespace FoiTracker.Application.Accounts.EnsureAdminAccount;

/// <summary>
/// Makes sure the service has an administrator on its first start. With no e-mail and password
/// configured, one is generated and returned so the host can print it once.
/// </summary>
public sealed record EnsureAdminAccountCommand(string? Email, string? Password) : ICommand<EnsureAdminResult>;

public sealed record EnsureAdminResult(bool Created, string? Email, string? GeneratedPassword);

public sealed class EnsureAdminAccountHandler(IUserRepository users, IPasswordHasher hasher, TimeProvider clock)
    : ICommandHandler<EnsureAdminAccountCommand, EnsureAdminResult>
{
    public const string DefaultAdminEmail = "admin@foitracker.local";

    // No look-alike characters (0/O, 1/l/I), so the printed password can be typed from a screen.
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public async ValueTask<EnsureAdminResult> Handle(EnsureAdminAccountCommand command, CancellationToken cancellationToken)
    {
        if (await users.AnyWithRoleAsync(Role.Admin, cancellationToken))
            return new EnsureAdminResult(false, null, null);

        var email = EmailAddress.Create(string.IsNullOrWhiteSpace(command.Email) ? DefaultAdminEmail : command.Email);
        var generated = string.IsNullOrEmpty(command.Password) ? RandomNumberGenerator.GetString(Alphabet, 20) : null;
        var password = generated ?? command.Password!;
        if (password.Length < AccountRules.MinPasswordLength)
            throw new ArgumentException($"FOI_ADMIN_PASSWORD must have at least {AccountRules.MinPasswordLength} characters.", nameof(command));

        var existing = await users.FindByEmailAsync(email, cancellationToken);
        if (existing is not null)
            throw new InvalidOperationException($"An account '{email}' exists but is not an administrator; choose another FOI_ADMIN_EMAIL.");

        var admin = new UserAccount(UserId.New(), email, "Administrator", Role.Admin, hasher.Hash(password), clock.GetUtcNow());
        await users.AddAsync(admin, cancellationToken);
        return new EnsureAdminResult(true, email.Value, generated);
    }
}

using System.Security.Cryptography;
using FoiTracker.Application.Accounts.Passwords;
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

/// <summary>
/// The configured administrator (FOI_ADMIN_EMAIL, FOI_ADMIN_PASSWORD) cannot be made as given; the message
/// says what to change. Thrown at the first start only, before the service takes requests.
/// </summary>
public sealed class AdminAccountConfigurationException(string message) : Exception(message);

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

        var configuredEmail = string.IsNullOrWhiteSpace(command.Email) ? DefaultAdminEmail : command.Email.Trim();
        if (!EmailAddress.TryCreate(configuredEmail, out var email))
            throw new AdminAccountConfigurationException($"FOI_ADMIN_EMAIL '{configuredEmail}' is not a valid e-mail address.");
        var generated = string.IsNullOrEmpty(command.Password) ? RandomNumberGenerator.GetString(Alphabet, 20) : null;
        var password = generated ?? command.Password!;
        if (generated is null && ProblemWith(password, email) is { } problem)
            throw new AdminAccountConfigurationException(problem);

        var existing = await users.FindByEmailAsync(email, cancellationToken);
        if (existing is not null)
            throw new AdminAccountConfigurationException($"An account '{email}' exists but is not an administrator; choose another FOI_ADMIN_EMAIL.");

        var admin = new UserAccount(UserId.New(), email, "Administrator", Role.Admin, hasher.Hash(password), clock.GetUtcNow());
        await users.AddAsync(admin, cancellationToken);
        return new EnsureAdminResult(true, email.Value, generated);
    }

    /// <summary>The rules every new password meets (<see cref="AccountRules"/>), said of the setting that gave it.</summary>
    private static string? ProblemWith(string password, EmailAddress email) =>
        password.Length < AccountRules.MinPasswordLength ? $"FOI_ADMIN_PASSWORD must have at least {AccountRules.MinPasswordLength} characters."
        : password.Length > AccountRules.MaxPasswordLength ? $"FOI_ADMIN_PASSWORD can have at most {AccountRules.MaxPasswordLength} characters."
        : PasswordPolicy.IsCommon(password) ? "FOI_ADMIN_PASSWORD is among the most common passwords and easy to guess: choose another."
        : PasswordPolicy.ResemblesEmail(password, email.Value) ? "FOI_ADMIN_PASSWORD must not contain the administrator's e-mail address or the name before its @: choose another."
        : null;
}

using FoiTracker.Domain.Common;

namespace FoiTracker.Domain.Users;

/// <summary>A person who signs in. The password is kept only as a hash.</summary>
public sealed class UserAccount
{
    /// <param name="securityStamp">The stored stamp; null for a new account, which gets a fresh one.</param>
    public UserAccount(UserId id, EmailAddress email, string displayName, Role role, string passwordHash, DateTimeOffset createdAt, string? securityStamp = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        Id = id;
        Email = email;
        DisplayName = displayName.Trim();
        Role = role;
        PasswordHash = passwordHash;
        CreatedAt = createdAt;
        SecurityStamp = securityStamp ?? NewSecurityStamp();
    }

    public UserId Id { get; }

    public EmailAddress Email { get; }

    public string DisplayName { get; }

    public Role Role { get; private set; }

    public string PasswordHash { get; private set; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>
    /// A random value that changes whenever the password or the role changes. Every session (a bearer
    /// token, the pages' cookie) carries the stamp it was issued with; one with another stamp is refused,
    /// so changing the password or the role ends the account's other sessions.
    /// </summary>
    public string SecurityStamp { get; private set; }

    /// <summary>Replaces the stored hash of the same password, when the hasher asks for a rehash with stronger parameters: sessions stay.</summary>
    public void ChangePasswordHash(string passwordHash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        PasswordHash = passwordHash;
    }

    /// <summary>A new password: every session issued before ends.</summary>
    public void ChangePassword(string passwordHash)
    {
        ChangePasswordHash(passwordHash);
        SecurityStamp = NewSecurityStamp();
    }

    /// <summary>What the account may do from now on; an admin's decision (the application checks who may make it). Sessions issued with the old role end.</summary>
    public void ChangeRole(Role role)
    {
        if (role == Role)
            return;
        Role = role;
        SecurityStamp = NewSecurityStamp();
    }

    private static string NewSecurityStamp() => Guid.NewGuid().ToString("N");
}

using FoiTracker.Domain.Common;

namespace FoiTracker.Domain.Users;

/// <summary>A person who signs in. The password is kept only as a hash.</summary>
public sealed class UserAccount
{
    public UserAccount(UserId id, EmailAddress email, string displayName, Role role, string passwordHash, DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(displayName);
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        Id = id;
        Email = email;
        DisplayName = displayName.Trim();
        Role = role;
        PasswordHash = passwordHash;
        CreatedAt = createdAt;
    }

    public UserId Id { get; }

    public EmailAddress Email { get; }

    public string DisplayName { get; }

    public Role Role { get; private set; }

    public string PasswordHash { get; private set; }

    public DateTimeOffset CreatedAt { get; }

    /// <summary>Replaces the stored hash, e.g. when the hasher asks for a rehash with stronger parameters.</summary>
    public void ChangePasswordHash(string passwordHash)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(passwordHash);
        PasswordHash = passwordHash;
    }

    /// <summary>What the account may do from now on; an admin's decision (the application checks who may make it).</summary>
    public void ChangeRole(Role role) => Role = role;
}

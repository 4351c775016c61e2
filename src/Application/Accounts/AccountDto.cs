namespace FoiTracker.Application.Accounts;

/// <summary>An account as the API shows it; never carries the password hash.</summary>
public sealed record AccountDto(Guid Id, string Email, string DisplayName, string Role, DateTimeOffset CreatedAt);

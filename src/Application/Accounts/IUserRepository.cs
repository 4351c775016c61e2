using FoiTracker.Domain.Common;
using FoiTracker.Domain.Users;

namespace FoiTracker.Application.Accounts;

public interface IUserRepository
{
    Task<UserAccount?> FindByEmailAsync(EmailAddress email, CancellationToken cancellationToken);

    Task<UserAccount?> FindByIdAsync(UserId id, CancellationToken cancellationToken);

    Task AddAsync(UserAccount account, CancellationToken cancellationToken);

    /// <summary>Stores the account's password hash and its security stamp.</summary>
    Task UpdatePasswordHashAsync(UserAccount account, CancellationToken cancellationToken);

    Task<bool> AnyWithRoleAsync(Role role, CancellationToken cancellationToken);

    Task<long> CountWithRoleAsync(Role role, CancellationToken cancellationToken);

    /// <summary>Stores the account's role and its security stamp.</summary>
    Task UpdateRoleAsync(UserAccount account, CancellationToken cancellationToken);
}

/// <summary>Read side for accounts.</summary>
public interface IAccountQueries
{
    Task<Common.Models.PagedResult<AccountDto>> ListAsync(int page, int pageSize, CancellationToken cancellationToken);
}

using FoiTracker.Application.Accounts;
using FoiTracker.Application.Common.Models;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Users;

namespace FoiTracker.Infrastructure.Persistence.Repositories;

public sealed class UserRepository(DbSession session) : SqlRepository(session), IUserRepository, IAccountQueries
{
    private const string Columns =
        "id AS Id, email AS Email, display_name AS DisplayName, role AS Role, password_hash AS PasswordHash, created_at AS CreatedAt, security_stamp AS SecurityStamp";

    public async Task<UserAccount?> FindByEmailAsync(EmailAddress email, CancellationToken cancellationToken)
    {
        var row = await QuerySingleOrDefaultAsync<UserRow>(
            $"SELECT {Columns} FROM users WHERE email_normalized = @Email", new { Email = email.Normalized }, cancellationToken);
        return row?.ToDomain();
    }

    public async Task<UserAccount?> FindByIdAsync(UserId id, CancellationToken cancellationToken)
    {
        var row = await QuerySingleOrDefaultAsync<UserRow>($"SELECT {Columns} FROM users WHERE id = @Id", new { Id = id.Value }, cancellationToken);
        return row?.ToDomain();
    }

    public Task AddAsync(UserAccount account, CancellationToken cancellationToken) =>
        ExecuteAsync(
            """
            INSERT INTO users (id, email, email_normalized, display_name, role, password_hash, created_at, security_stamp)
            VALUES (@Id, @Email, @EmailNormalized, @DisplayName, @Role, @PasswordHash, @CreatedAt, @SecurityStamp)
            """,
            new
            {
                Id = account.Id.Value,
                Email = account.Email.Value,
                EmailNormalized = account.Email.Normalized,
                account.DisplayName,
                Role = account.Role.ToName(),
                account.PasswordHash,
                account.CreatedAt,
                account.SecurityStamp,
            },
            cancellationToken);

    public Task UpdatePasswordHashAsync(UserAccount account, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "UPDATE users SET password_hash = @PasswordHash, security_stamp = @SecurityStamp WHERE id = @Id",
            new { Id = account.Id.Value, account.PasswordHash, account.SecurityStamp },
            cancellationToken);

    public async Task<bool> AnyWithRoleAsync(Role role, CancellationToken cancellationToken) =>
        await CountWithRoleAsync(role, cancellationToken) > 0;

    public Task<long> CountWithRoleAsync(Role role, CancellationToken cancellationToken) =>
        ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users WHERE role = @Role", new { Role = role.ToName() }, cancellationToken);

    public Task UpdateRoleAsync(UserAccount account, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "UPDATE users SET role = @Role, security_stamp = @SecurityStamp WHERE id = @Id",
            new { Id = account.Id.Value, Role = account.Role.ToName(), account.SecurityStamp },
            cancellationToken);

    public async Task<PagedResult<AccountDto>> ListAsync(int page, int pageSize, CancellationToken cancellationToken)
    {
        var total = await ExecuteScalarAsync<long>("SELECT COUNT(*) FROM users", null, cancellationToken);
        var rows = await QueryAsync<UserRow>(
            $"SELECT {Columns} FROM users ORDER BY email_normalized LIMIT @Limit OFFSET @Offset",
            new { Limit = pageSize, Offset = (long)(page - 1) * pageSize },
            cancellationToken);
        return new PagedResult<AccountDto>(
            rows.Select(row => new AccountDto(row.Id, row.Email, row.DisplayName, row.Role, row.CreatedAt)).ToList(), page, pageSize, total);
    }

    private sealed class UserRow
    {
        public Guid Id { get; init; }
        public string Email { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string Role { get; init; } = "";
        public string PasswordHash { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public string SecurityStamp { get; init; } = "";

        public UserAccount ToDomain()
        {
            if (!RoleNames.TryParse(Role, out var role))
                throw new System.Data.DataException($"Stored account '{Email}' has an unknown role '{Role}'.");
            return new UserAccount(new UserId(Id), EmailAddress.Create(Email), DisplayName, role, PasswordHash, CreatedAt, SecurityStamp);
        }
    }
}

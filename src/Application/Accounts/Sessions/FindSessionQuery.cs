using FoiTracker.Application.Accounts.IssueToken;
using FoiTracker.Domain.Users;
using Mediator;

namespace FoiTracker.Application.Accounts.Sessions;

/// <summary>
/// The account a session (a token or cookie) was issued for, as it is now, or null when it no longer
/// exists: the host compares the stamp the session carries with <see cref="AuthenticatedUser.SecurityStamp"/>.
/// </summary>
public sealed record FindSessionQuery(Guid UserId) : IQuery<AuthenticatedUser?>;

public sealed class FindSessionHandler(IUserRepository users) : IQueryHandler<FindSessionQuery, AuthenticatedUser?>
{
    public async ValueTask<AuthenticatedUser?> Handle(FindSessionQuery query, CancellationToken cancellationToken) =>
        await users.FindByIdAsync(new UserId(query.UserId), cancellationToken) is { } account ? AuthenticatedUser.Of(account) : null;
}

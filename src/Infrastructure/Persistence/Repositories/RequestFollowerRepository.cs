using FoiTracker.Application.Requests.Citizen;

namespace FoiTracker.Infrastructure.Persistence.Repositories;

public sealed class RequestFollowerRepository(DbSession session) : SqlRepository(session), IRequestFollowers
{
    public Task FollowAsync(Guid requestId, Guid userId, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync(
            """
            INSERT INTO request_followers (request_id, user_id, created_at) VALUES (@RequestId, @UserId, @At)
            ON CONFLICT (request_id, user_id) DO NOTHING
            """,
            new { RequestId = requestId, UserId = userId, At = at },
            cancellationToken);

    public Task UnfollowAsync(Guid requestId, Guid userId, CancellationToken cancellationToken) =>
        ExecuteAsync("DELETE FROM request_followers WHERE request_id = @RequestId AND user_id = @UserId", new { RequestId = requestId, UserId = userId }, cancellationToken);

    public async Task<bool> IsFollowingAsync(Guid requestId, Guid userId, CancellationToken cancellationToken) =>
        await ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM request_followers WHERE request_id = @RequestId AND user_id = @UserId",
            new { RequestId = requestId, UserId = userId },
            cancellationToken) > 0;

    public async Task<IReadOnlyList<Follower>> FollowersAsync(Guid requestId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync<FollowerRow>(
            $"""
            SELECT u.id AS {nameof(FollowerRow.UserId)}, u.display_name AS {nameof(FollowerRow.Name)}, u.email AS {nameof(FollowerRow.Email)}
            FROM request_followers f JOIN users u ON u.id = f.user_id
            WHERE f.request_id = @RequestId ORDER BY f.created_at, u.id
            """,
            new { RequestId = requestId },
            cancellationToken);
        return rows.Select(row => new Follower(row.UserId, row.Name, row.Email)).ToList();
    }

    private sealed class FollowerRow
    {
        public Guid UserId { get; init; }
        public string Name { get; init; } = "";
        public string Email { get; init; } = "";
    }
}

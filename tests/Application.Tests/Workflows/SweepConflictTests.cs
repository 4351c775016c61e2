using FoiTracker.Application.Requests.GetRequest;
using FoiTracker.Application.Requests.RecordEvent;
using FoiTracker.Application.Workflows;
using FoiTracker.Application.Workflows.SweepTimers;
using FoiTracker.Domain.Requests;
using FoiTracker.Infrastructure.Persistence.Repositories;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Application.Tests.Workflows;

/// <summary>
/// On SQLite a sweep batch is read and fired before the writer's lock is taken, so someone can save
/// one of its requests in between. That request is left out of the batch, nothing of what its
/// timers produced is written, and it fires from what was saved in a later batch: once.
/// </summary>
public sealed class SweepConflictTests : WorkflowTestBase
{
    [Fact]
    public async Task ARequestSavedBetweenClaimAndWrite_IsLeftOut_AndFiresOnceLater_WhileTheRestOfTheBatchFires()
    {
        var sent = new DateTimeOffset(2026, 10, 14, 9, 0, 0, TimeSpan.FromHours(4));
        var changed = await FileAsync(sent);
        var other = await FileAsync(sent);

        var interfered = 0;
        await using var node = BuildNode(services => services.AddScoped<ITimerStore>(provider => new InterferingTimerStore(
            provider.GetRequiredService<FoiRequestRepository>(),
            async () =>
            {
                // The body's registration, recorded by the requester while the sweep holds the batch in memory.
                if (Interlocked.Exchange(ref interfered, 1) == 0)
                    await SendAsync(new RecordEventCommand(changed.Id, "delivered", Citizen, RegistrationNumber: "01-123/45"));
            })));

        var first = await SendAsync(node, new SweepTimersCommand(10));

        first.More.Should().BeTrue("a request was left out, so the sweep must come back for it");
        interfered.Should().Be(1);
        var changedAfterFirst = await QueryAsync(new GetRequestQuery(changed.Id, null));
        changedAfterFirst.Stage.Should().Be("submitted", "nothing the sweep computed for it was written");
        changedAfterFirst.Timeline.Should().NotContain(entry => entry.Kind.StartsWith("timer:", StringComparison.Ordinal));
        changedAfterFirst.Timeline.Should().Contain(entry => entry.Kind == "event:delivered", "the other writer's change stands");
        (await QueryAsync(new GetRequestQuery(other.Id, null))).Stage.Should().Be("overdue", "the rest of the batch fired");
        (await CountAsync("SELECT COUNT(*) FROM outbox WHERE request_id = @Id AND name = 'chaser'", new { Id = changed.Id })).Should().Be(0);

        await SweepAllAsync(node);
        (await SweepAllAsync(node)).Should().Be(0);

        foreach (var id in new[] { changed.Id, other.Id })
        {
            var request = await QueryAsync(new GetRequestQuery(id, null));
            request.Stage.Should().Be("overdue");
            request.Timeline.Where(entry => entry.Kind.StartsWith("timer:", StringComparison.Ordinal)).Select(entry => entry.Kind)
                .Should().Equal("timer:reminder", "timer:deadline_passed", "timer:chaser", "timer:complaint_reminder");
            (await CountAsync("SELECT COUNT(*) FROM outbox WHERE request_id = @Id AND name = 'chaser'", new { Id = id })).Should().Be(1);
            (await CountAsync("SELECT COUNT(*) FROM request_timers WHERE request_id = @Id AND fired_at IS NOT NULL", new { Id = id }))
                .Should().Be(4, "each timer is in the history once");
        }

        var registration = await QueryAsync(new GetRequestQuery(changed.Id, null));
        registration.RegistrationNumber.Should().Be("01-123/45", "the sweep fired from the saved request, not from its stale copy");
    }

    [Fact]
    public async Task ASweepInsideACallersTransaction_JoinsIt_AndIsUndoneWithIt()
    {
        var filed = await FileAsync(new DateTimeOffset(2026, 10, 14, 9, 0, 0, TimeSpan.FromHours(4)));

        await using (var scope = Services.CreateAsyncScope())
        {
            var unitOfWork = scope.ServiceProvider.GetRequiredService<Common.Ports.IUnitOfWork>();
            await unitOfWork.BeginAsync(CancellationToken.None);
            var result = await scope.ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(new SweepTimersCommand(10));
            result.Fired.Should().BeGreaterThan(0);
            unitOfWork.InTransaction.Should().BeTrue("the caller's transaction is the caller's to end");
            await unitOfWork.RollbackAsync(CancellationToken.None);
        }

        (await QueryAsync(new GetRequestQuery(filed.Id, null))).Stage.Should().Be("submitted", "the rolled-back sweep left nothing");
        (await SweepAllAsync(Services)).Should().BeGreaterThan(0, "its timers are still due");
    }

    /// <summary>The real claim, then <paramref name="afterClaim"/>, as another writer acting at that moment.</summary>
    private sealed class InterferingTimerStore(ITimerStore inner, Func<Task> afterClaim) : ITimerStore
    {
        public bool ClaimLocksRows => inner.ClaimLocksRows;

        public async Task<IReadOnlyList<FoiRequest>> ClaimDueAsync(DateTimeOffset now, int limit, SweepLane lane, CancellationToken cancellationToken)
        {
            var claimed = await inner.ClaimDueAsync(now, limit, lane, cancellationToken);
            await afterClaim();
            return claimed;
        }
    }
}

using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Requests.GetRequest;
using FoiTracker.Application.Requests.RecordEvent;
using FoiTracker.Application.Workflows;
using FoiTracker.Application.Workflows.SweepTimers;
using FoiTracker.Domain.Requests;
using FoiTracker.Infrastructure.Persistence.Repositories;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Application.Tests.Workflows;

/// <summary>
/// A sweep batch holds its requests from the claim until it commits (on SQLite the one writer's lock,
/// taken when its transaction begins). Someone acting on one of them meanwhile waits, and then
/// either writes on top of what the sweep saved or is told to load the request again: the sweep's
/// work is never undone, and each timer fires once.
/// </summary>
public sealed class SweepConflictTests : WorkflowTestBase
{
    [Fact]
    public async Task ARequestActedOnDuringASweep_WaitsForTheBatch_AndNothingFiresTwice()
    {
        var sent = new DateTimeOffset(2026, 10, 14, 9, 0, 0, TimeSpan.FromHours(4));
        var changed = await FileAsync(sent);
        var other = await FileAsync(sent);

        Task<bool>? registering = null;
        var waitedForTheBatch = false;
        await using var node = BuildNode(services => services.AddScoped<IDueRequests>(provider => new InterferingDueRequests(
            provider.GetRequiredService<DueRequests>(),
            async () =>
            {
                // A note, recorded by the requester while the sweep holds the batch.
                registering ??= Task.Run(async () =>
                {
                    try
                    {
                        await SendAsync(new RecordEventCommand(changed.Id, "note", Citizen, Note: "Phoned the registry."));
                        return true;
                    }
                    catch (ConflictException)
                    {
                        return false;
                    }
                });
                await Task.Delay(300);
                waitedForTheBatch = !registering.IsCompleted;
            })));

        var first = await SendAsync(node, new SweepTimersCommand(10));
        var registered = await registering!;

        first.Fired.Should().BeGreaterThan(0);
        waitedForTheBatch.Should().BeTrue("the note cannot be written while the sweep holds the batch it claimed");
        (await QueryAsync(new GetRequestQuery(changed.Id, null))).Stage.Should().Be("overdue", "the sweep's work stands");
        (await QueryAsync(new GetRequestQuery(other.Id, null))).Stage.Should().Be("overdue");

        await SweepAllAsync(node);
        (await SweepAllAsync(node)).Should().Be(0);

        foreach (var id in new[] { changed.Id, other.Id })
        {
            var request = await QueryAsync(new GetRequestQuery(id, null));
            request.Timeline.Where(entry => entry.Kind.StartsWith("timer:", StringComparison.Ordinal)).Select(entry => entry.Kind)
                .Should().Equal("timer:reminder", "timer:deadline_passed", "timer:chaser", "timer:complaint_reminder");
            (await CountAsync("SELECT COUNT(*) FROM outbox WHERE request_id = @Id AND name = 'chaser'", new { Id = id })).Should().Be(1);
            (await CountAsync("SELECT COUNT(*) FROM request_timers WHERE request_id = @Id AND fired_at IS NOT NULL", new { Id = id }))
                .Should().Be(4, "each timer is in the history once");
        }

        if (registered)
            (await QueryAsync(new GetRequestQuery(changed.Id, null))).Timeline.Should().Contain(entry => entry.Kind == "event:note", "written on top of what the sweep saved");
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
    private sealed class InterferingDueRequests(IDueRequests inner, Func<Task> afterClaim) : IDueRequests
    {
        public async Task<IReadOnlyList<FoiRequest>> ClaimAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
        {
            var claimed = await inner.ClaimAsync(now, limit, cancellationToken);
            await afterClaim();
            return claimed;
        }
    }
}

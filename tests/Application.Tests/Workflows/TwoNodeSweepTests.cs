using Dapper;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Workflows;
using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Requests;
using FoiTracker.Domain.Users;
using FoiTracker.Domain.Workflows;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Infrastructure.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace FoiTracker.Application.Tests.Workflows;

/// <summary>
/// Two nodes, or several workers of one node, sweeping one database at the same time: every due
/// timer fires exactly once. On PostgreSQL this is the scale-out case; on SQLite the single writer
/// serialises them.
/// </summary>
public abstract class TwoNodeSweepTests : WorkflowTestBase
{
    protected abstract int Requests { get; }

    [SkippableFact]
    public async Task TwoNodes_SharingDueTimers_FireEachExactlyOnce()
    {
        await SeedOverdueRequestsAsync(Requests);
        (await CountAsync("SELECT COUNT(*) FROM requests WHERE next_due_at IS NOT NULL")).Should().Be(Requests, "each request has armed timers");

        await using var nodeA = BuildNode();
        await using var nodeB = BuildNode();
        var fired = await Task.WhenAll(SweepUntilQuietAsync(nodeA), SweepUntilQuietAsync(nodeB));

        // Each request: reminder (late, recorded as skipped), deadline → overdue, then the chaser
        // and the complaint-window reminder that the overdue stage armed, all due by now.
        fired.Sum().Should().Be(4 * Requests);
        if (Provider == DatabaseProvider.Postgres)
            fired.Should().OnlyContain(count => count > 0, "both nodes took part");
        await ExpectEachTimerFiredOnceAsync();
    }

    [SkippableFact]
    public async Task SeveralWorkersOnOneNode_SharingDueTimers_FireEachExactlyOnce()
    {
        await SeedOverdueRequestsAsync(Requests);
        await using var node = BuildNode();
        // The scheduler's own job, as a node runs it, with four batches at a time.
        var job = new SweepTimersJob(
            node.GetRequiredService<IServiceScopeFactory>(),
            new WorkflowSchedule { SweepBatchSize = 250, SweepWorkers = 4 },
            NullLogger<SweepTimersJob>.Instance);

        var fired = 0;
        var batches = 0;
        for (var runs = 0; runs < 100; runs++)
        {
            var run = await job.RunAsync(CancellationToken.None);
            run.Failures.Should().Be(0, "workers of one node never hold the same request");
            batches += run.Results.Count;
            var firedNow = run.Results.Sum(result => result.Fired);
            fired += firedNow;
            if (firedNow == 0)
                break;
        }

        fired.Should().Be(4 * Requests);
        batches.Should().BeGreaterThan(Requests / 250, "the work was split into batches of requests");
        await ExpectEachTimerFiredOnceAsync();
    }

    private async Task ExpectEachTimerFiredOnceAsync()
    {
        (await CountAsync("SELECT COUNT(*) FROM timeline WHERE kind = 'timer:deadline_passed'")).Should().Be(Requests);
        (await CountAsync("SELECT COUNT(*) FROM timeline WHERE kind = 'timer:chaser'")).Should().Be(Requests);
        (await CountAsync("SELECT COUNT(*) FROM requests WHERE stage = 'overdue'")).Should().Be(Requests);
        (await CountAsync("SELECT COUNT(*) FROM outbox WHERE name = 'became_overdue'")).Should().Be(Requests);
        (await CountAsync("SELECT COUNT(*) FROM outbox WHERE name = 'chaser'")).Should().Be(Requests);
        (await CountAsync("SELECT COUNT(*) FROM outbox")).Should().Be(6L * Requests, "request letter, overdue notices (2), chaser, complaint-window reminders (2)");
        (await CountAsync("SELECT COUNT(*) FROM request_timers WHERE fired_at IS NOT NULL AND cancelled_at IS NOT NULL")).Should().Be(0);
        (await CountAsync("SELECT COUNT(*) FROM request_timers WHERE fired_at IS NOT NULL")).Should().Be(4L * Requests, "each fired timer is in the history once");
        (await CountAsync("SELECT COUNT(*) FROM (SELECT id FROM request_timers GROUP BY id HAVING COUNT(*) > 1) d")).Should().Be(0);
        (await CountAsync("SELECT COUNT(*) FROM (SELECT request_id, seq FROM timeline GROUP BY request_id, seq HAVING COUNT(*) > 1) d")).Should().Be(0);
    }

    private static async Task<int> SweepUntilQuietAsync(IServiceProvider node)
    {
        var fired = 0;
        var quiet = 0;
        // Stop after a few empty rounds in a row: the other node may still hold timers it will fire.
        while (quiet < 3)
        {
            try
            {
                var result = await SendAsync(node, new FoiTracker.Application.Workflows.SweepTimers.SweepTimersCommand(250));
                fired += result.Fired;
                quiet = result.Fired == 0 && !result.More ? quiet + 1 : 0;
            }
            catch (ConflictException)
            {
                // The other node saved a request first; this batch rolled back and is swept again.
                quiet = 0;
            }

            if (quiet > 0)
                await Task.Delay(50);
        }

        return fired;
    }

    /// <summary>Files requests sent 30 working days ago, many per transaction, through the real aggregate and repository.</summary>
    private async Task SeedOverdueRequestsAsync(int count)
    {
        var sent = new DateTimeOffset(2026, 10, 14, 9, 0, 0, TimeSpan.FromHours(4));
        var now = Clock.GetUtcNow();
        var context = Services.GetRequiredService<WorkflowContexts>().For("ge-gac", null);
        foreach (var chunk in Enumerable.Range(1, count).Chunk(1_000))
        {
            await using var scope = Services.CreateAsyncScope();
            var unitOfWork = scope.ServiceProvider.GetRequiredService<Common.Ports.IUnitOfWork>();
            var repository = scope.ServiceProvider.GetRequiredService<IFoiRequestRepository>();
            await unitOfWork.BeginAsync(CancellationToken.None);
            foreach (var i in chunk)
            {
                var request = FoiRequest.File(
                    RequestId.New(), RequestNumber.From(2026, i), PublicBodyKey.Create("ge-gori-city-hall"), "ge-gac",
                    $"Request {i}", "Please send the budget.", new Requester("Nino", null, "Gori"), null,
                    WorkflowActor.System, now, sent, context);
                await repository.AddAsync(request, CancellationToken.None);
            }

            await unitOfWork.CommitAsync(CancellationToken.None);
        }
    }
}

public sealed class SqliteTwoNodeSweepTests : TwoNodeSweepTests
{
    protected override int Requests => 1_000;
}

public sealed class PostgresTwoNodeSweepTests : TwoNodeSweepTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override int Requests => 10_000;
}

using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Infrastructure.Scheduling;
using FoiTracker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace FoiTracker.Infrastructure.Tests.Scheduling;

/// <summary>
/// The scheduler keeps its jobs and triggers in the service's own database (the qrtz_ tables of
/// migration 0003), clustered on PostgreSQL, and really drives the outbox dispatch.
/// </summary>
public sealed class SchedulerStoreTests
{
    private static readonly TimeSpan DispatchLimit = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Scheduler_OnSqlite_StartsWithItsJobsAndTriggersInTheStore()
    {
        await using var database = TestDatabase.CreateSqlite();
        await using var node = await SchedulerHost.StartAsync(database.Options);

        var scheduler = await SchedulerOf(node);
        await ShouldHaveStoredTheJobsAsync(node);
        scheduler.Status.Should().Be(SchedulerStatus.Running);
        (await scheduler.GetMetadata()).JobStoreClustered.Should().BeFalse("SQLite has a single writer and a single node");
    }

    [SkippableFact]
    public async Task Scheduler_OnPostgres_StartsClusteredWithItsJobsAndTriggersInTheStore()
    {
        TestDatabase.SkipUnlessPostgresConfigured();
        await using var database = await TestDatabase.CreatePostgresAsync();
        await using var node = await SchedulerHost.StartAsync(database.Options);

        var scheduler = await SchedulerOf(node);
        await ShouldHaveStoredTheJobsAsync(node);
        (await scheduler.GetMetadata()).JobStoreClustered.Should().BeTrue();
        var checkedIn = await node.QueryAsync<string>("SELECT instance_name FROM qrtz_scheduler_state");
        checkedIn.Should().ContainSingle().Which.Should().Be(scheduler.SchedulerInstanceId);
    }

    [Fact]
    public async Task DispatchOutboxJob_OnSqlite_DispatchesAPendingRowWithinSeconds()
    {
        await using var database = TestDatabase.CreateSqlite();
        await using var node = await SchedulerHost.StartAsync(database.Options);

        var id = await node.InsertPendingOutboxRowAsync();

        (await node.WaitUntilDispatchedAsync(id, DispatchLimit)).Should().BeTrue("the outbox job runs every second");
    }

    [SkippableFact]
    public async Task DispatchOutboxJob_OnPostgres_DispatchesAPendingRowWithinSeconds()
    {
        TestDatabase.SkipUnlessPostgresConfigured();
        await using var database = await TestDatabase.CreatePostgresAsync();
        await using var node = await SchedulerHost.StartAsync(database.Options);

        var id = await node.InsertPendingOutboxRowAsync();

        (await node.WaitUntilDispatchedAsync(id, DispatchLimit)).Should().BeTrue("the outbox job runs every second");
    }

    [SkippableFact]
    public async Task TwoNodes_OnOnePostgresDatabase_BothStartClusteredAndTheJobRuns()
    {
        TestDatabase.SkipUnlessPostgresConfigured();
        await using var database = await TestDatabase.CreatePostgresAsync();
        await using var first = await SchedulerHost.StartAsync(database.Options);
        await using var second = await SchedulerHost.StartAsync(database.Options);

        var firstScheduler = await SchedulerOf(first);
        var secondScheduler = await SchedulerOf(second);
        firstScheduler.Status.Should().Be(SchedulerStatus.Running);
        secondScheduler.Status.Should().Be(SchedulerStatus.Running);
        firstScheduler.SchedulerInstanceId.Should().NotBe(secondScheduler.SchedulerInstanceId, "each node generates its own instance id");
        var checkedIn = await first.QueryAsync<string>("SELECT instance_name FROM qrtz_scheduler_state WHERE sched_name = @Name",
            new { Name = SchedulingServiceCollectionExtensions.SchedulerName });
        checkedIn.Should().BeEquivalentTo([firstScheduler.SchedulerInstanceId, secondScheduler.SchedulerInstanceId]);
        // One set of jobs and triggers however many nodes declared them.
        (await first.QueryAsync<string>("SELECT trigger_name FROM qrtz_triggers"))
            .Should().BeEquivalentTo([SweepTimersJob.Name, DispatchOutboxJob.Name, SendMailJob.Name, StaffDigestJob.Name]);

        var id = await second.InsertPendingOutboxRowAsync();

        (await first.WaitUntilDispatchedAsync(id, DispatchLimit)).Should().BeTrue("one of the two nodes runs the outbox job");
    }

    /// <summary>The node's scheduler once it runs: the hosted service starts it when the host has started, not before.</summary>
    private static async Task<IScheduler> SchedulerOf(SchedulerHost node)
    {
        var scheduler = await node.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        for (var wait = 0; wait < 100 && scheduler.Status != SchedulerStatus.Running; wait++)
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        return scheduler;
    }

    private static async Task ShouldHaveStoredTheJobsAsync(SchedulerHost node)
    {
        var jobs = await node.QueryAsync<string>("SELECT job_name FROM qrtz_job_details WHERE sched_name = @Name",
            new { Name = SchedulingServiceCollectionExtensions.SchedulerName });
        jobs.Should().BeEquivalentTo([SweepTimersJob.Name, DispatchOutboxJob.Name, SendMailJob.Name, StaffDigestJob.Name]);

        // Simple repeating triggers, one per job, each at the configured interval.
        var triggers = await node.QueryAsync<(string Name, long RepeatCount, long RepeatInterval, long MisfireInstruction)>(
            "SELECT t.trigger_name, s.repeat_count, s.repeat_interval, t.misfire_instr FROM qrtz_triggers t JOIN qrtz_simple_triggers s ON s.sched_name = t.sched_name AND s.trigger_name = t.trigger_name AND s.trigger_group = t.trigger_group");
        triggers.Select(trigger => trigger.Name).Should().BeEquivalentTo([SweepTimersJob.Name, DispatchOutboxJob.Name, SendMailJob.Name]);
        triggers.Should().AllSatisfy(trigger =>
        {
            trigger.RepeatCount.Should().Be(-1, "the triggers repeat for ever");
            trigger.MisfireInstruction.Should().Be((long)SimpleTriggerMisfireInstruction.NowWithExistingCount, "a missed run fires once, now");
        });
        triggers.Where(trigger => trigger.Name != SendMailJob.Name).Select(trigger => trigger.RepeatInterval).Distinct().Should().ContainSingle();

        // The staff digest: daily at 08:00 in Tbilisi.
        var digest = await node.QueryAsync<(string Cron, string Zone)>(
            "SELECT cron_expression, time_zone_id FROM qrtz_cron_triggers WHERE trigger_name = @Name", new { Name = StaffDigestJob.Name });
        digest.Should().Equal(("0 0 8 * * ?", "Asia/Tbilisi"));
    }
}

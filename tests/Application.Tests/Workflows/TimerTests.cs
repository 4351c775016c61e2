using FoiTracker.Application.Requests.GetRequest;
using FoiTracker.Application.Requests.RecordEvent;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Application.Tests.Workflows;

public sealed class TimerTests : WorkflowTestBase
{
    [Fact]
    public async Task BackdatedRequest_CatchesUp_OverdueChaserAndComplaintWindow_EachOnceInOrder()
    {
        // Sent on paper on 14 October 2026, 30 working days before 26 November: GAC 40's ten
        // working days ran out on 28 October (no holiday in between), so it is long overdue.
        var filed = await FileAsync(new DateTimeOffset(2026, 10, 14, 9, 0, 0, TimeSpan.FromHours(4)));

        await SweepAllAsync(Services);
        var again = await SweepAllAsync(Services);

        again.Should().Be(0, "every timer that was due has fired, once");
        var request = await QueryAsync(new GetRequestQuery(filed.Id, null));
        request.Stage.Should().Be("overdue");
        request.OverdueSince.Should().Be(new DateOnly(2026, 10, 29));
        var timerKinds = request.Timeline.Where(e => e.Kind.StartsWith("timer:", StringComparison.Ordinal)).Select(e => e.Kind).ToList();
        timerKinds.Should().Equal("timer:reminder", "timer:deadline_passed", "timer:chaser", "timer:complaint_reminder");
        request.Timeline.Select(e => e.Seq).Should().BeInAscendingOrder();
        request.Timeline.Where(e => e.Kind.StartsWith("timer:", StringComparison.Ordinal)).Select(e => e.At)
            .Should().BeInAscendingOrder("catch-up replays the timers at their own instants");
        // Complaint filing: one month from 29 October (GAC 178) → 29 November, a Sunday → Monday 30 November.
        request.Deadlines.Should().Contain(d => d.Key == "complaint_filing" && d.Due == new DateOnly(2026, 11, 30));
        request.Timers.Where(t => t.FiredAt is null && t.CancelledAt is null).Select(t => t.Kind).Should().BeEquivalentTo(["complaint_window_closed"]);

        var effects = await RowsAsync<string>("SELECT kind || ':' || name || ':' || recipient FROM outbox ORDER BY created_at, name");
        effects.Should().BeEquivalentTo(
        [
            "letter:request:body",
            "notify:overdue:requester",
            "notify:became_overdue:staff",
            "letter:chaser:body",
            "notify:complaint_window_closing:requester",
            "notify:complaint_window_closing:staff",
        ], "the late reminder before the response deadline is recorded as skipped, not sent");
    }

    [Fact]
    public async Task Timers_FireOnlyWhenTheirTimeComes_AsTheClockAdvances()
    {
        // Filed Thursday 26 November 2026 (noon Tbilisi): due 10 working days later, Thursday 10 December.
        Clock.SetUtcNow(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));
        var filed = await FileAsync(null);

        (await SweepAllAsync(Services)).Should().Be(0);
        Clock.SetUtcNow(new DateTimeOffset(2026, 12, 8, 19, 59, 0, TimeSpan.Zero));
        (await SweepAllAsync(Services)).Should().Be(0, "the reminder is due at the start of 9 December in Tbilisi");
        Clock.Advance(TimeSpan.FromMinutes(1));
        (await SweepAllAsync(Services)).Should().Be(1);
        Clock.SetUtcNow(new DateTimeOffset(2026, 12, 10, 19, 59, 0, TimeSpan.Zero));
        (await SweepAllAsync(Services)).Should().Be(0, "the last day runs until 24:00 (GAC)");
        Clock.Advance(TimeSpan.FromMinutes(1));
        (await SweepAllAsync(Services)).Should().Be(1);

        var request = await QueryAsync(new GetRequestQuery(filed.Id, null));
        request.Stage.Should().Be("overdue");
        request.Deadlines.Should().Contain(d => d.Key == "response" && d.Due == new DateOnly(2026, 12, 10));
        (await CountAsync("SELECT COUNT(*) FROM outbox WHERE name = 'deadline_soon'")).Should().Be(1);
    }

    [Fact]
    public async Task AnAnswer_BeforeTheDeadline_DisarmsItsTimers_SoNothingFiresLater()
    {
        var filed = await FileAsync(null);
        await SendAsync(new RecordEventCommand(filed.Id, "answered", Citizen, Outcome: "complete"));

        Clock.Advance(TimeSpan.FromDays(60));
        (await SweepAllAsync(Services)).Should().Be(0);

        var request = await QueryAsync(new GetRequestQuery(filed.Id, null));
        request.Stage.Should().Be("answered");
        request.Timers.Should().OnlyContain(t => t.CancelledAt != null && t.FiredAt == null);
    }

    [Fact]
    public async Task Crash_AfterTheBatchIsClaimedAndBeforeItCommits_FiresEachTimerOnceAfterRestart()
    {
        for (var i = 0; i < 20; i++)
            await FileAsync(new DateTimeOffset(2026, 10, 1, 9, 0, 0, TimeSpan.Zero));
        var before = await CountAsync("SELECT COUNT(*) FROM outbox");

        // A node whose process dies in the middle of writing a batch: the claimed timers have been
        // applied in memory and some requests written, then the transaction never commits.
        await using (var doomed = BuildNode(services => services.AddScoped<Requests.IFoiRequestRepository>(
            provider => new CrashingRepository(provider.GetRequiredService<Infrastructure.Persistence.Repositories.FoiRequestRepository>(), crashOnSave: 7))))
        {
            var crash = () => SendAsync(doomed, new FoiTracker.Application.Workflows.SweepTimers.SweepTimersCommand(500));
            await crash.Should().ThrowAsync<SimulatedCrashException>();
        }

        (await CountAsync("SELECT COUNT(*) FROM outbox")).Should().Be(before, "nothing of the crashed batch was committed");
        (await CountAsync("SELECT COUNT(*) FROM request_timers WHERE fired_at IS NOT NULL")).Should().Be(0);

        // The restarted node sweeps: every timer fires exactly once.
        await using var restarted = BuildNode();
        await SweepAllAsync(restarted);
        await SweepAllAsync(restarted);

        (await CountAsync("SELECT COUNT(*) FROM timeline WHERE kind = 'timer:deadline_passed'")).Should().Be(20);
        (await CountAsync("SELECT COUNT(*) FROM outbox WHERE name = 'became_overdue'")).Should().Be(20);
        (await CountAsync("SELECT COUNT(*) FROM outbox WHERE name = 'chaser'")).Should().Be(20);
        (await CountAsync("SELECT COUNT(*) FROM requests WHERE stage = 'overdue'")).Should().Be(20);
    }
}

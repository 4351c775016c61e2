using FoiTracker.Application.Requests;
using FoiTracker.Application.Requests.GetRequest;
using FoiTracker.Application.Requests.RecordEvent;
using FoiTracker.Infrastructure.Persistence;

namespace FoiTracker.Application.Tests.Workflows;

/// <summary>
/// Two duties with their own deadlines: a refusal is explained in writing within 3 working days
/// (GAC 41), and a request sent to the wrong body is forwarded and the applicant told within
/// 2 working days of it (GAC 80). A duty missed marks the request; the ladder runs on regardless.
/// </summary>
public abstract class RefusalReasonsAndForwardingTests : WorkflowTestBase
{
    private static readonly DateTimeOffset Sent = Tbilisi(2026, 11, 16, 9);

    // Friday 20 November 2026. Three working days after it: Monday 23 November is Giorgoba, a
    // public holiday, so 24, 25 and 26 November: due Thursday 26 November.
    private static readonly DateTimeOffset Refused = Tbilisi(2026, 11, 20, 10);
    private static readonly DateOnly ReasonsDue = new(2026, 11, 26);

    // Thursday 19 November 2026: told within 2 working days of it, Friday 20 and (after Giorgoba) Tuesday 24 November.
    private static readonly DateTimeOffset Forwarded = Tbilisi(2026, 11, 19, 10);

    [SkippableFact]
    public async Task ARefusal_ArmsTheGac41Deadline_ForWrittenReasons_BesideTheComplaintWindow()
    {
        var filed = await RefusedAsync();

        var request = await QueryAsync(new GetRequestQuery(filed.Id, null));
        request.Stage.Should().Be("refused");
        request.Deadlines.Should().ContainSingle(d => d.Key == "refusal_explanation").Which.Due.Should().Be(ReasonsDue);
        request.Deadlines.Should().Contain(d => d.Key == "complaint_filing");
        request.AcceptedEvents.Should().Contain("refusal_reasons_received").And.Contain("escalate");
        request.Flags.Should().BeEmpty();
    }

    [SkippableFact]
    public async Task ARefusal_WithoutWrittenReasonsByTheDeadline_IsFlagged_OnTheTimelineAndToStaff_AndTheComplaintWindowRuns()
    {
        var filed = await RefusedAsync();

        Clock.SetUtcNow(new DateTimeOffset(2026, 11, 27, 8, 0, 0, TimeSpan.Zero));
        await SweepAllAsync(Services);

        var request = await QueryAsync(new GetRequestQuery(filed.Id, null));
        request.Stage.Should().Be("refused");
        var flag = request.Flags.Should().ContainSingle().Which;
        (flag.Key, flag.Citation, flag.Deadline, flag.RaisedOn).Should().Be(("refused_without_reasons", "GAC 41", "refusal_explanation", new DateOnly(2026, 11, 27)));
        flag.Name.Should().Be("Refused without written reasons (GAC 41)");
        request.Timeline.Should().ContainSingle(entry => entry.Kind == "flag:refused_without_reasons")
            .Which.Detail.Should().Contain("GAC 41").And.Contain("2026-11-26");
        (await CountAsync("SELECT COUNT(*) FROM outbox WHERE name = 'refused_without_reasons' AND recipient = 'staff'")).Should().Be(1);
        request.Timers.Should().Contain(timer => timer.Kind == "complaint_window_closed" && timer.FiredAt == null && timer.CancelledAt == null,
            "the complaint window still runs");
    }

    [SkippableFact]
    public async Task WrittenReasons_WithinTheDeadline_KeepTheRequestUnflagged()
    {
        var filed = await RefusedAsync();
        await SendAsync(new RecordEventCommand(filed.Id, "refusal_reasons_received", Citizen, Tbilisi(2026, 11, 24, 12)));

        Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
        await SweepAllAsync(Services);

        var request = await QueryAsync(new GetRequestQuery(filed.Id, null));
        request.Flags.Should().BeEmpty();
        request.Timers.Should().ContainSingle(timer => timer.Kind == "refusal_reasons_missing").Which.CancelledAt.Should().NotBeNull();
        (await CountAsync("SELECT COUNT(*) FROM outbox WHERE name = 'refused_without_reasons'")).Should().Be(0);
    }

    [SkippableFact]
    public async Task WrittenReasons_RecordedAfterTheFlag_ButDatedWithinTheDeadline_LiftIt()
    {
        var filed = await RefusedAsync();
        Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));
        await SweepAllAsync(Services);

        await SendAsync(new RecordEventCommand(filed.Id, "refusal_reasons_received", Citizen, Tbilisi(2026, 11, 25, 15)));

        var request = await QueryAsync(new GetRequestQuery(filed.Id, null));
        request.Flags.Should().BeEmpty();
        request.Timeline.Should().ContainSingle(entry => entry.Kind == "flag_lifted:refused_without_reasons");
    }

    [SkippableFact]
    public async Task WrittenReasons_DatedAfterTheDeadline_LeaveTheRequestFlagged_EvenBeforeTheTimerFired()
    {
        var filed = await RefusedAsync();
        Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 8, 0, 0, TimeSpan.Zero));

        await SendAsync(new RecordEventCommand(filed.Id, "refusal_reasons_received", Citizen, Tbilisi(2026, 11, 27, 15)));
        await SweepAllAsync(Services);

        var request = await QueryAsync(new GetRequestQuery(filed.Id, null));
        request.Flags.Should().ContainSingle(flag => flag.Key == "refused_without_reasons");
    }

    [SkippableFact]
    public async Task AForwardedRequest_EndsAtTheOldBody_LinkedToTheNewRequest_AndCanBeReopened()
    {
        var (original, linked) = await ForwardAsync();

        var old = await QueryAsync(new GetRequestQuery(original, null));
        old.Stage.Should().Be("forwarded");
        old.Outcome.Should().Be("forwarded");
        old.ForwardedTo.Should().Equal(linked.Id);
        old.AcceptedEvents.Should().Equal("reopen");
        old.Timers.Should().OnlyContain(timer => timer.FiredAt != null || timer.CancelledAt != null, "an ended request has no running clock");
        old.Timeline.Should().ContainSingle(entry => entry.Kind == "forwarded_to").Which.Detail.Should().Contain(linked.Number);

        var staff = new RequestActor(Guid.CreateVersion7(), "Staff", Domain.Users.Role.Staff);
        (await SendAsync(new RecordEventCommand(original, "reopen", staff))).Stage.Should().Be("submitted");
    }

    [SkippableFact]
    public async Task AForwardedRequest_RunsAtTheNewBody_FromTheDayItWasForwarded_WithTheGac80NoticeDeadline()
    {
        var (original, linked) = await ForwardAsync();

        var request = await QueryAsync(new GetRequestQuery(linked.Id, null));
        request.Stage.Should().Be("forwarded_in");
        request.ForwardedFrom.Should().Be(original);
        request.SubmittedAt.Should().Be(Forwarded);
        // Ten working days from Friday 20 November, Giorgoba skipped: Friday 4 December.
        request.Deadlines.Should().ContainSingle(d => d.Key == "response").Which.Due.Should().Be(new DateOnly(2026, 12, 4));
        request.Deadlines.Should().ContainSingle(d => d.Key == "forwarding_notice").Which.Due.Should().Be(new DateOnly(2026, 11, 24));
        request.Route!.Key.Should().Be("direct_to_court", "the new body is the Sakrebulo (LSG 62(2))");
        (await CountAsync("SELECT COUNT(*) FROM outbox WHERE request_id = @Id AND name = 'request'", new { linked.Id }))
            .Should().Be(0, "the old body sent the request on; nobody sends it again");
    }

    [SkippableFact]
    public async Task AForwarding_TheApplicantWasNeverToldOf_IsFlagged()
    {
        var (_, linked) = await ForwardAsync();

        await SweepAllAsync(Services);

        var request = await QueryAsync(new GetRequestQuery(linked.Id, null));
        request.Stage.Should().Be("forwarded_in");
        request.Flags.Should().ContainSingle().Which.Key.Should().Be("forwarding_not_notified");
        request.Timeline.Should().ContainSingle(entry => entry.Kind == "flag:forwarding_not_notified");
        (await CountAsync("SELECT COUNT(*) FROM outbox WHERE name = 'forwarding_not_notified' AND recipient = 'staff'")).Should().Be(1);
    }

    [SkippableFact]
    public async Task AForwarding_TheApplicantWasToldOfInTime_IsNotFlagged()
    {
        var (_, linked) = await ForwardAsync();

        await SendAsync(new RecordEventCommand(linked.Id, "forwarding_notified", Citizen, Tbilisi(2026, 11, 20, 11)));
        await SweepAllAsync(Services);

        var request = await QueryAsync(new GetRequestQuery(linked.Id, null));
        request.Flags.Should().BeEmpty();
        request.Stage.Should().Be("forwarded_in");
    }

    private async Task<Requests.FileRequest.FiledRequest> RefusedAsync()
    {
        var filed = await FileAsync(Sent);
        await SendAsync(new RecordEventCommand(filed.Id, "answered", Citizen, Refused, Outcome: "refused"));
        return filed;
    }

    private async Task<(Guid Original, Requests.FileRequest.FiledRequest Linked)> ForwardAsync()
    {
        var filed = await FileAsync(Sent);
        var recorded = await SendAsync(new RecordEventCommand(filed.Id, "answered", Citizen, Forwarded, Outcome: "forwarded", ForwardedTo: "ge-gori-council"));
        return (filed.Id, recorded.LinkedRequest!);
    }

    private static DateTimeOffset Tbilisi(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, TimeSpan.FromHours(4));
}

public sealed class SqliteRefusalReasonsAndForwardingTests : RefusalReasonsAndForwardingTests;

public sealed class PostgresRefusalReasonsAndForwardingTests : RefusalReasonsAndForwardingTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

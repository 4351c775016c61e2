using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Requests;
using FoiTracker.Domain.Workflows;
using static FoiTracker.Domain.Tests.Requests.TestWorkflow;

namespace FoiTracker.Domain.Tests.Requests;

public sealed class FoiRequestTests
{
    private static readonly DateTimeOffset Now = Noon("2026-11-26");
    private readonly IWorkflowContext _context = Context();

    [Fact]
    public void File_WithoutASubmissionTime_IsADraftWithNoTimers()
    {
        var request = TestWorkflow.File(_context, Now, submittedAt: null);

        request.Stage.Should().Be(new StageKey("draft"));
        request.SubmittedAt.Should().BeNull();
        request.ActiveTimers.Should().BeEmpty();
        request.NewTimeline.Should().ContainSingle().Which.Kind.Should().Be(TimelineKind.Filed);
    }

    [Fact]
    public void File_Submitted_ArmsTheReminderAndTheDeadline_FromGac40()
    {
        // Sent Monday 2 November 2026: 10 working days → due Monday 16 November.
        var request = TestWorkflow.File(_context, Now, Noon("2026-11-02"));

        request.Stage.Should().Be(new StageKey("submitted"));
        request.Deadlines.Should().ContainSingle(d => d.Key == "response").Which.Due.Should().Be(new DateOnly(2026, 11, 16));
        var timers = request.NewTimers.ToDictionary(t => t.Kind, t => t.DueAt);
        // Fires at the start of the Tbilisi day after the last day: 17 Nov 00:00 +04 = 16 Nov 20:00 UTC.
        timers[new TimerKind("deadline_passed")].Should().Be(new DateTimeOffset(2026, 11, 16, 20, 0, 0, TimeSpan.Zero));
        timers[new TimerKind("reminder")].Should().Be(new DateTimeOffset(2026, 11, 14, 20, 0, 0, TimeSpan.Zero));
        request.NewEffects.Should().ContainSingle(e => e.Kind == "letter" && e.Name == "request" && e.Recipient == "body");
    }

    [Fact]
    public void File_SubmittedInTheFuture_BreaksARule()
    {
        var file = () => TestWorkflow.File(_context, Now, Now.AddMinutes(5));

        file.Should().Throw<BusinessRuleViolationException>().Which.Rule.Should().Be("RequestCannotBeSubmittedInTheFuture");
    }

    [Fact]
    public void File_WithATextOverTheLimit_IsRefused()
    {
        var file = () => FoiRequest.File(
            RequestId.New(), RequestNumber.From(2026, 1), PublicBodyKey.Create("ge-gori-city-hall"), "ge-gac", "S",
            new string('ა', FoiRequest.MaxTextLength + 1), new Requester("Nino", null, "Gori"), null, Citizen, Now, null, _context);

        file.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Requester_WithNeitherEmailNorAddress_CannotReceiveAnAnswer()
    {
        var create = () => new Requester("Nino", null, "  ");

        create.Should().Throw<ArgumentException>().WithMessage("*e-mail or a postal address*");
    }

    [Fact]
    public void Event_NotAcceptedInTheStage_BreaksARuleThatNamesWhatIsAccepted()
    {
        var request = TestWorkflow.File(_context, Now, Noon("2026-11-20"));

        var escalate = () => request.Apply(new WorkflowEventInput(new EventKind("escalate"), Now), Staff, Now, _context);

        var error = escalate.Should().Throw<BusinessRuleViolationException>().Which;
        error.Rule.Should().Be("EventNotAcceptedInStage");
        error.Message.Should().Contain("'submitted'").And.Contain("answered");
    }

    [Fact]
    public void StaffOnlyEvent_FromTheRequester_BreaksARule()
    {
        var request = TestWorkflow.File(_context, Now, Noon("2026-11-20"));
        request.Apply(new WorkflowEventInput(new EventKind("withdraw"), Now), Citizen, Now, _context);

        var reopen = () => request.Apply(new WorkflowEventInput(new EventKind("reopen"), Now), Citizen, Now, _context);

        reopen.Should().Throw<BusinessRuleViolationException>().Which.Rule.Should().Be("EventNeedsStaff");
    }

    [Fact]
    public void Answer_WithoutAnOutcome_BreaksARule_AndWithOneGoesToItsStage()
    {
        var request = TestWorkflow.File(_context, Now, Noon("2026-11-20"));

        var bare = () => request.Apply(new WorkflowEventInput(new EventKind("answered"), Now), Citizen, Now, _context);
        bare.Should().Throw<BusinessRuleViolationException>().Which.Message.Should().Contain("complete").And.Contain("refused");

        request.Apply(new WorkflowEventInput(new EventKind("answered"), Now, Outcome: new Outcome("refused")), Citizen, Now, _context);
        request.Stage.Should().Be(new StageKey("refused"));
        request.Outcome.Should().Be(Outcome.Refused);
        request.ActiveTimers.Should().BeEmpty("leaving 'submitted' disarms its timers");
    }

    [Fact]
    public void Event_DatedBeforeTheRequestWasSent_BreaksARule()
    {
        var request = TestWorkflow.File(_context, Now, Noon("2026-11-20"));

        var early = () => request.Apply(new WorkflowEventInput(new EventKind("answered"), Noon("2026-11-19"), Outcome: new Outcome("complete")), Citizen, Now, _context);

        early.Should().Throw<BusinessRuleViolationException>().Which.Rule.Should().Be("EventCannotPrecedeSubmission");
    }

    [Fact]
    public void Timer_FiredAfterTheDeadline_MovesToOverdueAtItsOwnInstant_AndArmsTheChaser()
    {
        var request = TestWorkflow.File(_context, Now, Noon("2026-11-02"));
        var deadline = request.ActiveTimers.Single(t => t.Kind.Value == "deadline_passed");

        request.FireTimer(deadline.Id, Now, _context).Should().BeTrue();

        request.Stage.Should().Be(new StageKey("overdue"));
        request.StageEnteredAt.Should().Be(deadline.DueAt, "catch-up uses the timer's instant, not the sweep's");
        request.OverdueSince.Should().Be(new DateOnly(2026, 11, 17));
        request.ActiveTimers.Should().ContainSingle(t => t.Kind.Value == "chaser");
        request.NewEffects.Select(e => e.Name).Should().Contain("overdue");
    }

    [Fact]
    public void ComplaintWindowAfterSilence_CountsFromTheMissedDueDate_NotFromTheFirstOverdueDay()
    {
        // Sent Thursday 1 October 2026: ten working days (Svetitskhovloba, 14 October, skipped) end Friday 16 October.
        var request = TestWorkflow.File(_context, Now, Noon("2026-10-01"));
        request.Deadlines.Single(d => d.Key == "response").Due.Should().Be(new DateOnly(2026, 10, 16));

        request.FireTimer(request.ActiveTimers.Single(t => t.Kind.Value == "deadline_passed").Id, Now, _context);

        // GAC 178: the month runs from the day after the missed 16 October, so it ends Monday 16 November.
        request.OverdueSince.Should().Be(new DateOnly(2026, 10, 17), "the first overdue day is the day after the due date");
        var window = request.Deadlines.Single(d => d.Key == "complaint_filing");
        window.EventDate.Should().Be(new DateOnly(2026, 10, 16));
        window.Due.Should().Be(new DateOnly(2026, 11, 16));
        request.ActiveTimers.Single(t => t.Kind.Value == "chaser").DueAt.Should().Be(Noon("2026-10-18").AddHours(-12),
            "a timer without a deadline still counts from the day the stage was entered");
    }

    [Fact]
    public void NextDueTimer_IsTheEarliestDue_AndNoneBeforeItsInstant()
    {
        var request = TestWorkflow.File(_context, Now, Noon("2026-11-02"));
        var reminder = request.ActiveTimers.Single(t => t.Kind.Value == "reminder");
        var deadline = request.ActiveTimers.Single(t => t.Kind.Value == "deadline_passed");

        request.NextDueTimer(reminder.DueAt.AddTicks(-1)).Should().BeNull();
        request.NextDueTimer(reminder.DueAt).Should().Be(reminder);
        request.NextDueTimer(deadline.DueAt.AddDays(30)).Should().Be(reminder, "the earliest due fires first");
        request.NextTimerDueAt.Should().Be(reminder.DueAt);

        request.FireTimer(reminder.Id, deadline.DueAt, _context);

        request.NextDueTimer(deadline.DueAt).Should().Be(deadline);
        request.FiredTimers.Should().Equal(reminder);
    }

    [Fact]
    public void EffectKeys_NameTheStepAndTheEffect_AndLeadWithTheStepsInstant()
    {
        var request = TestWorkflow.File(_context, Now, Noon("2026-11-02"));
        var deadline = request.ActiveTimers.Single(t => t.Kind.Value == "deadline_passed");
        request.MarkSaved();

        request.FireTimer(deadline.Id, Now, _context);

        var keys = request.NewEffects.Select(effect => effect.DedupKey).ToList();
        keys.Should().NotBeEmpty().And.OnlyHaveUniqueItems();
        // The step is named by what happened (the timer's kind, its deadline, its instant), so the same deadline
        // missed again after a correction makes the same keys.
        var step = $"{deadline.DueAt.UtcDateTime:yyyyMMdd'T'HHmmss'.'fffffff'Z'}:{request.Id.Value:N}:timer-deadline_passed-response:";
        keys.Should().OnlyContain(key => key.StartsWith(step, StringComparison.Ordinal));
        request.NewEffects.Select(effect => effect.DedupKey[step.Length..]).Should().Equal(
            request.NewEffects.Select(effect => $"{effect.Kind}:{effect.Name}:{effect.Recipient}"));
        // A later step's keys sort after this one's: the instant leads, in a fixed-width form.
        string.CompareOrdinal($"{deadline.DueAt.AddDays(1).UtcDateTime:yyyyMMdd'T'HHmmss'.'fffffff'Z'}", step).Should().BePositive();
    }

    [Fact]
    public void Answer_DatedBeforeTheOverdueMark_PutsTheRequestBack_AnsweredOnTimeAndNotOverdue()
    {
        // Due Friday 16 October; the service marked it overdue on the 17th and sent the chaser on the 18th.
        var request = OverdueSince17October();
        request.MarkSaved();

        // On 26 November staff record the full answer that came on Thursday 15 October.
        request.Apply(new WorkflowEventInput(new EventKind("answered"), Noon("2026-10-15"), Outcome: new Outcome("complete")), Staff, Now, _context);

        request.Stage.Should().Be(new StageKey("answered"));
        request.StageEnteredAt.Should().Be(Noon("2026-10-15"));
        request.OverdueSince.Should().BeNull("the answer came before the due date ran out");
        request.Deadlines.Should().NotContain(d => d.Key == "complaint_filing", "the window the overdue stage opened never opened");
        request.ActiveTimers.Should().BeEmpty();
        request.NewTimeline.Select(e => e.Kind).Should().Equal(TimelineKind.Correction, TimelineKind.Of(EventKind.Answered));
        var correction = request.NewTimeline[0];
        correction.FromStage.Should().Be(new StageKey("overdue"));
        correction.ToStage.Should().Be(new StageKey("submitted"));
        correction.At.Should().Be(Now);
        correction.Detail.Should().Contain("2026-10-15").And.Contain("'overdue' on 2026-10-17")
            .And.Contain("overdue mark of 2026-10-17 is withdrawn")
            .And.Contain("notice 'overdue' to the requester (2026-10-17)")
            .And.Contain("letter 'chaser' to the body (2026-10-18)")
            .And.Contain("cannot be undone");
        correction.Detail.Should().NotContain("deadline_soon", "the reminder of 14 October came before the answer and was right");
    }

    [Fact]
    public void Answer_DatedBeforeAStageAPersonChose_StaysRefused_NamingThatStage()
    {
        var request = OverdueSince17October();
        request.Apply(new WorkflowEventInput(new EventKind("escalate"), Noon("2026-10-20")), Staff, Now, _context);
        request.MarkSaved();

        var early = () => request.Apply(new WorkflowEventInput(new EventKind("answered"), Noon("2026-10-19"), Outcome: new Outcome("complete")), Staff, Now, _context);

        var error = early.Should().Throw<BusinessRuleViolationException>().Which;
        error.Rule.Should().Be("EventCannotPrecedeStage");
        error.Message.Should().Contain("'complaint_filed' (2026-10-20)");
        request.Stage.Should().Be(new StageKey("complaint_filed"));
        request.NewTimeline.Should().BeEmpty();
    }

    [Fact]
    public void Note_DatedBeforeTheOverdueMark_MovesNothing_AndStaysRefused()
    {
        var request = OverdueSince17October();
        request.MarkSaved();

        var note = () => request.Apply(new WorkflowEventInput(new EventKind("note"), Noon("2026-10-15"), Note: "Called the office."), Citizen, Now, _context);

        note.Should().Throw<BusinessRuleViolationException>().Which.Message.Should().Contain("'overdue' (2026-10-1");
        request.Stage.Should().Be(new StageKey("overdue"));
        request.OverdueSince.Should().Be(new DateOnly(2026, 10, 17));
    }

    [Fact]
    public void Correction_SurvivesBeingStoredAndRestored_ThroughItsCheckpoint()
    {
        var request = OverdueSince17October();
        var stored = FoiRequest.Restore(Snapshot(request));

        stored.Apply(new WorkflowEventInput(new EventKind("answered"), Noon("2026-10-15"), Outcome: new Outcome("refused")), Staff, Now, _context);

        stored.Stage.Should().Be(new StageKey("refused"));
        stored.OverdueSince.Should().BeNull();
    }

    [Fact]
    public void Reminder_FiredAfterItsDeadlinePassed_IsRecordedAsSkipped_WithoutNotifying()
    {
        var request = TestWorkflow.File(_context, Noon("2026-11-26"), Noon("2026-11-02"));
        var reminder = request.ActiveTimers.Single(t => t.Kind.Value == "reminder");
        var effectsBefore = request.NewEffects.Count;

        request.FireTimer(reminder.Id, Noon("2026-11-26"), _context).Should().BeTrue();

        request.NewEffects.Should().HaveCount(effectsBefore);
        request.NewTimeline[^1].Detail.Should().StartWith("Skipped");
    }

    [Fact]
    public void Timer_OfAStageAlreadyLeft_IsStale_AndNeverFires()
    {
        var request = TestWorkflow.File(_context, Now, Noon("2026-11-20"));
        var deadline = request.ActiveTimers.Single(t => t.Kind.Value == "deadline_passed");
        request.Apply(new WorkflowEventInput(new EventKind("answered"), Now, Outcome: new Outcome("complete")), Citizen, Now, _context);

        request.FireTimer(deadline.Id, Now, _context).Should().BeFalse();

        request.Stage.Should().Be(new StageKey("answered"));
    }

    [Fact]
    public void Clarification_StopsTheClock_AndTheResumedDeadlineMovesByTheWorkingDaysItStoodStill()
    {
        // Sent Monday 2 Nov (due 16 Nov); clarification asked Wednesday 4 Nov, answered Monday 9 Nov:
        // Thursday 5 and Friday 6 stood still (the weekend would not have counted), so due 18 Nov.
        var request = TestWorkflow.File(_context, Now, Noon("2026-11-02"));
        request.Apply(new WorkflowEventInput(new EventKind("clarification_requested"), Noon("2026-11-04")), Citizen, Now, _context);
        request.ActiveTimers.Should().BeEmpty();

        request.Apply(new WorkflowEventInput(new EventKind("clarification_answered"), Noon("2026-11-09")), Citizen, Now, _context);

        request.Stage.Should().Be(new StageKey("resumed"));
        request.PausedDays.Should().Be(2);
        request.Deadlines.Single(d => d.Key == "response").Due.Should().Be(new DateOnly(2026, 11, 18));
    }

    [Fact]
    public void Close_ThenReopen_ReturnsToTheStageItLeft_WithFreshTimers()
    {
        var request = TestWorkflow.File(_context, Now, Noon("2026-11-20"));
        request.Apply(new WorkflowEventInput(new EventKind("close"), Now), Staff, Now, _context);
        request.Stage.Should().Be(new StageKey("closed"));

        request.Apply(new WorkflowEventInput(new EventKind("reopen"), Now), Staff, Now, _context);

        request.Stage.Should().Be(new StageKey("submitted"));
        request.ActiveTimers.Select(t => t.Kind.Value).Should().BeEquivalentTo(["reminder", "deadline_passed"]);
    }

    [Fact]
    public void EveryStep_WritesATimelineEntry_WithTheStatuteVersion_InOrder()
    {
        var request = TestWorkflow.File(_context, Now, Noon("2026-11-20"));
        request.Apply(new WorkflowEventInput(new EventKind("delivered"), Now, RegistrationNumber: "01-123/45"), Citizen, Now, _context);

        request.NewTimeline.Select(e => e.Kind).Should().Equal(TimelineKind.Filed, TimelineKind.Of(EventKind.Submit), TimelineKind.Of(new EventKind("delivered")));
        request.NewTimeline.Select(e => e.Seq).Should().Equal(1, 2, 3);
        request.NewTimeline.Should().OnlyContain(e => e.StatuteVersion == 1);
        request.RegistrationNumber.Should().Be("01-123/45");
        request.Stage.Should().Be(new StageKey("submitted"), "'delivered' is recorded without a transition");
    }

    /// <summary>Sent Thursday 1 October 2026 (due Friday 16 October), swept on 26 November: reminder, overdue on the 17th, chaser on the 18th.</summary>
    private FoiRequest OverdueSince17October()
    {
        var request = TestWorkflow.File(_context, Now, Noon("2026-10-01"));
        while (request.NextDueTimer(Now) is { } timer)
            request.FireTimer(timer.Id, Now, _context);
        request.Stage.Should().Be(new StageKey("overdue"));
        request.OverdueSince.Should().Be(new DateOnly(2026, 10, 17));
        return request;
    }

    private static RequestSnapshot Snapshot(FoiRequest request) => new(
        request.Id, request.Number, request.Body, request.StatuteId, request.StatuteVersion, request.Subject, request.Text, request.Requester,
        request.Owner, request.Stage, request.Outcome, request.CreatedAt, request.SubmittedAt, request.StageEnteredAt, request.ClockAnchor,
        request.PausedDays, request.PausedSince, request.RegistrationNumber, request.RegisteredOn, request.ForwardedFrom, request.ReopenStage,
        request.OverdueSince, request.Version, request.LastTimelineSeq, [.. request.ActiveTimers], [.. request.Deadlines],
        request.Checkpoint, request.ClockFromRegistration);

    [Fact]
    public void Annotate_WritesATimelineEntryWithoutChangingStageTimersOrEffects()
    {
        var request = TestWorkflow.File(_context, Now, submittedAt: Now);
        request.MarkSaved();
        var timers = request.ActiveTimers.ToList();

        request.Annotate(TimelineKind.Parse("mail:sent"), Now, WorkflowActor.System, "Request letter sent to info@example.org.", "mail:sent:1", _context);

        request.Stage.Should().Be(new StageKey("submitted"));
        request.ActiveTimers.Should().Equal(timers);
        request.NewEffects.Should().BeEmpty();
        request.NewTimeline.Should().ContainSingle().Which.Should().Match<TimelineEntry>(entry =>
            entry.Kind.Value == "mail:sent" && entry.FromStage == new StageKey("submitted") && entry.ToStage == new StageKey("submitted")
            && entry.EventKey == "mail:sent:1" && entry.Actor == "system");
    }
}

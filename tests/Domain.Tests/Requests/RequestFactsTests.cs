using FoiTracker.Domain.Requests;
using FoiTracker.Domain.Workflows;
using static FoiTracker.Domain.Tests.Requests.TestWorkflow;

namespace FoiTracker.Domain.Tests.Requests;

public sealed class RequestFactsTests
{
    // Sent Monday 2 November 2026: ten working days (GAC 40) → due Monday 16 November.
    private static readonly DateOnly Sent = new(2026, 11, 2);
    private static readonly DateOnly Due = new(2026, 11, 16);
    private static readonly DateTimeOffset Now = Noon("2026-11-26");
    private readonly IWorkflowContext _context = Context();

    [Fact]
    public void AnAnswerOnOrBeforeTheDueDate_MeetsTheDeadline_AndIsTheFirstSubstantiveAnswer()
    {
        var request = Saved(TestWorkflow.File(_context, Now, Noon("2026-11-02")));

        request.Apply(new WorkflowEventInput(new EventKind("answered"), Noon("2026-11-16"), Outcome: new Outcome("complete")), Citizen, Now, _context);
        var facts = RequestFacts.Of(request, _context);

        facts.SubmittedOn.Should().Be(Sent);
        facts.AnswerDue.Should().Be(Due);
        (facts.FirstAnswerOn, facts.FirstAnswerOutcome).Should().Be((Due, Outcome.Complete));
        facts.Deadlines.Should().ContainSingle().Which.Should().Be(new DeadlineFact("response", new StageKey("submitted"), Sent, Due, 0, DeadlineStatus.Met, Due));
        facts.OverdueSince.Should().BeNull();
    }

    [Fact]
    public void TheFilingStep_HasAnOpenDeadline_AndNoAnswer()
    {
        var facts = RequestFacts.Of(TestWorkflow.File(_context, Now, Noon("2026-11-02")), _context);

        facts.Deadlines.Should().ContainSingle().Which.Status.Should().Be(DeadlineStatus.Open);
        facts.FirstAnswerOn.Should().BeNull();
        facts.ClosedOn.Should().BeNull();
    }

    [Fact]
    public void TheDeadlineTimerFiringAfterTheDueDate_MissesTheDeadline_FromTheDayAfterIt()
    {
        var request = Saved(TestWorkflow.File(_context, Now, Noon("2026-11-02")));

        request.FireTimer(request.ActiveTimers.Single(timer => timer.Kind.Value == "deadline_passed").Id, Now, _context);
        var facts = RequestFacts.Of(request, _context);

        facts.OverdueSince.Should().Be(Due.AddDays(1));
        facts.Deadlines.Single(deadline => deadline.Key == "response").Should().Be(
            new DeadlineFact("response", new StageKey("submitted"), Sent, Due, 0, DeadlineStatus.Missed, Due.AddDays(1)));
        facts.Deadlines.Single(deadline => deadline.Key == "complaint_filing").Status.Should().Be(DeadlineStatus.Open);
    }

    [Fact]
    public void TheReminderFiringBeforeTheDueDate_SettlesNothing()
    {
        var request = Saved(TestWorkflow.File(_context, Now, Noon("2026-11-02")));

        request.FireTimer(request.ActiveTimers.Single(timer => timer.Kind.Value == "reminder").Id, Now, _context);

        RequestFacts.Of(request, _context).Deadlines.Should().BeEmpty("the reminder neither moved nor settled the deadline, so it stands as stored");
    }

    [Fact]
    public void AnAnswerAfterTheDueDate_IsTheFirstAnswer_AndMissesTheDeadlineItWasLateFor()
    {
        var request = Saved(TestWorkflow.File(_context, Now, Noon("2026-11-02")));

        // Recorded before any sweep ran: the due date passed without the answer.
        request.Apply(new WorkflowEventInput(new EventKind("answered"), Noon("2026-11-19"), Outcome: new Outcome("refused")), Citizen, Now, _context);
        var facts = RequestFacts.Of(request, _context);

        (facts.FirstAnswerOn, facts.FirstAnswerOutcome).Should().Be((new DateOnly(2026, 11, 19), Outcome.Refused));
        facts.Deadlines.Should().ContainSingle().Which.Should().Be(
            new DeadlineFact("response", new StageKey("submitted"), Sent, Due, 0, DeadlineStatus.Missed, Due.AddDays(1)));
    }

    [Fact]
    public void AClarificationStopsTheClock_AndSettlesNothing()
    {
        var request = Saved(TestWorkflow.File(_context, Now, Noon("2026-11-02")));

        request.Apply(new WorkflowEventInput(new EventKind("clarification_requested"), Noon("2026-11-04")), Citizen, Now, _context);

        RequestFacts.Of(request, _context).Deadlines.Should().BeEmpty("the clock stands still, but the days it stood are counted when it runs again");
    }

    [Fact]
    public void AComplaint_IsAnEscalationStepWithItsDate_AndMeetsTheWindowItWasFiledIn()
    {
        var request = Overdue();

        request.Apply(new WorkflowEventInput(new EventKind("escalate"), Noon("2026-11-20")), Staff, Now, _context);
        var facts = RequestFacts.Of(request, _context);

        facts.ComplaintFiledOn.Should().Be(new DateOnly(2026, 11, 20));
        facts.CourtFiledOn.Should().BeNull();
        facts.OverdueSince.Should().Be(Due.AddDays(1));
        facts.Deadlines.Single(deadline => deadline.Key == "complaint_filing").Should().Match<DeadlineFact>(
            deadline => deadline.Status == DeadlineStatus.Met && deadline.SettledOn == new DateOnly(2026, 11, 20));
        facts.Deadlines.Should().NotContain(deadline => deadline.Key == "response", "it was settled by the step that missed it, and this one left it as it was");
    }

    [Fact]
    public void AWithdrawal_ClosesTheRequest_WithoutMeetingItsDeadline()
    {
        var request = Saved(TestWorkflow.File(_context, Now, Noon("2026-11-02")));

        request.Apply(new WorkflowEventInput(new EventKind("withdraw"), Noon("2026-11-05")), Citizen, Now, _context);
        var facts = RequestFacts.Of(request, _context);

        facts.WithdrawnOn.Should().Be(new DateOnly(2026, 11, 5));
        facts.ClosedOn.Should().Be(new DateOnly(2026, 11, 5));
        facts.Deadlines.Should().BeEmpty("a withdrawal is not the body's act: the deadline is neither met nor moved");
        facts.FirstAnswerOn.Should().BeNull();
    }

    [Fact]
    public void AnAnswerRecordedLateButDatedInTime_MeetsTheDeadline_AndDropsTheDeadlinesOfTheOverdueStage()
    {
        var request = Overdue();

        request.Apply(new WorkflowEventInput(new EventKind("answered"), Noon("2026-11-13"), Outcome: new Outcome("complete")), Citizen, Now, _context);
        var facts = RequestFacts.Of(request, _context);

        facts.DeadlinesReplaced.Should().BeTrue();
        facts.OverdueSince.Should().BeNull();
        facts.Deadlines.Should().ContainSingle().Which.Should().Be(
            new DeadlineFact("response", new StageKey("submitted"), Sent, Due, 0, DeadlineStatus.Met, new DateOnly(2026, 11, 13)));
        facts.FirstAnswerOn.Should().Be(new DateOnly(2026, 11, 13));
    }

    private FoiRequest Overdue()
    {
        var request = Saved(TestWorkflow.File(_context, Now, Noon("2026-11-02")));
        request.FireTimer(request.ActiveTimers.Single(timer => timer.Kind.Value == "deadline_passed").Id, Now, _context);
        return Saved(request);
    }

    private static FoiRequest Saved(FoiRequest request)
    {
        request.MarkSaved();
        return request;
    }
}

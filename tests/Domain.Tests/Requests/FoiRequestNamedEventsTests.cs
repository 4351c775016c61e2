using FoiTracker.Domain.Common;
using FoiTracker.Domain.Requests;
using FoiTracker.Domain.Workflows;
using static FoiTracker.Domain.Tests.Requests.TestWorkflow;

namespace FoiTracker.Domain.Tests.Requests;

public sealed class FoiRequestNamedEventsTests
{
    private static readonly DateTimeOffset Now = Noon("2026-11-26");
    private readonly IWorkflowContext _context = Context();

    [Fact]
    public void Submit_SendsADraft_AndStartsItsClockOnTheDayItWasSent()
    {
        var request = TestWorkflow.File(_context, Now, submittedAt: null);

        request.Submit(Noon("2026-11-20"), Citizen, Now, _context);

        request.Stage.Should().Be(new StageKey("submitted"));
        request.SubmittedAt.Should().Be(Noon("2026-11-20"));
        request.ClockAnchor.Should().Be(new DateOnly(2026, 11, 20));
        request.NewTimeline[^1].Kind.Should().Be(TimelineKind.Of(EventKind.Submit));
    }

    [Fact]
    public void Answer_MovesTheRequestByItsOutcome_AndRecordsTheOutcome()
    {
        var request = TestWorkflow.File(_context, Noon("2026-11-20"), Noon("2026-11-20"));

        request.Answer(Outcome.Refused, Noon("2026-11-25"), Citizen, Now, _context, reference: "N-17");

        request.Stage.Should().Be(new StageKey("refused"));
        request.Outcome.Should().Be(Outcome.Refused);
        var entry = request.NewTimeline[^1];
        entry.Kind.Event.Should().Be(EventKind.Answered);
        EventDetail.OutcomeOf(entry.Detail).Should().Be(Outcome.Refused);
        EventDetail.ReferenceOf(entry.Detail).Should().Be("N-17");
    }

    [Fact]
    public void Answer_WithAnOutcomeTheStageDoesNotTake_BreaksTheRule()
    {
        var request = TestWorkflow.File(_context, Noon("2026-11-20"), Noon("2026-11-20"));

        var answer = () => request.Answer(Outcome.NotHeld, Noon("2026-11-25"), Citizen, Now, _context);

        answer.Should().Throw<BusinessRuleViolationException>().Which.Rule.Should().Be("EventNeedsOutcome");
    }

    [Fact]
    public void Reopen_ByStaff_ReturnsAWithdrawnRequestToTheStageItLeft()
    {
        var request = TestWorkflow.File(_context, Noon("2026-11-20"), Noon("2026-11-20"));
        request.Apply(new WorkflowEventInput(EventKind.Withdraw, Noon("2026-11-24")), Citizen, Now, _context);

        request.Reopen(Now, Staff, Now, _context);

        request.Stage.Should().Be(new StageKey("submitted"));
        request.ReopenStage.Should().BeNull();
    }

    [Fact]
    public void Annotate_RefusesAnEventOrATimer_WhichOnlyTheWorkflowWrites()
    {
        var request = TestWorkflow.File(_context, Noon("2026-11-20"), Noon("2026-11-20"));

        var forged = () => request.Annotate(TimelineKind.Of(EventKind.Answered), Now, Staff, null, "key-1", _context);

        forged.Should().Throw<ArgumentException>();
        request.NewTimeline.Should().NotContain(entry => entry.Kind.IsEvent && entry.Kind.Event == EventKind.Answered);
    }
}

using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Requests;
using FoiTracker.Domain.Statutes;
using FoiTracker.Domain.Workflows;
using static FoiTracker.Infrastructure.Tests.Statutes.Seeds;

namespace FoiTracker.Infrastructure.Tests.Statutes;

/// <summary>
/// The request lifecycle each statute's seed file describes: every stage can be reached and left,
/// ends somewhere, and counts only on the statute's own deadlines. A UK request is then driven up
/// its appeal ladder through the domain, as the sweep and the staff would.
/// </summary>
public class WorkflowSeedTests
{
    private static readonly WorkflowActor Citizen = new(WorkflowActor.RequesterKind, Guid.Parse("00000000-0000-0000-0000-0000000000c1"), "Sarah");

    private static readonly string[] Outcomes = ["complete", "partial", "refused", "not_held", "forwarded"];

    public static TheoryData<string> StatuteIds()
    {
        var data = new TheoryData<string>();
        foreach (var id in Catalog.StatuteIds)
            data.Add(id.Value);
        return data;
    }

    [Theory]
    [MemberData(nameof(StatuteIds))]
    public void EveryStatute_HasAWorkflow(string id) =>
        Catalog.GetStatute(id).Workflow.Should().NotBeNull($"{id}.json carries the request lifecycle as data");

    [Theory]
    [MemberData(nameof(StatuteIds))]
    public void TheDraft_AcceptsSubmit_WhichSendsTheRequestLetterToTheBody(string id)
    {
        var workflow = WorkflowOf(id);

        var submit = workflow.Stage(workflow.DraftStage).Events.Should().ContainKey(new EventKind("submit")).WhoseValue;
        submit.To.Should().Be(workflow.SubmittedStage);
        submit.Effects.Should().ContainSingle(e => e.Kind == WorkflowEffect.Letter && e.Name == "request" && e.Recipient == "body");
    }

    [Theory]
    [MemberData(nameof(StatuteIds))]
    public void TheDraft_AcceptsPrint_WhichMakesTheRequestLetter_AndWaitsWithoutAClockUntilSubmit(string id)
    {
        var workflow = WorkflowOf(id);

        workflow.ReadyToPrintStage.Should().Be(new StageKey("ready_to_print"));
        var print = workflow.Stage(workflow.DraftStage).Events.Should().ContainKey(EventKind.Print).WhoseValue;
        print.Effects.Should().ContainSingle(e => e.Kind == WorkflowEffect.Letter && e.Name == "request" && e.Recipient == "body");
        var readyToPrint = workflow.Stage(print.To!.Value);
        readyToPrint.Clock.Should().BeNull("the body does not have the letter yet");
        readyToPrint.Timers.Should().BeEmpty();
        var submit = readyToPrint.Events.Should().ContainKey(EventKind.Submit).WhoseValue;
        submit.To.Should().Be(workflow.SubmittedStage);
        submit.Effects.Should().BeEmpty("the letter was made when the request was printed");
    }

    [Theory]
    [MemberData(nameof(StatuteIds))]
    public void EveryStage_IsReachableFromTheDraft(string id)
    {
        var workflow = WorkflowOf(id);

        var reached = Reachable(Starts(workflow), stage => Successors(workflow, workflow.Stage(stage)));

        workflow.Stages.Select(stage => stage.Key).Except(reached).Should().BeEmpty($"every stage of {id} can be reached by events or timers");
    }

    [Theory]
    [MemberData(nameof(StatuteIds))]
    public void EveryOpenStage_HasAWayOut(string id)
    {
        var workflow = WorkflowOf(id);
        foreach (var stage in workflow.Stages.Where(stage => !stage.Terminal))
            Successors(workflow, stage).Should().Contain(next => next != stage.Key, $"{id} stage '{stage.Key}' is not a dead end");
    }

    [Theory]
    [MemberData(nameof(StatuteIds))]
    public void EveryReachableStage_LeadsEventuallyToATerminalStage(string id)
    {
        var workflow = WorkflowOf(id);
        var predecessors = workflow.Stages
            .SelectMany(stage => Successors(workflow, stage).Select(next => (From: stage.Key, To: next)))
            .ToLookup(edge => edge.To, edge => edge.From);
        var reachable = Reachable(Starts(workflow), stage => Successors(workflow, workflow.Stage(stage)));

        // Walk backwards from the terminal stages: whatever is found can end.
        var canEnd = new HashSet<StageKey>();
        foreach (var terminal in workflow.Stages.Where(stage => stage.Terminal))
            canEnd.UnionWith(Reachable([terminal.Key], stage => predecessors[stage]));

        workflow.Stages.Should().Contain(stage => stage.Terminal);
        reachable.Except(canEnd).Should().BeEmpty($"every stage of {id} can end in a terminal stage");
    }

    [Theory]
    [MemberData(nameof(StatuteIds))]
    public void EveryClockAndTimer_CountsOnOneOfTheStatutesDeadlines(string id)
    {
        var statute = Catalog.GetStatute(id);
        var keys = statute.DeadlineKeys;

        foreach (var stage in statute.Workflow!.Stages)
        {
            if (stage.Clock is not null)
                keys.Should().Contain(stage.Clock, $"{id} stage '{stage.Key}' runs on one of its statute's deadlines");
            foreach (var timer in stage.Timers.Where(timer => timer.Deadline is not null))
                keys.Should().Contain(timer.Deadline!, $"{id} timer '{stage.Key}.{timer.Kind}' counts on one of its statute's deadlines");
        }
    }

    [Theory]
    [MemberData(nameof(StatuteIds))]
    public void EveryClock_ArmsATimerOnItsDeadline(string id)
    {
        // A deadline no timer watches would pass without anyone hearing of it.
        foreach (var stage in WorkflowOf(id).Stages.Where(stage => stage.Clock is not null))
            stage.Timers.Should().Contain(timer => timer.Deadline == stage.Clock, $"{id} stage '{stage.Key}' watches its clock '{stage.Clock}'");
    }

    [Theory]
    [MemberData(nameof(StatuteIds))]
    public void SomeStage_IsOverdue_AndADeadlineTimerLeadsThere(string id)
    {
        var workflow = WorkflowOf(id);
        var overdue = workflow.Stages.Where(stage => stage.Overdue).Select(stage => stage.Key).ToList();

        overdue.Should().NotBeEmpty($"{id} marks where a missed deadline leads");
        workflow.Stage(workflow.SubmittedStage).Timers.Should().Contain(
            timer => timer.Deadline != null && timer.To != null && overdue.Contains(timer.To.Value),
            "the response deadline passing makes the request overdue");
    }

    [Theory]
    [MemberData(nameof(StatuteIds))]
    public void EveryAnswer_IsClassifiedWithTheSameFiveOutcomes(string id)
    {
        foreach (var stage in WorkflowOf(id).Stages.Where(stage => stage.Events.ContainsKey(new EventKind("answered"))))
            stage.Events[EventKind.Answered].ToByOutcome.Keys.Select(outcome => outcome.Value).Should().BeEquivalentTo(Outcomes, $"{id} stage '{stage.Key}' classifies answers like every statute");
    }

    [Fact]
    public void AStageKeyMarkedOverdue_IsOverdueInEveryStatuteThatHasIt()
    {
        // The "overdue" request filter unions stage keys across statutes, so a key must mean the same everywhere.
        var stages = Catalog.StatuteIds
            .SelectMany(id => WorkflowOf(id.Value).Stages.Select(stage => (Statute: id.Value, stage.Key, stage.Overdue)))
            .GroupBy(stage => stage.Key);

        foreach (var key in stages)
            key.Select(stage => stage.Overdue).Distinct().Should().ContainSingle($"stage '{key.Key}' is overdue in all statutes or none ({string.Join(", ", key.Select(s => $"{s.Statute}: {s.Overdue}"))})");
    }

    [Fact]
    public void UkRequest_ClimbsTheLadder_FromSilenceToInternalReviewToTheCommissionerToTheTribunal()
    {
        var (statute, context) = Uk();
        // Sent on Monday 2 February 2026, 10:00 London (GMT).
        var sent = new DateTimeOffset(2026, 2, 2, 10, 0, 0, TimeSpan.Zero);
        var request = FileRequest(statute, context, sent);

        request.Stage.Should().Be(new StageKey("submitted"));
        // s.10(1): 20 working days from Tuesday 3 February: 3–6 Feb (4), 9–13 (9), 16–20 (14), 23–27 (19), Mon 2 Mar (20).
        DueOf(request, "response").Should().Be(new DateOnly(2026, 3, 2));
        request.NewEffects.Should().ContainSingle(e => e.Kind == "letter" && e.Name == "request" && e.Recipient == "body");

        // No answer: the deadline timer fires at the start of Tuesday 3 March, London time.
        Fire(request, "deadline_passed", context).DueAt.Should().Be(new DateTimeOffset(2026, 3, 3, 0, 0, 0, TimeSpan.Zero));
        request.Stage.Should().Be(new StageKey("overdue"));
        request.OverdueSince.Should().Be(new DateOnly(2026, 3, 3));
        request.ActiveTimers.Should().ContainSingle(t => t.Kind.Value == "chaser");

        // Internal review asked on Tuesday 10 March.
        var reviewAsked = new DateTimeOffset(2026, 3, 10, 10, 0, 0, TimeSpan.Zero);
        Apply(request, context, "escalate", reviewAsked);
        request.Stage.Should().Be(new StageKey("internal_review_requested"));
        request.ActiveTimers.Should().NotContain(t => t.Kind.Value == "chaser", "leaving the overdue stage disarms its chaser");
        request.NewEffects.Should().Contain(e => e.Kind == "letter" && e.Name == "internal_review" && e.Recipient == "body");
        // Code of Practice para 5.5: 20 working days from Wednesday 11 March: 11–13 Mar (3), 16–20 (8), 23–27 (13),
        // 30–31 (15), 1–2 Apr (17); Good Friday 3 April and Easter Monday 6 April are bank holidays; 7, 8, 9 Apr (20).
        DueOf(request, "internal_review_response").Should().Be(new DateOnly(2026, 4, 9));

        // No review outcome: overdue at the start of Friday 10 April, British Summer Time (23:00 UTC the day before).
        Fire(request, "decision_due", context).DueAt.Should().Be(new DateTimeOffset(2026, 4, 9, 23, 0, 0, TimeSpan.Zero));
        request.Stage.Should().Be(new StageKey("review_overdue"));

        Apply(request, context, "escalate", new DateTimeOffset(2026, 4, 20, 9, 0, 0, TimeSpan.Zero));
        request.Stage.Should().Be(new StageKey("ico_complaint"));
        request.NewEffects.Should().Contain(e => e.Kind == "letter" && e.Name == "ico_complaint" && e.Recipient == "complaint_body");

        // The decision notice goes against the requester on Monday 7 September: 28 days from Tuesday 8 September end on Monday 5 October.
        Apply(request, context, "commissioner_decided", new DateTimeOffset(2026, 9, 7, 9, 0, 0, TimeSpan.Zero), outcome: "rejected");
        request.Stage.Should().Be(new StageKey("ico_rejected"));
        request.Outcome.Should().Be(Outcome.Rejected);
        DueOf(request, "tribunal_appeal").Should().Be(new DateOnly(2026, 10, 5));

        Apply(request, context, "escalate", new DateTimeOffset(2026, 9, 21, 9, 0, 0, TimeSpan.Zero));
        request.Stage.Should().Be(new StageKey("tribunal_appeal"));
        request.NewEffects.Should().Contain(e => e.Kind == "letter" && e.Name == "tribunal_appeal" && e.Recipient == "court");
        request.ActiveTimers.Should().BeEmpty("the tribunal stage arms no timer");

        Apply(request, context, "court_decided", new DateTimeOffset(2027, 3, 1, 9, 0, 0, TimeSpan.Zero), outcome: "won");
        request.Stage.Should().Be(new StageKey("closed"));
    }

    [Fact]
    public void UkRequest_AnsweredLate_StartsTheInternalReviewWindow()
    {
        var (statute, context) = Uk();
        var request = FileRequest(statute, context, new DateTimeOffset(2026, 2, 2, 10, 0, 0, TimeSpan.Zero));
        Fire(request, "deadline_passed", context);

        // A refusal notice on Wednesday 4 March: 40 working days to ask for a review: 5–31 Mar (19), 1–2 Apr (21),
        // Good Friday 3 and Easter Monday 6 April skipped, 7–30 Apr (39), Friday 1 May (40).
        Apply(request, context, "answered", new DateTimeOffset(2026, 3, 4, 12, 0, 0, TimeSpan.Zero), outcome: "refused");

        request.Stage.Should().Be(new StageKey("refused"));
        DueOf(request, "internal_review_request").Should().Be(new DateOnly(2026, 5, 1));
        request.ActiveTimers.Select(t => t.Kind.Value).Should().BeEquivalentTo("review_reminder", "review_window_closed");
    }

    [Fact]
    public void UkClarification_RestartsTheTwentyDays_FromTheFurtherInformation()
    {
        var (statute, context) = Uk();
        var request = FileRequest(statute, context, new DateTimeOffset(2026, 2, 2, 10, 0, 0, TimeSpan.Zero));

        Apply(request, context, "clarification_requested", new DateTimeOffset(2026, 2, 4, 10, 0, 0, TimeSpan.Zero));
        request.Stage.Should().Be(new StageKey("awaiting_clarification"));
        request.ActiveTimers.Should().BeEmpty("no deadline runs while the authority waits for the further information");
        Apply(request, context, "clarification_answered", new DateTimeOffset(2026, 2, 9, 10, 0, 0, TimeSpan.Zero));

        // s.10(6)(b): received on Monday 9 February → 20 working days: 10–13 Feb (4), 16–20 (9), 23–27 (14), 2–6 Mar (19), Mon 9 Mar (20).
        request.Stage.Should().Be(new StageKey("submitted_resumed"));
        DueOf(request, "response").Should().Be(new DateOnly(2026, 3, 9));
    }

    [Fact]
    public void UsClarification_TollsTheTwentyDays_AndTheClockContinues()
    {
        var statute = Catalog.GetStatute("us-foia");
        var context = new StatuteWorkflowContext(statute, Catalog.CalendarOf(statute), statute.Workflow!);
        var request = FileRequest(statute, context, new DateTimeOffset(2026, 2, 2, 15, 0, 0, TimeSpan.Zero));
        // 20 working days from Tuesday 3 February, Presidents' Day (16 Feb) skipped: 3–6 (4), 9–13 (9), 17–20 (13), 23–27 (18), 2–3 Mar (20).
        DueOf(request, "response").Should().Be(new DateOnly(2026, 3, 3));

        Apply(request, context, "clarification_requested", new DateTimeOffset(2026, 2, 4, 15, 0, 0, TimeSpan.Zero));
        Apply(request, context, "clarification_answered", new DateTimeOffset(2026, 2, 9, 15, 0, 0, TimeSpan.Zero));

        // Asked on Wednesday, answered on Monday: Thursday 5 and Friday 6 February were tolled, so the due date moves two working days.
        request.Stage.Should().Be(new StageKey("submitted_resumed"));
        DueOf(request, "response").Should().Be(new DateOnly(2026, 3, 5));
    }

    private static (Statute Statute, StatuteWorkflowContext Context) Uk()
    {
        var statute = Catalog.GetStatute("uk-foia");
        return (statute, new StatuteWorkflowContext(statute, Catalog.CalendarOf(statute), statute.Workflow!));
    }

    private static FoiRequest FileRequest(Statute statute, IWorkflowContext context, DateTimeOffset sent) =>
        FoiRequest.File(
            RequestId.New(), RequestNumber.From(2026, 1), PublicBodyKey.Create("test-authority"), statute.Id.Value,
            "Contracts 2025", "Please send the 2025 contracts register.", new Requester("Sarah Mitchell", EmailAddress.Create("sarah@example.org"), null),
            null, Citizen, sent, sent, context);

    private static void Apply(FoiRequest request, IWorkflowContext context, string kind, DateTimeOffset at, string? outcome = null) =>
        request.Apply(new WorkflowEventInput(new EventKind(kind), at, Outcome: outcome is null ? null : new Outcome(outcome)), Citizen, at, context);

    /// <summary>Fires the request's armed timer of a kind, as the sweep would a little after it fell due.</summary>
    private static ArmedTimer Fire(FoiRequest request, string kind, IWorkflowContext context)
    {
        var timer = request.ActiveTimers.Should().ContainSingle(t => t.Kind == new TimerKind(kind)).Which;
        request.FireTimer(timer.Id, timer.DueAt.AddHours(9), context).Should().BeTrue();
        return timer;
    }

    private static DateOnly DueOf(FoiRequest request, string key) =>
        request.Deadlines.Should().ContainSingle(d => d.Key == key).Which.Due;

    private static WorkflowDefinition WorkflowOf(string id) =>
        Catalog.GetStatute(id).Workflow ?? throw new InvalidOperationException($"{id} has no workflow.");

    /// <summary>Where a request starts: a draft, or a request forwarded by another body (GAC 80).</summary>
    private static StageKey[] Starts(WorkflowDefinition workflow) =>
        workflow.ForwardedStage is { } forwarded ? [workflow.DraftStage, forwarded] : [workflow.DraftStage];

    /// <summary>
    /// The stages an event or a timer of the stage leads to, on any of the statute's routes
    /// ("$reopen" only returns to a stage already visited).
    /// </summary>
    private static IEnumerable<StageKey> Successors(WorkflowDefinition workflow, StageDefinition stage) =>
        stage.Events.Values
            .SelectMany(e => e.ToByOutcome.Values.Select(target => (StageKey?)target).Append(e.To))
            .Concat(stage.Timers.Select(timer => timer.To))
            .OfType<StageKey>()
            .Where(target => target != StageKey.Reopen)
            .SelectMany(target => workflow.Routes.Select(route => workflow.OnRoute(route.Key, target)).Append(target))
            .Distinct();

    private static HashSet<StageKey> Reachable(IEnumerable<StageKey> starts, Func<StageKey, IEnumerable<StageKey>> next)
    {
        var seen = new HashSet<StageKey>(starts);
        var queue = new Queue<StageKey>(seen);
        while (queue.TryDequeue(out var stage))
        {
            foreach (var successor in next(stage))
            {
                if (seen.Add(successor))
                    queue.Enqueue(successor);
            }
        }

        return seen;
    }
}

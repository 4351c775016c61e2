using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Calendars;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Requests;
using FoiTracker.Domain.Workflows;
using static FoiTracker.Domain.Tests.Requests.TestWorkflow;

namespace FoiTracker.Domain.Tests.Requests;

/// <summary>
/// A route fixed at filing from the body's kind (LSG 62(2): the Mayor's acts go straight to court)
/// and a duty watched by a flag (GAC 41: written reasons for a refusal within 3 working days).
/// </summary>
public sealed class RouteAndFlagTests
{
    private static readonly DateTimeOffset Now = Noon("2026-11-26");

    [Fact]
    public void ARequestToABodyOfARoutesKind_KeepsThatRoute_AndAMissedDeadlineLeadsToTheRoutesStage()
    {
        var context = Context(Routes());
        var request = FileTo(BodyKind.Mayor, context, Noon("2026-11-02"));

        request.Route.Should().Be("direct_to_court");
        FireDue(request, "deadline_passed", context);

        request.Stage.Should().Be(new StageKey("overdue_court_route"));
        request.Apply(new WorkflowEventInput(new EventKind("escalate"), Now), Citizen, Now, context);
        request.Stage.Should().Be(new StageKey("court_filed"));
    }

    [Fact]
    public void ARequestToAnyOtherBody_TakesTheDefaultRoute_AndTheOrdinaryStages()
    {
        var context = Context(Routes());
        var request = FileTo(BodyKind.CityHall, context, Noon("2026-11-02"));

        request.Route.Should().Be("administrative_complaint");
        FireDue(request, "deadline_passed", context);

        request.Stage.Should().Be(new StageKey("overdue"));
        request.Apply(new WorkflowEventInput(new EventKind("escalate"), Now), Citizen, Now, context);
        request.Stage.Should().Be(new StageKey("complaint_filed"));
    }

    [Fact]
    public void ARouteMappingAStageOntoAnotherMappedStage_IsRefused()
    {
        var chained = new RouteDefinition("direct_to_court", ["mayor"], null, null,
            new Dictionary<StageKey, StageKey> { [new("overdue")] = new("overdue_court_route"), [new("overdue_court_route")] = new("overdue") });

        var build = () => Definition([chained]);

        build.Should().Throw<ArgumentException>().WithMessage("*maps on again*");
    }

    [Fact]
    public void TwoRoutesWithoutBodyKinds_AreRefused_ForOnlyOneCanBeTheDefault()
    {
        var build = () => Definition([Default("one"), Default("two")]);

        build.Should().Throw<ArgumentException>().WithMessage("*only one route can be the default*");
    }

    [Fact]
    public void ARefusal_WithoutReasonsByTheDeadline_IsFlaggedOnce_AndReasonsDatedInTimeLiftTheFlag()
    {
        var context = Context(Routes());
        var request = FileTo(BodyKind.CityHall, context, Noon("2026-11-02"));
        request.Apply(new WorkflowEventInput(new EventKind("answered"), Noon("2026-11-05"), Outcome: new Outcome("refused")), Citizen, Noon("2026-11-05"), context);
        // Three working days from Friday 6 November: 6, 9, 10 → due Tuesday 10 November.
        request.Deadlines.Should().ContainSingle(d => d.Key == "refusal_explanation").Which.Due.Should().Be(new DateOnly(2026, 11, 10));

        FireDue(request, "refusal_reasons_missing", context);

        request.Flags.Should().Equal(new RequestFlag("refused_without_reasons", "refusal_explanation", new DateOnly(2026, 11, 11)));
        request.NewTimeline.Should().ContainSingle(entry => entry.Kind.Value == "flag:refused_without_reasons");

        request.Apply(new WorkflowEventInput(new EventKind("refusal_reasons_received"), Noon("2026-11-09")), Citizen, Now, context);

        request.Flags.Should().BeEmpty("the reasons were dated within the 3 working days");
        request.NewTimeline.Should().ContainSingle(entry => entry.Kind.Value == "flag_lifted:refused_without_reasons");
    }

    private static void FireDue(FoiRequest request, string kind, IWorkflowContext context)
    {
        var timer = request.ActiveTimers.Single(t => t.Kind == new TimerKind(kind));
        request.FireTimer(timer.Id, timer.DueAt.AddHours(1), context).Should().BeTrue();
    }

    private static FoiRequest FileTo(BodyKind kind, IWorkflowContext context, DateTimeOffset sent) =>
        FoiRequest.File(
            RequestId.New(), RequestNumber.From(2026, 1), PublicBodyKey.Create("ge-gori-body"), "ge-gac", "Budget", "Please send the budget.",
            new Requester("Nino", EmailAddress.Create("nino@example.ge"), null), null, Citizen, Now, sent, context, bodyKind: kind);

    private static StatuteWorkflowContext Context(IEnumerable<RouteDefinition> routes)
    {
        var calendar = TestCalendars.Georgia();
        return new StatuteWorkflowContext(TestCalendars.GeorgianGac(calendar), calendar, Definition(routes));
    }

    private static RouteDefinition[] Routes() =>
    [
        Default("administrative_complaint"),
        new("direct_to_court", ["mayor", "municipal_council"], "LSG 62(2)", null, new Dictionary<StageKey, StageKey> { [new("overdue")] = new("overdue_court_route") }),
    ];

    private static RouteDefinition Default(string key) => new(key, [], null, null, new Dictionary<StageKey, StageKey>());

    private static WorkflowDefinition Definition(IEnumerable<RouteDefinition> routes)
    {
        var answers = new Dictionary<Outcome, StageKey> { [Outcome.Refused] = new("refused") };
        StageDefinition[] stages =
        [
            Stage("draft", events: [Event("submit", "submitted")]),
            Stage("submitted", clock: "response", timers: [new TimerDefinition(new TimerKind("deadline_passed"), "response", 0, new StageKey("overdue"), [], SkipWhenLate: false)],
                events: [new EventDefinition(new EventKind("answered"), null, answers, AllowedSender.Requester, [], null)]),
            Stage("overdue", clock: "complaint_filing", events: [Event("escalate", "complaint_filed")]),
            Stage("overdue_court_route", events: [Event("escalate", "court_filed")]),
            Stage("refused", clock: "complaint_filing",
                timers: [new TimerDefinition(new TimerKind("refusal_reasons_missing"), "refusal_explanation", 0, null, [], SkipWhenLate: false, Flag: "refused_without_reasons")],
                events: [new EventDefinition(new EventKind("refusal_reasons_received"), null, new Dictionary<Outcome, StageKey>(), AllowedSender.Requester, [], null, Satisfies: "refusal_explanation")]),
            Stage("complaint_filed"),
            Stage("court_filed"),
        ];
        return new WorkflowDefinition(new StageKey("draft"), new StageKey("submitted"), stages, routes, [new FlagDefinition("refused_without_reasons", new MultilingualName("Refused without written reasons (GAC 41)"), "GAC 41")]);
    }

    private static StageDefinition Stage(string key, string? clock = null, TimerDefinition[]? timers = null, EventDefinition[]? events = null) =>
        new(new StageKey(key), new MultilingualName(key), clock, ClockStart.StageEntry, false, false, false, timers ?? [], (events ?? []).ToDictionary(e => e.Kind));

    private static EventDefinition Event(string kind, string to) => new(new EventKind(kind), new StageKey(to), new Dictionary<Outcome, StageKey>(), AllowedSender.Requester, [], null);
}

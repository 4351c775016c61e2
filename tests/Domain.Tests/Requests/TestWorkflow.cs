using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Calendars;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Requests;
using FoiTracker.Domain.Workflows;

namespace FoiTracker.Domain.Tests.Requests;

/// <summary>A small Georgian-style workflow built in code, on the Georgian test calendar.</summary>
internal static class TestWorkflow
{
    public static readonly WorkflowActor Citizen = new(WorkflowActor.RequesterKind, Guid.Parse("00000000-0000-0000-0000-00000000000a"), "Nino");
    public static readonly WorkflowActor Staff = new(WorkflowActor.StaffKind, Guid.Parse("00000000-0000-0000-0000-00000000000b"), "Staff");

    private static readonly Dictionary<EventKind, EventDefinition> Common = new()
    {
        [EventKind.Withdraw] = Event("withdraw", "withdrawn", AllowedSender.Requester),
        [new EventKind("close")] = Event("close", "closed", AllowedSender.Staff),
        [new EventKind("note")] = Event("note", null, AllowedSender.Requester),
    };

    public static IWorkflowContext Context()
    {
        var calendar = TestCalendars.Georgia();
        var answers = new Dictionary<Outcome, StageKey> { [Outcome.Complete] = new("answered"), [Outcome.Refused] = new("refused") };
        TimerDefinition[] responseTimers =
        [
            new(new TimerKind("reminder"), "response", -2, null, [new WorkflowEffect(WorkflowEffect.Notify, "deadline_soon", "requester")], SkipWhenLate: true),
            new(new TimerKind("deadline_passed"), "response", 0, new StageKey("overdue"), [new WorkflowEffect(WorkflowEffect.Notify, "overdue", "requester")], SkipWhenLate: false),
        ];
        StageDefinition[] stages =
        [
            Stage("draft", events: [Event("submit", "submitted", AllowedSender.Requester, new WorkflowEffect(WorkflowEffect.Letter, "request", "body"))]),
            Stage("submitted", clock: "response", timers: responseTimers, events:
            [
                Event("answered", answers),
                Event("clarification_requested", "paused", AllowedSender.Requester),
                Event("delivered", null, AllowedSender.Requester),
            ]),
            Stage("paused", pauses: true, events: [Event("clarification_answered", "resumed", AllowedSender.Requester)]),
            Stage("resumed", clock: "response", start: ClockStart.Continue, timers: responseTimers, events: [Event("answered", answers)]),
            Stage("overdue", clock: "complaint_filing", overdue: true,
                timers: [new TimerDefinition(new TimerKind("chaser"), null, 1, null, [new WorkflowEffect(WorkflowEffect.Letter, "chaser", "body")], SkipWhenLate: false)],
                events: [Event("answered", answers), Event("escalate", "complaint_filed", AllowedSender.Staff, new WorkflowEffect(WorkflowEffect.Letter, "complaint", "complaint_body"))]),
            Stage("answered"),
            Stage("refused", events: [Event("escalate", "complaint_filed", AllowedSender.Staff)]),
            Stage("complaint_filed"),
            Stage("closed", terminal: true, events: [Event("reopen", StageKey.Reopen.Value, AllowedSender.Staff)]),
            Stage("withdrawn", terminal: true, events: [Event("reopen", StageKey.Reopen.Value, AllowedSender.Staff)]),
        ];
        var definition = new WorkflowDefinition(new StageKey("draft"), new StageKey("submitted"), stages);
        return new StatuteWorkflowContext(TestCalendars.GeorgianGac(calendar), calendar, definition);
    }

    public static FoiRequest File(IWorkflowContext context, DateTimeOffset now, DateTimeOffset? submittedAt) =>
        FoiRequest.File(
            RequestId.New(), RequestNumber.From(2026, 1), PublicBodyKey.Create("ge-gori-city-hall"), "ge-gac",
            "Budget 2025", "Please send the 2025 budget.", new Requester("Nino", EmailAddress.Create("nino@example.ge"), null),
            null, Citizen, now, submittedAt, context);

    /// <summary>Noon in Tbilisi (UTC+4) on a legal date.</summary>
    public static DateTimeOffset Noon(string date) =>
        new DateTimeOffset(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(4)).ToUniversalTime();

    private static StageDefinition Stage(
        string key, string? clock = null, ClockStart start = ClockStart.StageEntry, bool pauses = false, bool terminal = false, bool overdue = false,
        TimerDefinition[]? timers = null, EventDefinition[]? events = null)
    {
        var map = (events ?? []).ToDictionary(e => e.Kind);
        if (!terminal)
        {
            foreach (var (kind, definition) in Common)
                map.TryAdd(kind, definition);
        }

        return new StageDefinition(new StageKey(key), new MultilingualName(key), clock, start, pauses, terminal, overdue, timers ?? [], map);
    }

    private static EventDefinition Event(string kind, string? to, AllowedSender sender, params WorkflowEffect[] effects) =>
        new(new EventKind(kind), to is null ? null : StageKey.Target(to), new Dictionary<Outcome, StageKey>(), sender, effects, null);

    private static EventDefinition Event(string kind, Dictionary<Outcome, StageKey> byOutcome) =>
        new(new EventKind(kind), null, byOutcome, AllowedSender.Requester, [], null);
}

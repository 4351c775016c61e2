using FoiTracker.Domain.Calendars;

namespace FoiTracker.Domain.Workflows;

/// <summary>Who may send an event: the requester (or staff acting for them), or staff only.</summary>
public enum AllowedSender
{
    Requester = 1,
    Staff = 2,
}

/// <summary>What a step produces: a letter of a kind, or a notification to someone.</summary>
public sealed record WorkflowEffect(string Kind, string Name, string Recipient)
{
    public const string Letter = "letter";
    public const string Notify = "notify";
}

/// <summary>
/// A timer a stage arms when it is entered. It fires at the start of the local day
/// <see cref="OffsetDays"/> days after the last day of <see cref="Deadline"/> (so offset 0 fires
/// the moment the deadline has passed, and -3 three days before that) — or, without a deadline,
/// <see cref="OffsetDays"/> days after the stage was entered — applies its effects and, with
/// <see cref="To"/>, moves the request on. Leaving the stage cancels it. The stage a deadline timer
/// moves the request to counts its own windows from that deadline's last day: the law opens them
/// when the deadline passes (GAC 178, APC 22(3)), so their first day is the day after the missed due date.
/// With <see cref="Flag"/> it marks the request with a missed duty (no written reasons for a refusal, GAC 41).
/// </summary>
public sealed record TimerDefinition(
    TimerKind Kind,
    string? Deadline,
    int OffsetDays,
    StageKey? To,
    IReadOnlyList<WorkflowEffect> Effects,
    bool SkipWhenLate,
    string? Flag = null);

/// <summary>
/// An event a stage accepts. <see cref="To"/> is the next stage (null: the request stays where it
/// is and the event is only recorded); <see cref="ToByOutcome"/> picks the stage by the outcome the
/// event carries (an answer that is complete, partial, refused…). <see cref="Satisfies"/> names a
/// deadline the event fulfils (the written reasons for a refusal, GAC 41): the stage's timers on it
/// are disarmed, and the flag they would raise is decided by the event's own date.
/// </summary>
public sealed record EventDefinition(
    EventKind Kind,
    StageKey? To,
    IReadOnlyDictionary<Outcome, StageKey> ToByOutcome,
    AllowedSender AllowedSender,
    IReadOnlyList<WorkflowEffect> Effects,
    MultilingualName? Description,
    string? Satisfies = null)
{
    public bool NeedsOutcome => ToByOutcome.Count > 0;
}

/// <summary>How the deadline clock of a stage starts.</summary>
public enum ClockStart
{
    /// <summary>From the legal date the stage was entered on.</summary>
    StageEntry = 1,

    /// <summary>The running clock goes on from its first anchor (an extension notice, a resumed pause).</summary>
    Continue = 2,
}

public sealed record StageDefinition(
    StageKey Key,
    MultilingualName Name,
    string? Clock,
    ClockStart ClockStart,
    bool PausesClock,
    bool Terminal,
    bool Overdue,
    IReadOnlyList<TimerDefinition> Timers,
    IReadOnlyDictionary<EventKind, EventDefinition> Events);

/// <summary>
/// A way up the statute's ladder that depends on the body a request goes to, fixed when the request
/// is filed. In Georgia the acts of the Mayor and of the Sakrebulo are not open to an administrative
/// complaint: they go straight to court (LSG 62(2)). On a route, entering a stage named in
/// <see cref="Stages"/> enters the stage it maps to instead. A route that names no body kinds is the
/// one every other body takes.
/// </summary>
public sealed record RouteDefinition(
    string Key,
    IReadOnlyCollection<string> BodyKinds,
    string? Citation,
    MultilingualName? Description,
    IReadOnlyDictionary<StageKey, StageKey> Stages)
{
    public bool IsDefault => BodyKinds.Count == 0;
}

/// <summary>A missed duty a timer can mark a request with, named for people and statistics.</summary>
public sealed record FlagDefinition(string Key, MultilingualName Name, string? Citation);

/// <summary>
/// A statute's request lifecycle as data: its stages, the events each accepts, the timers each
/// arms and what each step produces. Events common to every open stage (withdraw, close, note) are
/// merged into each stage unless the stage defines its own.
/// </summary>
public sealed class WorkflowDefinition
{
    private readonly Dictionary<StageKey, StageDefinition> _stages;
    private readonly Dictionary<string, RouteDefinition> _routes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FlagDefinition> _flags = new(StringComparer.Ordinal);

    /// <param name="readyToPrintStage">
    /// Where a request stands when its letter goes on paper (the body has no verified address): the
    /// draft's <see cref="EventKind.Print"/> leads there and its <c>submit</c>, dated the day the letter was
    /// handed in or posted, starts the clock. Null in a statute version written before it existed.
    /// </param>
    public WorkflowDefinition(
        StageKey draftStage,
        StageKey submittedStage,
        IEnumerable<StageDefinition> stages,
        IEnumerable<RouteDefinition>? routes = null,
        IEnumerable<FlagDefinition>? flags = null,
        StageKey? forwardedStage = null,
        StageKey? readyToPrintStage = null)
    {
        _stages = new Dictionary<StageKey, StageDefinition>();
        foreach (var stage in stages)
        {
            if (!_stages.TryAdd(stage.Key, stage))
                throw new ArgumentException($"The workflow defines stage '{stage.Key}' twice.", nameof(stages));
        }

        DraftStage = draftStage;
        SubmittedStage = submittedStage;
        ForwardedStage = forwardedStage;
        foreach (var key in new StageKey?[] { draftStage, submittedStage, forwardedStage }.OfType<StageKey>())
        {
            if (!_stages.ContainsKey(key))
                throw new ArgumentException($"The workflow has no stage '{key}'.", nameof(stages));
        }

        foreach (var flag in flags ?? [])
        {
            if (!_flags.TryAdd(flag.Key, flag))
                throw new ArgumentException($"The workflow defines flag '{flag.Key}' twice.", nameof(flags));
        }

        foreach (var timer in _stages.Values.SelectMany(stage => stage.Timers.Select(timer => (Stage: stage.Key, Timer: timer))))
        {
            if (timer.Timer.Flag is { } flag && !_flags.ContainsKey(flag))
                throw new ArgumentException($"Timer '{timer.Stage}.{timer.Timer.Kind}' raises flag '{flag}', which the workflow does not define.", nameof(flags));
        }

        foreach (var route in routes ?? [])
            AddRoute(route, nameof(routes));

        if (readyToPrintStage is { } readyToPrint)
        {
            if (!_stages.TryGetValue(readyToPrint, out var printStage))
                throw new ArgumentException($"The workflow has no stage '{readyToPrint}'.", nameof(stages));
            if (!_stages[draftStage].Events.TryGetValue(EventKind.Print, out var print) || print.To != readyToPrintStage)
                throw new ArgumentException($"Stage '{draftStage}' needs an event '{EventKind.Print}' leading to '{readyToPrint}'.", nameof(stages));
            if (!printStage.Events.TryGetValue(EventKind.Submit, out var submit) || submit.To != submittedStage)
                throw new ArgumentException($"Stage '{readyToPrint}' needs an event '{EventKind.Submit}' leading to '{submittedStage}'.", nameof(stages));
        }

        ReadyToPrintStage = readyToPrintStage;
        foreach (var stage in _stages.Values)
        {
            foreach (var target in stage.Events.Values.SelectMany(Targets).Concat(stage.Timers.Select(timer => timer.To)))
            {
                if (target is { } key && key != StageKey.Reopen && !_stages.ContainsKey(key))
                    throw new ArgumentException($"Stage '{stage.Key}' leads to '{key}', which the workflow does not define.", nameof(stages));
            }
        }
    }

    public StageKey DraftStage { get; }

    public StageKey SubmittedStage { get; }

    /// <summary>The stage a request forwarded by another body starts in (GAC 80), if the statute has one.</summary>
    public StageKey? ForwardedStage { get; }

    /// <summary>The stage of a request whose letter is printed and sent on paper, before it is recorded as sent; null where the version has none.</summary>
    public StageKey? ReadyToPrintStage { get; }

    /// <summary>Whether a request in <paramref name="stage"/> has not reached its body yet (a draft, or a letter waiting to be posted).</summary>
    public bool IsUnsent(StageKey stage) => stage == DraftStage || stage == ReadyToPrintStage;

    public IReadOnlyCollection<StageDefinition> Stages => _stages.Values;

    public IReadOnlyCollection<RouteDefinition> Routes => _routes.Values;

    public IReadOnlyCollection<FlagDefinition> Flags => _flags.Values;

    /// <summary>The route a request to a body of this kind takes: the route naming the kind, else the default one (none if the statute has no routes).</summary>
    public RouteDefinition? RouteFor(string? bodyKind) =>
        _routes.Values.FirstOrDefault(route => bodyKind is not null && route.BodyKinds.Contains(bodyKind, StringComparer.Ordinal))
        ?? _routes.Values.FirstOrDefault(route => route.IsDefault);

    public RouteDefinition? Route(string? key) => key is not null && _routes.TryGetValue(key, out var route) ? route : null;

    /// <summary>The stage a request on <paramref name="route"/> enters when it is sent to <paramref name="stage"/>.</summary>
    public StageKey OnRoute(string? route, StageKey stage) =>
        Route(route) is { } found && found.Stages.TryGetValue(stage, out var replacement) ? replacement : stage;

    public FlagDefinition? Flag(string key) => _flags.GetValueOrDefault(key);

    public StageDefinition Stage(StageKey key) =>
        _stages.TryGetValue(key, out var stage)
            ? stage
            : throw new KeyNotFoundException($"The workflow has no stage '{key}'. Its stages: {string.Join(", ", _stages.Keys)}.");

    public bool HasStage(StageKey key) => _stages.ContainsKey(key);

    private void AddRoute(RouteDefinition route, string paramName)
    {
        if (!_routes.TryAdd(route.Key, route))
            throw new ArgumentException($"The workflow defines route '{route.Key}' twice.", paramName);
        if (route.IsDefault && _routes.Values.Count(other => other.IsDefault) > 1)
            throw new ArgumentException($"Routes {string.Join(" and ", _routes.Values.Where(other => other.IsDefault).Select(other => $"'{other.Key}'"))} both name no body kinds; only one route can be the default.", paramName);
        foreach (var kind in route.BodyKinds)
        {
            if (_routes.Values.FirstOrDefault(other => other != route && other.BodyKinds.Contains(kind, StringComparer.Ordinal)) is { } other)
                throw new ArgumentException($"Body kind '{kind}' is on both route '{other.Key}' and route '{route.Key}'.", paramName);
        }

        foreach (var (from, to) in route.Stages)
        {
            foreach (var key in new[] { from, to })
            {
                if (!_stages.ContainsKey(key))
                    throw new ArgumentException($"Route '{route.Key}' maps stage '{key}', which the workflow does not define.", paramName);
            }

            // One step only: a replacement is never replaced again, so where a request lands is plain from the data.
            if (route.Stages.ContainsKey(to))
                throw new ArgumentException($"Route '{route.Key}' maps '{from}' to '{to}', which it maps on again.", paramName);
            if (_stages[from].Terminal != _stages[to].Terminal)
                throw new ArgumentException($"Route '{route.Key}' maps '{from}' to '{to}'; one ends a request and the other does not.", paramName);
        }
    }

    private static IEnumerable<StageKey?> Targets(EventDefinition definition) =>
        definition.ToByOutcome.Values.Select(target => (StageKey?)target).Append(definition.To);
}

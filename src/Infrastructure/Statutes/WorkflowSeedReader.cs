using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Calendars;
using FoiTracker.Domain.Statutes;
using FoiTracker.Domain.Workflows;

namespace FoiTracker.Infrastructure.Statutes;

/// <summary>
/// Reads a statute's "workflow" object (schema: seeds/README.md) into a <see cref="WorkflowDefinition"/>.
/// Every deadline a stage or timer names must be one of the statute's, and every stage an event or
/// timer leads to must exist, so a typo stops the start instead of stranding a request.
/// </summary>
internal static class WorkflowSeedReader
{
    private static readonly IReadOnlyDictionary<string, AllowedSender> Senders = new Dictionary<string, AllowedSender>(StringComparer.Ordinal)
    {
        ["requester"] = AllowedSender.Requester,
        ["staff"] = AllowedSender.Staff,
    };

    private static readonly IReadOnlyDictionary<string, ClockStart> ClockStarts = new Dictionary<string, ClockStart>(StringComparer.Ordinal)
    {
        ["stage_entry"] = ClockStart.StageEntry,
        ["continue"] = ClockStart.Continue,
    };

    /// <summary>A stage the data names; only where an event or a timer leads may it also be <see cref="StageKey.Reopen"/> (<see cref="StageKey.Target"/>).</summary>
    private static readonly Func<string, StageKey> StageNamed = text => new StageKey(text);

    private static readonly HashSet<string> Recipients = new(StringComparer.Ordinal) { "requester", "staff", "body", "complaint_body", "court" };

    public static WorkflowDefinition Read(SeedObject workflow, IReadOnlyCollection<string> deadlineKeys, bool requireKa)
    {
        workflow.AllowOnly("draftStage", "submittedStage", "forwardedStage", "readyToPrintStage", "common", "routes", "flags", "stages");
        var draft = Word(workflow, "draftStage", workflow.RequiredString("draftStage"), StageNamed);
        var submitted = Word(workflow, "submittedStage", workflow.RequiredString("submittedStage"), StageNamed);
        var readyToPrint = StageOrNull(workflow, "readyToPrintStage", StageNamed);
        var common = workflow.Has("common") ? ReadEvents(workflow.RequiredObject("common"), deadlineKeys, requireKa) : new Dictionary<EventKind, EventDefinition>();
        var routes = workflow.OptionalMap("routes").Select(route => ReadRoute(route.Name, route.Value, requireKa)).ToList();
        var flags = workflow.OptionalMap("flags").Select(flag => ReadFlag(flag.Name, flag.Value, requireKa)).ToList();

        var stages = new List<StageDefinition>();
        foreach (var (key, stage) in workflow.OptionalMap("stages"))
            stages.Add(ReadStage(Word(workflow, "stages", key, StageNamed), stage, common, deadlineKeys, requireKa));
        if (stages.Count == 0)
            throw workflow.Fail("stages", "a workflow needs stages");

        try
        {
            return new WorkflowDefinition(draft, submitted, stages, routes, flags, StageOrNull(workflow, "forwardedStage", StageNamed), readyToPrint);
        }
        catch (ArgumentException ex)
        {
            throw workflow.Fail(ex.ParamName is "routes" or "flags" ? ex.ParamName : "stages", ex.Message.Split(" (Parameter", StringSplitOptions.None)[0]);
        }
    }

    private static StageDefinition ReadStage(
        StageKey key, SeedObject stage, IReadOnlyDictionary<EventKind, EventDefinition> common, IReadOnlyCollection<string> deadlineKeys, bool requireKa)
    {
        stage.AllowOnly("name", "clock", "clockStart", "pausesClock", "terminal", "overdue", "timers", "events");
        var clock = stage.OptionalString("clock");
        if (clock is not null && !deadlineKeys.Contains(clock))
            throw stage.Fail("clock", $"'{clock}' is not one of the statute's deadlines ({string.Join(", ", deadlineKeys)})");
        var clockStart = stage.OptionalEnum("clockStart", ClockStarts) ?? ClockStart.StageEntry;
        var terminal = stage.Has("terminal") && stage.RequiredBool("terminal");
        var timers = new List<TimerDefinition>();
        var index = 0;
        foreach (var timer in stage.OptionalArray("timers", (i, _) => stage.Entry))
            timers.Add(ReadTimer(timer.WithPrefix($"{stage.Prefix}timers[{index++}]."), deadlineKeys));
        if (timers.Select(timer => timer.Kind).Distinct().Count() != timers.Count)
            throw stage.Fail("timers", "two timers of a stage share a kind");

        var events = new Dictionary<EventKind, EventDefinition>(ReadEvents(stage, deadlineKeys, requireKa));
        // Events every open stage accepts (withdraw, close, note) unless the stage defines its own.
        if (!terminal)
        {
            foreach (var (kind, definition) in common)
                events.TryAdd(kind, definition);
        }

        return new StageDefinition(
            key,
            stage.Name("name", requireKa),
            clock,
            clockStart,
            stage.Has("pausesClock") && stage.RequiredBool("pausesClock"),
            terminal,
            stage.Has("overdue") && stage.RequiredBool("overdue"),
            timers,
            events);
    }

    private static Dictionary<EventKind, EventDefinition> ReadEvents(SeedObject owner, IReadOnlyCollection<string> deadlineKeys, bool requireKa)
    {
        var events = new Dictionary<EventKind, EventDefinition>();
        foreach (var (name, definition) in owner.OptionalMap("events"))
        {
            var kind = Word(owner, "events", name, text => new EventKind(text));
            definition.AllowOnly("to", "byOutcome", "by", "effects", "description", "satisfies");
            var to = StageOrNull(definition, "to", StageKey.Target);
            var byOutcome = definition.OptionalStringMap("byOutcome");
            if (to is not null && byOutcome.Count > 0)
                throw definition.Fail("to", "give either 'to' or 'byOutcome', not both");
            events[kind] = new EventDefinition(
                kind,
                to,
                byOutcome.ToDictionary(
                    pair => Word(definition, "byOutcome", pair.Key, text => new Outcome(text)),
                    pair => Word(definition, "byOutcome", pair.Value, StageKey.Target)),
                definition.OptionalEnum("by", Senders) ?? AllowedSender.Staff,
                ReadEffects(definition),
                definition.OptionalName("description", requireKa),
                DeadlineOrNull(definition, "satisfies", deadlineKeys));
        }

        return events;
    }

    /// <summary>A word of the statute (a stage, an event, a timer, an outcome) whose shape is wrong stops the start, naming where it is.</summary>
    private static T Word<T>(SeedObject owner, string field, string text, Func<string, T> create)
    {
        try
        {
            return create(text);
        }
        catch (ArgumentException ex)
        {
            throw owner.Fail(field, ex.Message.Split(" (Parameter", StringSplitOptions.None)[0]);
        }
    }

    /// <summary>An optional stage the data names in <paramref name="field"/>: a stage key, or for a target also the reopen target.</summary>
    private static StageKey? StageOrNull(SeedObject owner, string field, Func<string, StageKey> create) =>
        owner.OptionalString(field) is { } text ? Word(owner, field, text, create) : null;

    private static TimerDefinition ReadTimer(SeedObject timer, IReadOnlyCollection<string> deadlineKeys)
    {
        timer.AllowOnly("kind", "deadline", "offsetDays", "to", "effects", "skipWhenLate", "flag");
        return new TimerDefinition(
            Word(timer, "kind", timer.RequiredString("kind"), text => new TimerKind(text)),
            DeadlineOrNull(timer, "deadline", deadlineKeys),
            timer.OptionalInt("offsetDays", -366, 366, 0),
            StageOrNull(timer, "to", StageKey.Target),
            ReadEffects(timer),
            timer.Has("skipWhenLate") && timer.RequiredBool("skipWhenLate"),
            timer.OptionalString("flag"));
    }

    private static string? DeadlineOrNull(SeedObject owner, string field, IReadOnlyCollection<string> deadlineKeys)
    {
        var deadline = owner.OptionalString(field);
        if (deadline is not null && !deadlineKeys.Contains(deadline))
            throw owner.Fail(field, $"'{deadline}' is not one of the statute's deadlines ({string.Join(", ", deadlineKeys)})");
        return deadline;
    }

    /// <summary>A route: the body kinds that take it (none: the default route), its legal basis, and the stages it replaces.</summary>
    private static RouteDefinition ReadRoute(string key, SeedObject route, bool requireKa)
    {
        route.AllowOnly("bodyKinds", "citation", "description", "stages");
        var kinds = route.Has("bodyKinds") ? route.RequiredStrings("bodyKinds") : [];
        foreach (var kind in kinds)
        {
            if (!BodyKindNames.All.Contains(kind))
                throw route.Fail("bodyKinds", $"'{kind}' is not a body kind ({string.Join(", ", BodyKindNames.All.Order(StringComparer.Ordinal))})");
        }

        if (route.Has("bodyKinds") && kinds.Count == 0)
            throw route.Fail("bodyKinds", "leave 'bodyKinds' out for the default route instead of giving an empty list");
        var stages = route.OptionalStringMap("stages").ToDictionary(
            pair => Word(route, "stages", pair.Key, StageNamed),
            pair => Word(route, "stages", pair.Value, StageNamed));
        return new RouteDefinition(key, kinds, route.OptionalString("citation"), route.OptionalName("description", requireKa), stages);
    }

    private static FlagDefinition ReadFlag(string key, SeedObject flag, bool requireKa)
    {
        flag.AllowOnly("name", "citation");
        return new FlagDefinition(key, flag.Name("name", requireKa), flag.OptionalString("citation"));
    }

    private static List<WorkflowEffect> ReadEffects(SeedObject owner)
    {
        var effects = new List<WorkflowEffect>();
        var index = 0;
        foreach (var effect in owner.OptionalArray("effects", (i, _) => owner.Entry))
        {
            var item = effect.WithPrefix($"{owner.Prefix}effects[{index++}].");
            item.AllowOnly("letter", "notify", "to");
            var letter = item.OptionalString("letter");
            var notify = item.OptionalString("notify");
            if ((letter is null) == (notify is null))
                throw item.Fail("letter", "an effect is either a 'letter' or a 'notify'");
            var to = item.RequiredString("to");
            if (!Recipients.Contains(to))
                throw item.Fail("to", $"'{to}' is not a recipient ({string.Join(", ", Recipients.Order(StringComparer.Ordinal))})");
            effects.Add(letter is not null
                ? new WorkflowEffect(WorkflowEffect.Letter, letter, to)
                : new WorkflowEffect(WorkflowEffect.Notify, notify!, to));
        }

        return effects;
    }
}

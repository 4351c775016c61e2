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
/// </summary>
public sealed record TimerDefinition(
    string Kind,
    string? Deadline,
    int OffsetDays,
    string? To,
    IReadOnlyList<WorkflowEffect> Effects,
    bool SkipWhenLate);

/// <summary>
/// An event a stage accepts. <see cref="To"/> is the next stage (null: the request stays where it
/// is and the event is only recorded); <see cref="ToByOutcome"/> picks the stage by the outcome the
/// event carries (an answer that is complete, partial, refused…).
/// </summary>
public sealed record EventDefinition(
    string Kind,
    string? To,
    IReadOnlyDictionary<string, string> ToByOutcome,
    AllowedSender AllowedSender,
    IReadOnlyList<WorkflowEffect> Effects,
    MultilingualName? Description)
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
    string Key,
    MultilingualName Name,
    string? Clock,
    ClockStart ClockStart,
    bool PausesClock,
    bool Terminal,
    bool Overdue,
    IReadOnlyList<TimerDefinition> Timers,
    IReadOnlyDictionary<string, EventDefinition> Events);

/// <summary>
/// A statute's request lifecycle as data: its stages, the events each accepts, the timers each
/// arms and what each step produces. Events common to every open stage (withdraw, close, note) are
/// merged into each stage unless the stage defines its own.
/// </summary>
public sealed class WorkflowDefinition
{
    private readonly Dictionary<string, StageDefinition> _stages;

    public WorkflowDefinition(string draftStage, string submittedStage, IEnumerable<StageDefinition> stages)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(draftStage);
        ArgumentException.ThrowIfNullOrWhiteSpace(submittedStage);
        _stages = new Dictionary<string, StageDefinition>(StringComparer.Ordinal);
        foreach (var stage in stages)
        {
            if (!_stages.TryAdd(stage.Key, stage))
                throw new ArgumentException($"The workflow defines stage '{stage.Key}' twice.", nameof(stages));
        }

        DraftStage = draftStage;
        SubmittedStage = submittedStage;
        foreach (var key in new[] { draftStage, submittedStage })
        {
            if (!_stages.ContainsKey(key))
                throw new ArgumentException($"The workflow has no stage '{key}'.", nameof(stages));
        }

        foreach (var stage in _stages.Values)
        {
            foreach (var target in stage.Events.Values.SelectMany(Targets).Concat(stage.Timers.Select(timer => timer.To)))
            {
                if (target is not null && target != ReopenTarget && !_stages.ContainsKey(target))
                    throw new ArgumentException($"Stage '{stage.Key}' leads to '{target}', which the workflow does not define.", nameof(stages));
            }
        }
    }

    /// <summary>The target that sends a closed or withdrawn request back to the stage it left.</summary>
    public const string ReopenTarget = "$reopen";

    public string DraftStage { get; }

    public string SubmittedStage { get; }

    public IReadOnlyCollection<StageDefinition> Stages => _stages.Values;

    public StageDefinition Stage(string key) =>
        _stages.TryGetValue(key, out var stage)
            ? stage
            : throw new KeyNotFoundException($"The workflow has no stage '{key}'. Its stages: {string.Join(", ", _stages.Keys)}.");

    public bool HasStage(string key) => _stages.ContainsKey(key);

    /// <summary>Every event kind any stage accepts.</summary>
    public IReadOnlyList<string> EventKinds =>
        [.. _stages.Values.SelectMany(stage => stage.Events.Keys).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    private static IEnumerable<string?> Targets(EventDefinition definition) =>
        definition.ToByOutcome.Values.Append(definition.To);
}

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
/// <see cref="To"/>, moves the request on. Leaving the stage cancels it.
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

    /// <param name="readyToPrintStage">
    /// Where a request stands when its letter goes on paper (the body has no verified address): the
    /// draft's <see cref="PrintEvent"/> leads there and its <c>submit</c>, dated the day the letter was
    /// handed in or posted, starts the clock. Null in a statute version written before it existed.
    /// </param>
    public WorkflowDefinition(string draftStage, string submittedStage, IEnumerable<StageDefinition> stages, string? readyToPrintStage = null)
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

        if (readyToPrintStage is not null)
        {
            if (!_stages.TryGetValue(readyToPrintStage, out var printStage))
                throw new ArgumentException($"The workflow has no stage '{readyToPrintStage}'.", nameof(stages));
            if (!_stages[draftStage].Events.TryGetValue(PrintEvent, out var print) || print.To != readyToPrintStage)
                throw new ArgumentException($"Stage '{draftStage}' needs an event '{PrintEvent}' leading to '{readyToPrintStage}'.", nameof(stages));
            if (!printStage.Events.TryGetValue(SubmitEvent, out var submit) || submit.To != submittedStage)
                throw new ArgumentException($"Stage '{readyToPrintStage}' needs an event '{SubmitEvent}' leading to '{submittedStage}'.", nameof(stages));
        }

        ReadyToPrintStage = readyToPrintStage;
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

    /// <summary>The event that sends a request to its body and, where it was not sent yet, starts its clock.</summary>
    public const string SubmitEvent = "submit";

    /// <summary>The event that makes a draft's letter to print and send on paper (see <see cref="ReadyToPrintStage"/>).</summary>
    public const string PrintEvent = "print";

    public string DraftStage { get; }

    public string SubmittedStage { get; }

    /// <summary>The stage of a request whose letter is printed and sent on paper, before it is recorded as sent; null where the version has none.</summary>
    public string? ReadyToPrintStage { get; }

    /// <summary>Whether a request in <paramref name="stage"/> has not reached its body yet (a draft, or a letter waiting to be posted).</summary>
    public bool IsUnsent(string stage) => stage == DraftStage || stage == ReadyToPrintStage;

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

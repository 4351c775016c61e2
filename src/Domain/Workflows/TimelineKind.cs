namespace FoiTracker.Domain.Workflows;

/// <summary>
/// What a timeline entry records: an event of the workflow, a timer that fired, a correction, a recount,
/// a missed duty found or lifted, or a note on the correspondence. Stored as the text <see cref="Value"/>
/// ("event:answered", "timer:reminder", "correction", "mail:sent"), which statistics and people read.
/// </summary>
public readonly record struct TimelineKind
{
    private const string EventPrefix = "event:";
    private const string TimerPrefix = "timer:";
    private const string FlagPrefix = "flag:";
    private const string FlagLiftedPrefix = "flag_lifted:";

    /// <summary>A request filed here (a draft, or the first line of one recorded as sent).</summary>
    public static readonly TimelineKind Filed = new("filed");

    /// <summary>A request opened because another body forwarded it here (GAC 80).</summary>
    public static readonly TimelineKind ForwardedIn = new("forwarded_in");

    /// <summary>A forwarded request's old record names the request that carries on.</summary>
    public static readonly TimelineKind ForwardedTo = new("forwarded_to");

    /// <summary>A late-recorded, earlier-dated event put the request back where it stood then.</summary>
    public static readonly TimelineKind Correction = new("correction");

    /// <summary>A running clock was counted again from the body's registration.</summary>
    public static readonly TimelineKind DeadlineRecomputed = new("deadline:recomputed");

    private TimelineKind(string value) => Value = value;

    /// <summary>The stored text.</summary>
    public string Value { get; }

    public bool IsEvent => Value?.StartsWith(EventPrefix, StringComparison.Ordinal) == true;

    public bool IsTimer => Value?.StartsWith(TimerPrefix, StringComparison.Ordinal) == true;

    public bool IsCorrection => this == Correction;

    /// <summary>The event this entry records; only for <see cref="IsEvent"/>.</summary>
    public EventKind Event => IsEvent ? new EventKind(Value[EventPrefix.Length..]) : throw new InvalidOperationException($"Timeline entry '{Value}' is not an event.");

    /// <summary>The timer this entry records; only for <see cref="IsTimer"/>.</summary>
    public TimerKind Timer => IsTimer ? new TimerKind(Value[TimerPrefix.Length..]) : throw new InvalidOperationException($"Timeline entry '{Value}' is not a timer.");

    public static TimelineKind Of(EventKind kind) => new(EventPrefix + kind.Value);

    public static TimelineKind Of(TimerKind kind) => new(TimerPrefix + kind.Value);

    /// <summary>A missed duty found (a flag of the workflow).</summary>
    public static TimelineKind FlagRaised(string flag) => new(FlagPrefix + WorkflowWord.Require(flag, "a flag key"));

    /// <summary>A missed duty done in time after all, recorded late.</summary>
    public static TimelineKind FlagLifted(string flag) => new(FlagLiftedPrefix + WorkflowWord.Require(flag, "a flag key"));

    /// <summary>
    /// A kind as stored. An event's or a timer's carries a word of the statute after its category; any other
    /// is a single token ("mail:sent", "notice:not_sent"): no spaces, at most 200 characters.
    /// </summary>
    public static TimelineKind Parse(string text)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        if (text.Length > 200 || text.Any(char.IsWhiteSpace))
            throw new ArgumentException($"'{text}' is not a timeline kind: one token without spaces, at most 200 characters.", nameof(text));
        var kind = new TimelineKind(text);
        // The word after an event's or a timer's category is a word of the statute's shape.
        if (kind.IsEvent)
            _ = kind.Event;
        else if (kind.IsTimer)
            _ = kind.Timer;
        return kind;
    }

    public override string ToString() => Value ?? string.Empty;
}

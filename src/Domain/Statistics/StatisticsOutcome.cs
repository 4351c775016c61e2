namespace FoiTracker.Domain.Statistics;

/// <summary>What became of one request, as statistics count it on a given day (see <see cref="OutcomeClassifier"/>).</summary>
public enum StatisticsOutcome
{
    /// <summary>The first substantive answer gave everything asked for.</summary>
    Complete,

    /// <summary>The first substantive answer gave part of it.</summary>
    Partial,

    /// <summary>The first substantive answer refused.</summary>
    Refused,

    /// <summary>The first substantive answer said the body does not hold the information.</summary>
    NotHeld,

    /// <summary>The first substantive answer was that the request went to another body (GAC 80).</summary>
    Forwarded,

    /// <summary>The answer was due on or before the day and no substantive answer had come by then.</summary>
    NoReply,

    /// <summary>Not answered and not yet due.</summary>
    Pending,

    /// <summary>The requester withdrew it before any substantive answer.</summary>
    Withdrawn,
}

public static class StatisticsOutcomeNames
{
    private static readonly Dictionary<StatisticsOutcome, string> Names = new()
    {
        [StatisticsOutcome.Complete] = "complete",
        [StatisticsOutcome.Partial] = "partial",
        [StatisticsOutcome.Refused] = "refused",
        [StatisticsOutcome.NotHeld] = "not_held",
        [StatisticsOutcome.Forwarded] = "forwarded",
        [StatisticsOutcome.NoReply] = "no_reply",
        [StatisticsOutcome.Pending] = "pending",
        [StatisticsOutcome.Withdrawn] = "withdrawn",
    };

    private static readonly Dictionary<string, StatisticsOutcome> ByName =
        Names.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    /// <summary>Every outcome's snake_case name, in the order of the enum.</summary>
    public static IReadOnlyList<string> All { get; } = Enum.GetValues<StatisticsOutcome>().Select(outcome => Names[outcome]).ToArray();

    /// <summary>The snake_case name used in the seeds, the API and the CSV; the answer outcomes are the workflow's own names.</summary>
    public static string ToName(this StatisticsOutcome outcome) => Names[outcome];

    public static bool TryParse(string? name, out StatisticsOutcome outcome) =>
        ByName.TryGetValue(name ?? string.Empty, out outcome);

    /// <summary>Whether the outcome is a substantive answer (complete, partial, refused, not held, forwarded).</summary>
    public static bool IsAnswer(this StatisticsOutcome outcome) => outcome <= StatisticsOutcome.Forwarded;
}

using FoiTracker.Domain.Workflows;

namespace FoiTracker.Domain.Requests;

/// <summary>
/// How an event's facts are written into its timeline entry, and read back: a letter made later
/// names the refusal it complains of by the outcome, date and reference of the answer recorded.
/// </summary>
public static class EventDetail
{
    private const string OutcomePrefix = "Outcome: ";
    private const string ReferencePrefix = "Answer reference: [";

    /// <summary>Characters a reference cannot hold, so that it reads back whole.</summary>
    public static readonly IReadOnlyList<char> ForbiddenInReference = ['[', ']', '\r', '\n'];

    public static string Outcome(Outcome outcome) => $"{OutcomePrefix}{outcome.Value}.";

    /// <summary>The number the body gave its answer letter, as the timeline shows it.</summary>
    public static string Reference(string reference) => $"{ReferencePrefix}{reference.Trim()}].";

    /// <summary>The outcome an entry's detail records ("refused"), or null.</summary>
    public static Outcome? OutcomeOf(string? detail)
    {
        if (detail is null || !detail.StartsWith(OutcomePrefix, StringComparison.Ordinal))
            return null;
        var end = detail.IndexOf('.', OutcomePrefix.Length);
        return end < 0 ? null : new Outcome(detail[OutcomePrefix.Length..end]);
    }

    /// <summary>The answer reference an entry's detail records, or null.</summary>
    public static string? ReferenceOf(string? detail)
    {
        var start = detail?.IndexOf(ReferencePrefix, StringComparison.Ordinal) ?? -1;
        if (start < 0)
            return null;
        start += ReferencePrefix.Length;
        var end = detail!.IndexOf(']', start);
        return end <= start ? null : detail[start..end];
    }
}

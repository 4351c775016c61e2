using System.Text.RegularExpressions;

namespace FoiTracker.Domain.Workflows;

/// <summary>
/// The shape every word of a statute's workflow data has (a stage key, an event or timer kind, an
/// outcome, a flag): letters, digits, underscores and hyphens. A colon never appears in one, because
/// the timeline joins a category and a word with it ("event:answered").
/// </summary>
internal static partial class WorkflowWord
{
    public const int MaxLength = 100;

    public static string Require(string? candidate, string what) =>
        candidate is not null && candidate.Length <= MaxLength && Pattern().IsMatch(candidate)
            ? candidate
            : throw new ArgumentException(
                $"'{candidate}' is not {what}: use letters, digits, underscores and hyphens, at most {MaxLength} characters.", nameof(candidate));

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex Pattern();
}

using System.Text.RegularExpressions;

namespace FoiTracker.Domain.Statutes;

/// <summary>A statute's key ("ge-gac", "uk-foia"): lower-case ASCII letters, digits and hyphens.</summary>
public readonly partial record struct StatuteId
{
    public const int MaxLength = 40;

    private StatuteId(string value) => Value = value;

    public string Value { get; }

    public static bool TryCreate(string? candidate, out StatuteId id)
    {
        id = default;
        if (candidate is null || candidate.Length > MaxLength || !Pattern().IsMatch(candidate))
            return false;
        id = new StatuteId(candidate);
        return true;
    }

    public static StatuteId Create(string candidate) =>
        TryCreate(candidate, out var id)
            ? id
            : throw new ArgumentException($"'{candidate}' is not a statute id: use lower-case letters, digits and single hyphens.", nameof(candidate));

    public override string ToString() => Value;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Pattern();
}

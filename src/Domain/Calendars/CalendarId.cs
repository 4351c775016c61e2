using System.Text.RegularExpressions;

namespace FoiTracker.Domain.Calendars;

/// <summary>A working-day calendar's key ("ge", "gb-eng", "us-federal"): lower-case ASCII letters, digits and hyphens.</summary>
public readonly partial record struct CalendarId
{
    public const int MaxLength = 40;

    private CalendarId(string value) => Value = value;

    public string Value { get; }

    public static bool TryCreate(string? candidate, out CalendarId id)
    {
        id = default;
        if (candidate is null || candidate.Length > MaxLength || !Pattern().IsMatch(candidate))
            return false;
        id = new CalendarId(candidate);
        return true;
    }

    public static CalendarId Create(string candidate) =>
        TryCreate(candidate, out var id)
            ? id
            : throw new ArgumentException($"'{candidate}' is not a calendar id: use lower-case letters, digits and single hyphens.", nameof(candidate));

    public override string ToString() => Value;

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Pattern();
}

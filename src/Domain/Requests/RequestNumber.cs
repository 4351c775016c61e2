using System.Globalization;
using System.Text.RegularExpressions;

namespace FoiTracker.Domain.Requests;

/// <summary>
/// The number people quote for a request ("2026-000042"): the year it was registered with us and a
/// sequence within that year. It appears in letters, subjects and reply addresses.
/// </summary>
public readonly partial record struct RequestNumber
{
    private RequestNumber(string value) => Value = value;

    public string Value { get; }

    public static RequestNumber From(int year, long sequence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1990);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        return new RequestNumber(string.Create(CultureInfo.InvariantCulture, $"{year:D4}-{sequence:D6}"));
    }

    public static bool TryParse(string? candidate, out RequestNumber number)
    {
        number = default;
        if (candidate is null || !Pattern().IsMatch(candidate))
            return false;
        number = new RequestNumber(candidate);
        return true;
    }

    public static RequestNumber Parse(string candidate) =>
        TryParse(candidate, out var number)
            ? number
            : throw new FormatException($"'{candidate}' is not a request number (expected e.g. 2026-000042).");

    public override string ToString() => Value;

    [GeneratedRegex("^[0-9]{4}-[0-9]{6,9}$")]
    private static partial Regex Pattern();
}

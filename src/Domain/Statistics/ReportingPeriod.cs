using System.Globalization;
using System.Text.RegularExpressions;

namespace FoiTracker.Domain.Statistics;

/// <summary>
/// The requests a statistic counts: those sent from <see cref="From"/> up to, not including,
/// <see cref="Until"/>. Written as a year ("2026"), a quarter ("2026-Q2"), a month ("2026-03") or
/// two dates ("2026-01-01..2026-06-30", both included); <see cref="Name"/> keeps the written form,
/// so a citation names the period as its reader asked for it.
/// </summary>
public sealed partial record ReportingPeriod
{
    /// <summary>The earliest year a period may start in: GAC Chapter III dates from 1999.</summary>
    public const int MinYear = 1999;

    private ReportingPeriod(string name, DateOnly from, DateOnly until)
    {
        Name = name;
        From = from;
        Until = until;
    }

    public string Name { get; }

    /// <summary>The first day of the period.</summary>
    public DateOnly From { get; }

    /// <summary>The day after the period's last day.</summary>
    public DateOnly Until { get; }

    /// <summary>The period's last day.</summary>
    public DateOnly Last => Until.AddDays(-1);

    public static ReportingPeriod Year(int year) => Parse(year.ToString(CultureInfo.InvariantCulture));

    public static bool TryParse(string? text, out ReportingPeriod period)
    {
        period = null!;
        var value = text?.Trim() ?? "";
        var match = Pattern().Match(value);
        if (!match.Success)
            return false;
        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        DateOnly from, until;
        if (match.Groups["quarter"].Success)
        {
            from = new DateOnly(year, ((match.Groups["quarter"].Value[0] - '1') * 3) + 1, 1);
            until = from.AddMonths(3);
        }
        else if (match.Groups["month"].Success)
        {
            var month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
            if (month is < 1 or > 12)
                return false;
            from = new DateOnly(year, month, 1);
            until = from.AddMonths(1);
        }
        else if (match.Groups["first"].Success)
        {
            if (!TryDate(match.Groups["first"].Value, out from) || !TryDate(match.Groups["last"].Value, out var last) || last < from)
                return false;
            until = last.AddDays(1);
        }
        else
        {
            from = new DateOnly(year, 1, 1);
            until = from.AddYears(1);
        }

        if (from.Year < MinYear || until.Year > 9000)
            return false;
        period = new ReportingPeriod(value.ToUpperInvariant(), from, until);
        return true;
    }

    public static ReportingPeriod Parse(string text) =>
        TryParse(text, out var period) ? period : throw new FormatException(Describe(text));

    /// <summary>What a caller should write instead of <paramref name="text"/>.</summary>
    public static string Describe(string? text) =>
        $"'{text}' is not a period: write a year (2026), a quarter (2026-Q2), a month (2026-03) or two dates (2026-01-01..2026-06-30), from {MinYear} on.";

    public bool Contains(DateOnly date) => date >= From && date < Until;

    public override string ToString() => Name;

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    [GeneratedRegex(@"^(?:(?<first>(?<year>\d{4})-\d{2}-\d{2})\.\.(?<last>\d{4}-\d{2}-\d{2})|(?<year>\d{4})(?:-[Qq](?<quarter>[1-4])|-(?<month>\d{2}))?)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}

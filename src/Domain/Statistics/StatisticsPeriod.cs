using System.Globalization;
using System.Text.RegularExpressions;

namespace FoiTracker.Domain.Statistics;

/// <summary>
/// The days in which requests were sent, both ends included: a year ("2026"), a quarter ("2026-Q1"),
/// a month ("2026-03") or any range of days ("2026-01-01..2026-06-30"). <see cref="Text"/> is the
/// canonical way of writing it, which the API reports back.
/// </summary>
public sealed partial record StatisticsPeriod
{
    public const int MinYear = 1990;
    public const int MaxYear = 2100;

    /// <summary>The forms a period may take, for messages.</summary>
    public const string AcceptedForms = "a year (2026), a quarter (2026-Q1), a month (2026-03) or a range of days (2026-01-01..2026-06-30)";

    private StatisticsPeriod(DateOnly from, DateOnly to, string text)
    {
        From = from;
        To = to;
        Text = text;
    }

    public DateOnly From { get; }

    public DateOnly To { get; }

    public string Text { get; }

    public static StatisticsPeriod Year(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, MinYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, MaxYear);
        return new StatisticsPeriod(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31), year.ToString(CultureInfo.InvariantCulture));
    }

    public static bool TryParse(string? text, out StatisticsPeriod period)
    {
        period = null!;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var match = Pattern().Match(text.Trim());
        if (!match.Success)
            return false;
        if (match.Groups["from"].Success)
        {
            if (!TryDate(match.Groups["from"].Value, out var from) || !TryDate(match.Groups["to"].Value, out var to) || to < from)
                return false;
            period = new StatisticsPeriod(from, to, string.Create(CultureInfo.InvariantCulture, $"{from:yyyy-MM-dd}..{to:yyyy-MM-dd}"));
            return true;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        if (year is < MinYear or > MaxYear)
            return false;
        if (match.Groups["quarter"].Success)
        {
            var quarter = match.Groups["quarter"].Value[0] - '0';
            var start = new DateOnly(year, ((quarter - 1) * 3) + 1, 1);
            period = new StatisticsPeriod(start, start.AddMonths(3).AddDays(-1), string.Create(CultureInfo.InvariantCulture, $"{year}-Q{quarter}"));
            return true;
        }

        if (match.Groups["month"].Success)
        {
            var month = int.Parse(match.Groups["month"].Value, CultureInfo.InvariantCulture);
            if (month is < 1 or > 12)
                return false;
            var start = new DateOnly(year, month, 1);
            period = new StatisticsPeriod(start, start.AddMonths(1).AddDays(-1), string.Create(CultureInfo.InvariantCulture, $"{year}-{month:00}"));
            return true;
        }

        period = Year(year);
        return true;
    }

    /// <summary>Whether <paramref name="date"/> lies in the period.</summary>
    public bool Contains(DateOnly date) => date >= From && date <= To;

    public override string ToString() => Text;

    private static bool TryDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date)
        && date.Year is >= MinYear and <= MaxYear;

    [GeneratedRegex(@"^(?:(?<from>\d{4}-\d{2}-\d{2})\.\.(?<to>\d{4}-\d{2}-\d{2})|(?<year>\d{4})(?:-Q(?<quarter>[1-4])|-(?<month>\d{2}))?)$")]
    private static partial Regex Pattern();
}

using System.Globalization;
using FoiTracker.Application.Statistics;

namespace FoiTracker.Application.Tests.Statistics;

public sealed class StatisticsSelectionTests
{
    [Theory]
    [InlineData("2025-01-01", "2025-12-31", 2)]
    [InlineData("2024-01-01", "2024-12-31", 4)]
    [InlineData("2026-03-02", "2026-03-31", 3)]
    [InlineData("2026-03-01", "2026-03-08", 4)]
    public void InParts_CoverThePeriodOnce_InConsecutiveDays_AsEvenAsWholeDaysAllow(string from, string through, int count)
    {
        var selection = new StatisticsSelection(Day(from), Day(through), Kind: "municipality", Statute: "ge-gac");

        var parts = selection.InParts(count);

        parts.Should().HaveCount(count);
        parts[0].From.Should().Be(selection.From);
        parts[^1].Through.Should().Be(selection.Through);
        for (var i = 1; i < parts.Count; i++)
            parts[i].From.Should().Be(parts[i - 1].Through.AddDays(1));
        var lengths = parts.Select(part => part.Through.DayNumber - part.From.DayNumber + 1).ToList();
        (lengths.Max() - lengths.Min()).Should().BeLessThanOrEqualTo(1);
        parts.Should().AllSatisfy(part => part.Should().Be(selection with { From = part.From, Through = part.Through }));
    }

    [Fact]
    public void InParts_SplitAYearInTwo_AtTheFirstOfJuly()
    {
        var parts = new StatisticsSelection(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)).InParts(2);

        parts.Select(part => (part.From, part.Through)).Should().Equal(
            (new DateOnly(2025, 1, 1), new DateOnly(2025, 7, 1)), (new DateOnly(2025, 7, 2), new DateOnly(2025, 12, 31)));
    }

    [Theory]
    [InlineData("2026-03-01", "2026-03-07", 4)]
    [InlineData("2026-03-01", "2026-03-01", 2)]
    [InlineData("2025-01-01", "2025-12-31", 1)]
    public void InParts_KeepAShortPeriodOrOnePartWhole(string from, string through, int count)
    {
        var selection = new StatisticsSelection(Day(from), Day(through), Body: "ge-gori-city-hall");

        selection.InParts(count).Should().Equal(selection);
    }

    [Fact]
    public void InParts_RefusesNoParts()
    {
        var act = () => new StatisticsSelection(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31)).InParts(0);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

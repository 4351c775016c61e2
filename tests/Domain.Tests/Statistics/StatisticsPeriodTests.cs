using FoiTracker.Domain.Statistics;
using static FoiTracker.Domain.Tests.Statistics.StatisticsTestData;

namespace FoiTracker.Domain.Tests.Statistics;

public sealed class StatisticsPeriodTests
{
    [Theory]
    [InlineData("2026", "2026-01-01", "2026-12-31", "2026")]
    [InlineData("2026-Q1", "2026-01-01", "2026-03-31", "2026-Q1")]
    [InlineData("2026-Q4", "2026-10-01", "2026-12-31", "2026-Q4")]
    [InlineData("2028-02", "2028-02-01", "2028-02-29", "2028-02")]
    [InlineData(" 2026-01-01..2026-06-30 ", "2026-01-01", "2026-06-30", "2026-01-01..2026-06-30")]
    [InlineData("2026-05-05..2026-05-05", "2026-05-05", "2026-05-05", "2026-05-05..2026-05-05")]
    public void Each_accepted_form_gives_its_first_and_last_day(string text, string from, string to, string canonical)
    {
        StatisticsPeriod.TryParse(text, out var period).Should().BeTrue();

        (period.From, period.To, period.Text).Should().Be((D(from), D(to), canonical));
    }

    [Theory]
    [InlineData("")]
    [InlineData("26")]
    [InlineData("2026-Q5")]
    [InlineData("2026-13")]
    [InlineData("2026-00")]
    [InlineData("2026-06-30..2026-01-01")]
    [InlineData("2026-02-30..2026-03-01")]
    [InlineData("1900")]
    [InlineData("last year")]
    public void Other_text_is_not_a_period(string text) =>
        StatisticsPeriod.TryParse(text, out _).Should().BeFalse();
}

using FoiTracker.Domain.Calendars;
using static FoiTracker.Domain.Tests.TestCalendars;

namespace FoiTracker.Domain.Tests.Calendars;

public class HolidayRuleTests
{
    [Theory]
    [InlineData(2027, "2027-01-18")] // January 2027 starts on a Friday: Mondays 4, 11, 18
    [InlineData(2028, "2028-01-17")] // starts on a Saturday: Mondays 3, 10, 17
    [InlineData(2029, "2029-01-15")] // starts on a Monday: 1, 8, 15
    public void NthWeekday_ThirdMondayOfJanuary_FallsOnTheRightDay(int year, string expected) =>
        new NthWeekdayRule(1, DayOfWeek.Monday, 3).DateIn(year).Should().Be(D(expected));

    [Theory]
    [InlineData(2027, "2027-05-31")]
    [InlineData(2026, "2026-05-25")]
    [InlineData(2021, "2021-05-31")]
    public void LastWeekday_LastMondayOfMay_FallsOnTheRightDay(int year, string expected) =>
        new LastWeekdayRule(5, DayOfWeek.Monday).DateIn(year).Should().Be(D(expected));

    [Theory]
    [InlineData(2027, "2027-02-01")] // 1 Feb is a Monday
    [InlineData(2028, "2028-02-07")] // a Tuesday: first Monday is the 7th
    [InlineData(2029, "2029-02-05")] // a Thursday: first Monday is the 5th
    [InlineData(2030, "2030-02-01")] // a Friday: 1 February itself
    [InlineData(2025, "2025-02-03")] // a Saturday
    [InlineData(2026, "2026-02-02")] // a Sunday
    public void FixedDateWithWeekdayShift_StBrigidsDay_IsFirstMondayOrFridayFirst(int year, string expected)
    {
        var brigid = new FixedDateRule(2, 1, new Dictionary<DayOfWeek, int>
        {
            [DayOfWeek.Tuesday] = 6,
            [DayOfWeek.Wednesday] = 5,
            [DayOfWeek.Thursday] = 4,
            [DayOfWeek.Saturday] = 2,
            [DayOfWeek.Sunday] = 1,
        });
        brigid.DateIn(year).Should().Be(D(expected));
    }

    [Fact]
    public void FixedDate_On29February_ExistsOnlyInLeapYears()
    {
        var rule = new FixedDateRule(2, 29);
        rule.DateIn(2028).Should().Be(D("2028-02-29"));
        rule.DateIn(2027).Should().BeNull();
    }

    [Fact]
    public void OccurrenceIn_BeforeValidFrom_IsNone()
    {
        var family = new HolidayRule("family-day", Name("Family Day"), new FixedDateRule(5, 17), validFrom: D("2025-01-01"));
        family.OccurrenceIn(2024).Should().BeNull();
        family.OccurrenceIn(2027).Should().Be(D("2027-05-17"));
    }

    [Fact]
    public void OccurrenceIn_AfterValidTo_IsNone()
    {
        var rule = new HolidayRule("labour-day-2", Name("2 May"), new FixedDateRule(5, 2), validTo: D("2017-12-31"));
        rule.OccurrenceIn(2017).Should().Be(D("2017-05-02"));
        rule.OccurrenceIn(2018).Should().BeNull();
    }

    [Fact]
    public void Constructor_ValidFromAfterValidTo_Throws() =>
        FluentActions.Invoking(() => new HolidayRule("x", Name("X"), new FixedDateRule(1, 1), validFrom: D("2020-01-01"), validTo: D("2019-01-01")))
            .Should().Throw<ArgumentException>();

    [Fact]
    public void FixedDate_31April_IsRejected() =>
        FluentActions.Invoking(() => new FixedDateRule(4, 31)).Should().Throw<ArgumentOutOfRangeException>();
}

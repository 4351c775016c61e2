using FoiTracker.Domain.Calendars;
using static FoiTracker.Domain.Tests.TestCalendars;

namespace FoiTracker.Domain.Tests.Calendars;

public class EasterTests
{
    [Theory]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-12")]
    [InlineData(2027, "2027-05-02")]
    [InlineData(2028, "2028-04-16")]
    [InlineData(2029, "2029-04-08")]
    [InlineData(2030, "2030-04-28")]
    [InlineData(2024, "2024-05-05")]
    [InlineData(2023, "2023-04-16")]
    [InlineData(2021, "2021-05-02")]
    [InlineData(2019, "2019-04-28")]
    [InlineData(2000, "2000-04-30")]
    public void OrthodoxSunday_MatchesPublishedDates(int year, string expected) =>
        Easter.OrthodoxSunday(year).Should().Be(D(expected));

    [Theory]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2028, "2028-04-16")]
    [InlineData(2029, "2029-04-01")]
    [InlineData(2030, "2030-04-21")]
    [InlineData(2019, "2019-04-21")]
    [InlineData(2000, "2000-04-23")]
    [InlineData(2038, "2038-04-25")]
    public void WesternSunday_MatchesPublishedDates(int year, string expected) =>
        Easter.WesternSunday(year).Should().Be(D(expected));

    [Fact]
    public void OrthodoxSunday_From1900To2099_IsASundayBetween4AprilAnd8MayAndNeverBeforeWesternEaster()
    {
        for (var year = 1900; year <= 2099; year++)
        {
            var orthodox = Easter.OrthodoxSunday(year);
            orthodox.DayOfWeek.Should().Be(DayOfWeek.Sunday, $"Easter {year} is a Sunday");
            orthodox.Should().BeOnOrAfter(new DateOnly(year, 4, 4)).And.BeOnOrBefore(new DateOnly(year, 5, 8));
            orthodox.Should().BeOnOrAfter(Easter.WesternSunday(year));
        }
    }

    [Fact]
    public void OrthodoxSunday_From1900To2099_IsTheJulianDatePlusThirteenDays()
    {
        // Independent check through the Julian day number: a Julian-calendar date converted with the
        // standard JDN formulas lands 13 days later in the Gregorian calendar throughout 1900–2099.
        for (var year = 1900; year <= 2099; year++)
        {
            var gregorian = Easter.OrthodoxSunday(year);
            var julian = JulianDateOf(gregorian);
            (gregorian.DayNumber - new DateOnly(julian.Year, julian.Month, julian.Day).DayNumber).Should().Be(13);
            (julian.Month, julian.Day).Should().Be(JulianComputus(year));
        }
    }

    [Fact]
    public void WesternSunday_For1583To4099_IsAlwaysASundayBetween22MarchAnd25April()
    {
        for (var year = Easter.MinYear; year <= Easter.MaxYear; year++)
        {
            var easter = Easter.WesternSunday(year);
            easter.DayOfWeek.Should().Be(DayOfWeek.Sunday);
            easter.Should().BeOnOrAfter(new DateOnly(year, 3, 22)).And.BeOnOrBefore(new DateOnly(year, 4, 25));
        }
    }

    [Fact]
    public void OrthodoxSunday_In2100_UsesTheFourteenDayGapAfterFebruary2100() =>
        // 2100 is not a Gregorian leap year, so the Julian calendar falls one more day behind.
        (Easter.OrthodoxSunday(2100).DayNumber - ReadAsGregorian(JulianComputus(2100), 2100).DayNumber).Should().Be(14);

    [Fact]
    public void Sunday_OutsideSupportedYears_Throws() =>
        FluentActions.Invoking(() => Easter.OrthodoxSunday(1500)).Should().Throw<ArgumentOutOfRangeException>();

    // Gauss' Julian Easter, written independently of the production Meeus form.
    private static (int Month, int Day) JulianComputus(int year)
    {
        var a = year % 19;
        var b = year % 4;
        var c = year % 7;
        var d = ((19 * a) + 15) % 30;
        var e = ((2 * b) + (4 * c) + (6 * d) + 6) % 7;
        var day = 22 + d + e;
        return day > 31 ? (4, day - 31) : (3, day);
    }

    private static DateOnly ReadAsGregorian((int Month, int Day) date, int year) => new(year, date.Month, date.Day);

    private static (int Year, int Month, int Day) JulianDateOf(DateOnly gregorian)
    {
        // DateOnly.DayNumber 0 is 0001-01-01 Gregorian = JDN 1721426.
        var jdn = gregorian.DayNumber + 1721426;
        var c = jdn + 32082;
        var d = ((4 * c) + 3) / 1461;
        var e = c - (1461 * d / 4);
        var m = ((5 * e) + 2) / 153;
        var day = e - (((153 * m) + 2) / 5) + 1;
        var month = m + 3 - (12 * (m / 10));
        var year = d - 4800 + (m / 10);
        return (year, month, day);
    }
}

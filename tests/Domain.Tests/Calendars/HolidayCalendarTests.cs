using FoiTracker.Domain.Calendars;
using static FoiTracker.Domain.Tests.TestCalendars;

namespace FoiTracker.Domain.Tests.Calendars;

public class HolidayCalendarTests
{
    [Fact]
    public void HolidaysIn_Georgia2027_ListsEveryLabourCodeHolidayWithOrthodoxEaster()
    {
        var holidays = Georgia().HolidaysIn(2027).Select(h => h.Date.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        holidays.Should().Equal(
            "01-01", "01-02", "01-07", "01-19", "03-03", "03-08", "04-09",
            "04-30", "05-01", "05-02", "05-03", "05-09", "05-12", "05-17", "05-26", "08-28", "10-14", "11-23");
    }

    [Fact]
    public void IsWorkingDay_GeorgiaOnWesternGoodFriday2027_IsAWorkingDay()
    {
        // Western Good Friday 2027 is 26 March; Georgia keeps the Orthodox one (30 April).
        var georgia = Georgia();
        georgia.IsWorkingDay(D("2027-03-26")).Should().BeTrue();
        georgia.IsWorkingDay(D("2027-04-30")).Should().BeFalse();
    }

    [Fact]
    public void Substitutes_ChristmasOnSaturdayAndBoxingDayOnSunday_TakeMondayAndTuesday()
    {
        var england = England();
        england.HolidaysIn(2027).Where(h => h.Kind == HolidayKind.Substitute).Select(h => (h.Date, h.Source))
            .Should().Equal((D("2027-12-27"), "christmas"), (D("2027-12-28"), "boxing-day"));
    }

    [Fact]
    public void Substitutes_ChristmasOnSundayAfterBoxingDayMonday_TakesTuesday()
    {
        // 2022: Christmas on Sunday, Boxing Day on Monday 26th → Christmas substitute Tuesday 27th.
        var england = England();
        england.IsWorkingDay(D("2022-12-26")).Should().BeFalse();
        england.IsWorkingDay(D("2022-12-27")).Should().BeFalse();
        england.IsWorkingDay(D("2022-12-28")).Should().BeTrue();
    }

    [Fact]
    public void Substitutes_NewYearOnSaturday_MovesToMondayInTheNewYear() =>
        England().HolidaysOn(D("2028-01-03")).Should().ContainSingle(h => h.Kind == HolidayKind.Substitute && h.Source == "new-year");

    [Fact]
    public void NearestWeekday_NewYear2028OnSaturday_IsObservedOnFriday31December2027()
    {
        var us = UsFederal();
        us.IsWorkingDay(D("2027-12-31")).Should().BeFalse();
        us.HolidaysIn(2027).Should().Contain(h => h.Date == D("2027-12-31") && h.Name.En == "New Year's Day (observed)");
        us.HolidaysIn(2028).Should().Contain(h => h.Date == D("2028-01-01") && h.Kind == HolidayKind.Rule);
    }

    [Fact]
    public void NearestWeekday_SundayHoliday_IsObservedOnMonday() =>
        UsFederal().IsWorkingDay(D("2027-07-05")).Should().BeFalse();

    [Fact]
    public void Juneteenth_BeforeItBecameLaw_IsNotAHoliday()
    {
        var us = UsFederal();
        us.IsWorkingDay(D("2020-06-19")).Should().BeTrue();
        us.IsWorkingDay(D("2021-06-18")).Should().BeFalse(); // 19 June 2021 was a Saturday
    }

    [Fact]
    public void Overrides_CancelAndDayOff_MoveEarlyMayBankHoliday2020ToVeDay()
    {
        var england = England();
        england.IsWorkingDay(D("2020-05-04")).Should().BeTrue();
        england.IsWorkingDay(D("2020-05-08")).Should().BeFalse();
        england.HolidaysOn(D("2020-05-08")).Should().ContainSingle().Which.Kind.Should().Be(HolidayKind.DayOff);
    }

    [Fact]
    public void Overrides_WorkingDay_MakesASaturdayCount()
    {
        var calendar = Georgia(overrides: [new CalendarOverride(D("2027-06-05"), CalendarOverrideKind.WorkingDay, Name("Swapped Saturday"))]);
        calendar.IsWorkingDay(D("2027-06-05")).Should().BeTrue();
        calendar.WorkingDaysBetween(D("2027-06-04"), D("2027-06-07")).Should().Be(2);
    }

    [Fact]
    public void AddWorkingDays_AndWorkingDaysBetween_AgreeWithADayByDayWalkFrom1995To2045()
    {
        var georgia = Georgia();
        var random = new Random(20270427);
        for (var i = 0; i < 3000; i++)
        {
            var from = D("1995-01-01").AddDays(random.Next(0, 365 * 50));
            var count = random.Next(0, 400);
            var expected = from;
            for (var left = count; left > 0;)
            {
                expected = expected.AddDays(1);
                if (expected.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && georgia.HolidaysOn(expected).Count == 0)
                    left--;
            }

            georgia.AddWorkingDays(from, count).Should().Be(expected, $"{count} working days after {from:yyyy-MM-dd}");
            georgia.WorkingDaysBetween(from, expected).Should().Be(count);
            georgia.WorkingDaysBetween(expected, from).Should().Be(-count);
        }
    }

    [Fact]
    public void WorkingDaysBetween_AcrossManyYears_SumsEachYear()
    {
        var georgia = Georgia();
        var walked = 0;
        for (var day = D("2000-01-01"); day < D("2040-12-31"); day = day.AddDays(1))
        {
            if (georgia.IsWorkingDay(day.AddDays(1)))
                walked++;
        }

        georgia.WorkingDaysBetween(D("2000-01-01"), D("2040-12-31")).Should().Be(walked);
    }

    [Fact]
    public void ReasonNotWorking_HolySaturday_NamesTheHolidayNotJustTheWeekend()
    {
        var reason = Georgia().ReasonNotWorking(D("2027-05-01"));
        reason.Should().NotBeNull();
        reason!.IsRestDay.Should().BeTrue();
        reason.Describe().Should().Be("Orthodox Holy Saturday");
    }

    [Fact]
    public void ReasonNotWorking_OrdinaryTuesday_IsNull() =>
        Georgia().ReasonNotWorking(D("2027-04-27")).Should().BeNull();

    [Fact]
    public void Constructor_SevenRestDays_IsRejected() =>
        FluentActions.Invoking(() => new HolidayCalendar(CalendarId.Create("x"), 1, Name("X"), Enum.GetValues<DayOfWeek>(), []))
            .Should().Throw<ArgumentException>();

    [Fact]
    public void Constructor_DuplicateRuleKeys_IsRejected() =>
        FluentActions.Invoking(() => new HolidayCalendar(
                CalendarId.Create("x"), 1, Name("X"), [DayOfWeek.Sunday],
                [new HolidayRule("a", Name("A"), new FixedDateRule(1, 1)), new HolidayRule("a", Name("B"), new FixedDateRule(1, 2))]))
            .Should().Throw<ArgumentException>().WithMessage("*'a'*");

    [Fact]
    public void IsWorkingDay_OutsideSupportedYears_Throws() =>
        FluentActions.Invoking(() => Georgia().IsWorkingDay(new DateOnly(1500, 1, 1))).Should().Throw<ArgumentOutOfRangeException>();

    [Fact]
    public void WorkingDayTables_BuiltConcurrently_GiveTheSameAnswers()
    {
        var georgia = Georgia();
        var results = new int[8];
        Parallel.For(0, results.Length, i => results[i] = georgia.WorkingDaysBetween(D("1990-01-01"), D("2100-12-31")));
        results.Distinct().Should().ContainSingle();
    }
}

using System.Globalization;
using FoiTracker.Domain.Calendars;
using static FoiTracker.Infrastructure.Tests.Statutes.Seeds;

namespace FoiTracker.Infrastructure.Tests.Statutes;

/// <summary>Each seed calendar's days off in a sample year, checked against the published lists.</summary>
public class CalendarSeedTests
{
    /// <summary>Weekdays (Monday–Friday) that are not working days in the year, as MM-dd.</summary>
    private static IEnumerable<string> WeekdaysOff(string calendarId, int year)
    {
        var calendar = Catalog.GetCalendar(calendarId);
        for (var day = new DateOnly(year, 1, 1); day.Year == year; day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !calendar.IsWorkingDay(day))
                yield return day.ToString("MM-dd", CultureInfo.InvariantCulture);
        }
    }

    [Fact]
    public void Georgia2027_WeekdaysOff_FollowLabourCodeArticle30WithOrthodoxEaster() =>
        // Good Friday 30 Apr and Easter Monday 3 May (Orthodox Easter 2 May); 2 Jan, 1–2 May, 9 May
        // and 28 Aug fall on weekends and are not replaced.
        WeekdaysOff("ge", 2027).Should().Equal(
            "01-01", "01-07", "01-19", "03-03", "03-08", "04-09", "04-30", "05-03",
            "05-12", "05-17", "05-26", "10-14", "11-23");

    [Fact]
    public void Georgia2024_DecreedDaysOff_AreIncluded() =>
        // Orthodox Easter 5 May 2024; Government resolutions added 7, 8, 10 and 17 May.
        WeekdaysOff("ge", 2024).Where(d => d.StartsWith("05", StringComparison.Ordinal))
            .Should().Equal("05-03", "05-06", "05-07", "05-08", "05-09", "05-10", "05-17");

    [Fact]
    public void Georgia2021_CovidDaysOff_CoverEarlyJanuary() =>
        WeekdaysOff("ge", 2021).Where(d => d.StartsWith("01", StringComparison.Ordinal))
            .Should().Equal("01-01", "01-04", "01-05", "01-06", "01-07", "01-08", "01-11", "01-12", "01-13", "01-14", "01-15", "01-19");

    [Fact]
    public void England2027_BankHolidays_IncludeChristmasAndBoxingDaySubstitutes() =>
        // gov.uk: 1 Jan, Good Friday 26 Mar, Easter Monday 29 Mar, 3 May, 31 May, 30 Aug, 27 and 28 Dec.
        WeekdaysOff("gb-eng", 2027).Should().Equal("01-01", "03-26", "03-29", "05-03", "05-31", "08-30", "12-27", "12-28");

    [Fact]
    public void England2022_JubileeAndFuneral_MoveAndAddBankHolidays() =>
        WeekdaysOff("gb-eng", 2022).Should().Equal(
            "01-03", "04-15", "04-18", "05-02", "06-02", "06-03", "08-29", "09-19", "12-26", "12-27");

    [Fact]
    public void Scotland2027_BankHolidays_Include2JanuarySubstituteAndStAndrew() =>
        // 2 Jan is a Saturday → Monday 4 Jan; no Easter Monday; first Monday of August; St Andrew Tue 30 Nov.
        WeekdaysOff("gb-sct", 2027).Should().Equal("01-01", "01-04", "03-26", "05-03", "05-31", "08-02", "11-30", "12-27", "12-28");

    [Fact]
    public void Scotland2028_NewYearOnSaturdayAnd2JanuaryOnSunday_GiveMonday3AndTuesday4() =>
        WeekdaysOff("gb-sct", 2028).Take(2).Should().Equal("01-03", "01-04");

    [Fact]
    public void Ireland2027_PublicHolidays_IncludeStBrigidOnMonday1February() =>
        WeekdaysOff("ie", 2027).Should().Equal("01-01", "02-01", "03-17", "03-29", "05-03", "06-07", "08-02", "10-25", "12-27", "12-28");

    [Theory]
    [InlineData(2028, "02-07")] // 1 Feb 2028 is a Tuesday → first Monday, 7 Feb
    [InlineData(2030, "02-01")] // 1 Feb 2030 is a Friday → 1 Feb itself
    [InlineData(2022, "")] // before St Brigid's Day became a public holiday (2023)
    public void Ireland_StBrigidsDay_IsFirstMondayOfFebruaryOrFridayFirst(int year, string expected) =>
        WeekdaysOff("ie", year).Where(d => d.StartsWith("02", StringComparison.Ordinal)).Should().Equal(expected.Length == 0 ? [] : [expected]);

    [Fact]
    public void Ireland2022_OnceOffPublicHoliday_On18March() =>
        WeekdaysOff("ie", 2022).Should().Contain("03-18");

    [Fact]
    public void UsFederal2027_Holidays_AreObservedOnTheNearestWeekday() =>
        // Juneteenth (Sat) → Fri 18 Jun; Independence Day (Sun) → Mon 5 Jul; Christmas (Sat) → Fri 24 Dec;
        // New Year's Day 2028 (Sat) → Fri 31 Dec 2027.
        WeekdaysOff("us-federal", 2027).Should().Equal(
            "01-01", "01-18", "02-15", "05-31", "06-18", "07-05", "09-06", "10-11", "11-11", "11-25", "12-24", "12-31");

    [Fact]
    public void UsFederal_ExecutiveOrderDaysOff_AreIncluded()
    {
        var us = Catalog.GetCalendar("us-federal");
        us.IsWorkingDay(D("2024-12-24")).Should().BeFalse();
        us.IsWorkingDay(D("2025-01-09")).Should().BeFalse();
        us.IsWorkingDay(D("2023-12-26")).Should().BeTrue();
    }

    [Fact]
    public void California2027_StateHolidays_MoveOnlyFromSunday() =>
        // 4 Jul (Sun) → Mon 5 Jul; 25 Dec (Sat) is not moved; Native American Day is the 4th Friday of September.
        WeekdaysOff("us-ca", 2027).Should().Equal(
            "01-01", "01-18", "02-12", "02-15", "03-31", "05-31", "07-05", "09-06", "09-24", "10-11", "11-11", "11-25", "11-26");

    [Fact]
    public void Ukraine2021_BeforeMartialLaw_HolidaysOnWeekendsMoveToTheNextWorkingDay() =>
        // 1 May (Sat) → Mon 3 May; Orthodox Easter 2 May → Tue 4 May; 9 May (Sun) → Mon 10 May;
        // Trinity 20 June → Mon 21 June; 25 Dec (Sat) → Mon 27 Dec.
        WeekdaysOff("ua", 2021).Should().Equal(
            "01-01", "01-07", "03-08", "05-03", "05-04", "05-10", "06-21", "06-28", "08-24", "10-14", "12-27");

    [Fact]
    public void Ukraine2027_UnderMartialLaw_HasNoHolidays() =>
        WeekdaysOff("ua", 2027).Should().BeEmpty();

    [Fact]
    public void EuInstitutions2027_Holidays_FollowTheCommissionsUsualList() =>
        WeekdaysOff("eu", 2027).Should().Equal(
            "01-01", "03-25", "03-26", "03-29", "05-06", "05-07", "05-17", "07-21", "11-01", "11-02",
            "12-24", "12-27", "12-28", "12-29", "12-30", "12-31");

    [Fact]
    public void Germany2027_NationwideHolidays_OnWeekdays() =>
        // 1 May (Sat), 3 Oct (Sun), 25–26 Dec (Sat–Sun) are lost.
        WeekdaysOff("de", 2027).Should().Equal("01-01", "03-26", "03-29", "05-06", "05-17");

    [Fact]
    public void Germany2017_ReformationDay_WasANationwideDayOff() =>
        WeekdaysOff("de", 2017).Should().Contain("10-31");

    [Theory]
    [InlineData("ge")]
    [InlineData("gb-eng")]
    [InlineData("gb-sct")]
    [InlineData("ie")]
    [InlineData("us-federal")]
    [InlineData("us-ca")]
    [InlineData("ua")]
    [InlineData("eu")]
    [InlineData("de")]
    public void EveryCalendar_From1990To2100_BuildsAndHasBetween200And262WorkingDaysAYear(string id)
    {
        var calendar = Catalog.GetCalendar(id);
        for (var year = 1990; year <= 2100; year++)
        {
            var days = calendar.WorkingDaysBetween(new DateOnly(year - 1, 12, 31), new DateOnly(year, 12, 31));
            days.Should().BeInRange(200, 262, $"{id} {year}");
            calendar.HolidaysIn(year).Where(h => h.Date.Year != year).Should().BeEmpty();
        }
    }

    [Fact]
    public void HolidayNames_CarryLocalLanguageWhereGiven()
    {
        var germany = Catalog.GetCalendar("de");
        germany.LocalLanguage.Should().Be("de");
        germany.HolidaysOn(D("2027-03-29")).Should().ContainSingle().Which.Name.In("local").Should().Be("Ostermontag");
        Catalog.GetCalendar("ge").HolidaysOn(D("2027-05-12")).Single().Name.Ka.Should().Be("ანდრიობა");
    }
}

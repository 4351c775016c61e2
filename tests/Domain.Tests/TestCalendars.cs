using FoiTracker.Domain.Calendars;
using FoiTracker.Domain.Statutes;

namespace FoiTracker.Domain.Tests;

/// <summary>
/// Calendars and a statute built in code, so Domain tests stay free of I/O. The Georgian one mirrors
/// seeds/calendars/ge.json (Labour Code Art 30); the seed file itself is tested in Infrastructure.Tests.
/// </summary>
internal static class TestCalendars
{
    private static readonly DayOfWeek[] Weekend = [DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static HolidayCalendar Georgia(int version = 1, IEnumerable<CalendarOverride>? overrides = null) =>
        new(
            CalendarId.Create("ge"),
            version,
            new MultilingualName("Georgia", "საქართველო"),
            Weekend,
            [
                Fixed("new-year", "New Year's Day", 1, 1),
                Fixed("new-year-2", "New Year holiday", 1, 2),
                Fixed("christmas", "Orthodox Christmas", 1, 7),
                Fixed("epiphany", "Epiphany", 1, 19),
                Fixed("mothers-day", "Mother's Day", 3, 3),
                Fixed("womens-day", "International Women's Day", 3, 8),
                Fixed("national-unity", "Day of National Unity", 4, 9),
                Orthodox("good-friday", "Orthodox Good Friday", -2),
                Orthodox("holy-saturday", "Orthodox Holy Saturday", -1),
                Orthodox("easter-sunday", "Orthodox Easter Sunday", 0),
                Orthodox("easter-monday", "Orthodox Easter Monday", 1),
                Fixed("victory-day", "Day of Victory over Fascism", 5, 9),
                Fixed("st-andrew", "St Andrew the First-Called Day", 5, 12),
                new HolidayRule("family-day", Name("Day of Family Sanctity"), new FixedDateRule(5, 17), validFrom: new DateOnly(2025, 1, 1)),
                Fixed("independence-day", "Independence Day", 5, 26),
                Fixed("mariamoba", "Mariamoba", 8, 28),
                Fixed("svetitskhovloba", "Svetitskhovloba", 10, 14),
                Fixed("giorgoba", "Giorgoba", 11, 23),
            ],
            overrides);

    /// <summary>England's substitute-day rules, enough to test them.</summary>
    public static HolidayCalendar England() =>
        new(
            CalendarId.Create("gb-eng"),
            1,
            Name("England and Wales"),
            Weekend,
            [
                new HolidayRule("new-year", Name("New Year's Day"), new FixedDateRule(1, 1), SubstitutePolicy.NextWorkingDay),
                new HolidayRule("good-friday", Name("Good Friday"), new EasterOffsetRule(EasterComputus.Western, -2)),
                new HolidayRule("easter-monday", Name("Easter Monday"), new EasterOffsetRule(EasterComputus.Western, 1)),
                new HolidayRule("early-may", Name("Early May bank holiday"), new NthWeekdayRule(5, DayOfWeek.Monday, 1)),
                new HolidayRule("spring", Name("Spring bank holiday"), new LastWeekdayRule(5, DayOfWeek.Monday)),
                new HolidayRule("summer", Name("Summer bank holiday"), new LastWeekdayRule(8, DayOfWeek.Monday)),
                new HolidayRule("christmas", Name("Christmas Day"), new FixedDateRule(12, 25), SubstitutePolicy.NextWorkingDay),
                new HolidayRule("boxing-day", Name("Boxing Day"), new FixedDateRule(12, 26), SubstitutePolicy.NextWorkingDay),
            ],
            [
                new CalendarOverride(new DateOnly(2020, 5, 4), CalendarOverrideKind.CancelHoliday, Name("Early May moved")),
                new CalendarOverride(new DateOnly(2020, 5, 8), CalendarOverrideKind.DayOff, Name("VE Day")),
            ]);

    /// <summary>US federal observed-day rules.</summary>
    public static HolidayCalendar UsFederal() =>
        new(
            CalendarId.Create("us-federal"),
            1,
            Name("US federal"),
            Weekend,
            [
                new HolidayRule("new-year", Name("New Year's Day"), new FixedDateRule(1, 1), SubstitutePolicy.NearestWeekday),
                new HolidayRule("juneteenth", Name("Juneteenth"), new FixedDateRule(6, 19), SubstitutePolicy.NearestWeekday, new DateOnly(2021, 6, 17)),
                new HolidayRule("independence", Name("Independence Day"), new FixedDateRule(7, 4), SubstitutePolicy.NearestWeekday),
                new HolidayRule("christmas", Name("Christmas Day"), new FixedDateRule(12, 25), SubstitutePolicy.NearestWeekday),
            ]);

    public static Statute GeorgianGac(HolidayCalendar? calendar = null) =>
        new(
            StatuteId.Create("ge-gac"),
            1,
            new MultilingualName("General Administrative Code of Georgia", "საქართველოს ზოგადი ადმინისტრაციული კოდექსი"),
            "GAC",
            Jurisdictions.JurisdictionCode.Create("ge"),
            (calendar ?? Georgia()).Id,
            "Asia/Tbilisi",
            [
                new DeadlineRule("response", 10, DeadlineUnit.WorkingDays, DeadlineStart.DayAfterEvent, true, "GAC 40(1)"),
                new DeadlineRule("refusal_explanation", 3, DeadlineUnit.WorkingDays, DeadlineStart.DayAfterEvent, true, "GAC 41"),
                new DeadlineRule("complaint_filing", 1, DeadlineUnit.Months, DeadlineStart.DayAfterEvent, true, "GAC 178"),
                new DeadlineRule("complaint_decision_extended", 2, DeadlineUnit.Months, DeadlineStart.DayAfterEvent, true, "GAC 183"),
            ]);

    public static MultilingualName Name(string en) => new(en);

    public static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    private static HolidayRule Fixed(string key, string en, int month, int day) =>
        new(key, Name(en), new FixedDateRule(month, day));

    private static HolidayRule Orthodox(string key, string en, int offset) =>
        new(key, Name(en), new EasterOffsetRule(EasterComputus.Orthodox, offset));
}

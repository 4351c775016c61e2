namespace FoiTracker.Domain.Calendars;

/// <summary>
/// One calendar year's holidays and working days, precomputed: for each day of the year the number of
/// working days up to and including it, and the position of each working day. This makes "n-th working
/// day after" and "working days between" array look-ups instead of day-by-day walks.
/// </summary>
internal sealed class WorkingDayYear
{
    private readonly int[] _workingThrough;
    private readonly int[] _workingOffsets;

    private WorkingDayYear(int year, int firstDayNumber, int[] workingThrough, int[] workingOffsets, IReadOnlyList<Holiday> holidays)
    {
        Year = year;
        FirstDayNumber = firstDayNumber;
        _workingThrough = workingThrough;
        _workingOffsets = workingOffsets;
        Holidays = holidays;
    }

    public int Year { get; }

    public int FirstDayNumber { get; }

    public int WorkingDayCount => _workingOffsets.Length;

    public IReadOnlyList<Holiday> Holidays { get; }

    /// <summary>Working days from 1 January up to and including the day at <paramref name="offset"/>.</summary>
    public int WorkingDaysThrough(int offset) => _workingThrough[offset];

    /// <summary>Day-of-year offset of the working day with zero-based rank <paramref name="rank"/>.</summary>
    public int WorkingDayOffset(int rank) => _workingOffsets[rank];

    public bool IsWorking(int offset) =>
        _workingThrough[offset] - (offset == 0 ? 0 : _workingThrough[offset - 1]) == 1;

    public static WorkingDayYear Build(HolidayCalendar calendar, int year)
    {
        var holidays = HolidaysAround(calendar, year)
            .Where(h => h.Date.Year == year)
            .OrderBy(h => h.Date)
            .ThenBy(h => h.Kind)
            .ToArray();
        var workingOverrides = calendar.Overrides
            .Where(o => o.Kind == CalendarOverrideKind.WorkingDay && o.Date.Year == year)
            .Select(o => o.Date)
            .ToHashSet();
        var holidayDates = holidays.Select(h => h.Date).ToHashSet();

        var first = new DateOnly(year, 1, 1);
        var days = DateTime.IsLeapYear(year) ? 366 : 365;
        var through = new int[days];
        var offsets = new List<int>(days);
        var count = 0;
        for (var offset = 0; offset < days; offset++)
        {
            var date = first.AddDays(offset);
            var working = workingOverrides.Contains(date)
                || (!calendar.IsRestDay(date.DayOfWeek) && !holidayDates.Contains(date));
            if (working)
            {
                count++;
                offsets.Add(offset);
            }

            through[offset] = count;
        }

        return new WorkingDayYear(year, first.DayNumber, through, [.. offsets], holidays);
    }

    /// <summary>
    /// Holidays of the year and its neighbours: a substitute or observed day can cross New Year
    /// (1 January 2028 on a Saturday is observed by US federal offices on Friday 31 December 2027).
    /// </summary>
    private static List<Holiday> HolidaysAround(HolidayCalendar calendar, int year)
    {
        var cancelled = calendar.Overrides
            .Where(o => o.Kind == CalendarOverrideKind.CancelHoliday)
            .Select(o => o.Date)
            .ToHashSet();
        var occurrences = new List<(DateOnly Date, HolidayRule Rule)>();
        for (var y = year - 1; y <= year + 1; y++)
        {
            foreach (var rule in calendar.Rules)
            {
                if (rule.OccurrenceIn(y) is { } date && !cancelled.Contains(date))
                    occurrences.Add((date, rule));
            }
        }

        var holidays = occurrences
            .Select(o => new Holiday(o.Date, o.Rule.Name, HolidayKind.Rule, o.Rule.Key))
            .ToList();
        foreach (var dayOff in calendar.Overrides.Where(o => o.Kind == CalendarOverrideKind.DayOff && Math.Abs(o.Date.Year - year) <= 1))
            holidays.Add(new Holiday(dayOff.Date, dayOff.Name, HolidayKind.DayOff, dayOff.Source ?? "override"));

        // Substitutes are handed out in date order, each avoiding rest days and every day already off,
        // so Christmas on a Saturday takes Monday and Boxing Day on the Sunday takes Tuesday.
        var taken = holidays.Select(h => h.Date).ToHashSet();
        foreach (var (date, rule) in occurrences.OrderBy(o => o.Date))
        {
            if (rule.Substitute == SubstitutePolicy.None || !calendar.IsRestDay(date.DayOfWeek))
                continue;
            DateOnly? substitute = rule.Substitute switch
            {
                SubstitutePolicy.NextWorkingDay => NextFreeWeekday(calendar, date, taken),
                SubstitutePolicy.NearestWeekday => date.DayOfWeek switch
                {
                    DayOfWeek.Saturday => date.AddDays(-1),
                    DayOfWeek.Sunday => date.AddDays(1),
                    _ => null,
                },
                SubstitutePolicy.SundayToMonday => date.DayOfWeek == DayOfWeek.Sunday ? date.AddDays(1) : null,
                _ => null,
            };
            if (substitute is not { } day)
                continue;
            taken.Add(day);
            var name = rule.Substitute == SubstitutePolicy.NextWorkingDay
                ? rule.Name.WithSuffix(" (substitute day)", null)
                : rule.Name.WithSuffix(" (observed)", null);
            holidays.Add(new Holiday(day, name, HolidayKind.Substitute, rule.Key));
        }

        return holidays;
    }

    private static DateOnly NextFreeWeekday(HolidayCalendar calendar, DateOnly date, HashSet<DateOnly> taken)
    {
        var day = date.AddDays(1);
        while (calendar.IsRestDay(day.DayOfWeek) || taken.Contains(day))
            day = day.AddDays(1);
        return day;
    }
}

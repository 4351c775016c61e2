namespace FoiTracker.Domain.Calendars;

/// <summary>How a holiday's date is found in a given year.</summary>
public abstract record HolidayDateRule
{
    /// <summary>The holiday's date in <paramref name="year"/>, or null when it has none that year (29 February).</summary>
    public abstract DateOnly? DateIn(int year);
}

/// <summary>
/// The same day every year (7 January). An optional shift per weekday moves the date when it falls on
/// that weekday: Ireland's St Brigid's Day is 1 February when that is a Friday or a Monday, otherwise
/// the first Monday after it.
/// </summary>
public sealed record FixedDateRule : HolidayDateRule
{
    public FixedDateRule(int month, int day, IReadOnlyDictionary<DayOfWeek, int>? weekdayShifts = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        ArgumentOutOfRangeException.ThrowIfLessThan(day, 1);
        // 2000 is a leap year, so 29 February is accepted here and simply skipped in other years.
        ArgumentOutOfRangeException.ThrowIfGreaterThan(day, DateTime.DaysInMonth(2000, month));
        if (weekdayShifts is not null && weekdayShifts.Values.Any(shift => Math.Abs(shift) > 31))
            throw new ArgumentOutOfRangeException(nameof(weekdayShifts), "A weekday shift moves a date by at most 31 days.");
        Month = month;
        Day = day;
        WeekdayShifts = weekdayShifts ?? new Dictionary<DayOfWeek, int>();
    }

    public int Month { get; }

    public int Day { get; }

    public IReadOnlyDictionary<DayOfWeek, int> WeekdayShifts { get; }

    public override DateOnly? DateIn(int year)
    {
        if (Day > DateTime.DaysInMonth(year, Month))
            return null;
        var date = new DateOnly(year, Month, Day);
        return WeekdayShifts.TryGetValue(date.DayOfWeek, out var shift) ? date.AddDays(shift) : date;
    }
}

/// <summary>A day a fixed number of days from Easter Sunday (Good Friday = −2, Whit Monday = +50).</summary>
public sealed record EasterOffsetRule : HolidayDateRule
{
    public EasterOffsetRule(EasterComputus computus, int offsetDays)
    {
        if (!Enum.IsDefined(computus))
            throw new ArgumentOutOfRangeException(nameof(computus), computus, "Unknown Easter computus.");
        ArgumentOutOfRangeException.ThrowIfLessThan(offsetDays, -70);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offsetDays, 70);
        Computus = computus;
        OffsetDays = offsetDays;
    }

    public EasterComputus Computus { get; }

    public int OffsetDays { get; }

    public override DateOnly? DateIn(int year) => Easter.Sunday(Computus, year).AddDays(OffsetDays);
}

/// <summary>The n-th given weekday of a month (the third Monday of January).</summary>
public sealed record NthWeekdayRule : HolidayDateRule
{
    public NthWeekdayRule(int month, DayOfWeek weekday, int occurrence)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        ArgumentOutOfRangeException.ThrowIfLessThan(occurrence, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(occurrence, 4);
        Month = month;
        Weekday = weekday;
        Occurrence = occurrence;
    }

    public int Month { get; }

    public DayOfWeek Weekday { get; }

    /// <summary>1 to 4; the fifth is not used because not every month has one ("last" is its own rule).</summary>
    public int Occurrence { get; }

    public override DateOnly? DateIn(int year)
    {
        var first = new DateOnly(year, Month, 1);
        var toWeekday = ((int)Weekday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(toWeekday + (7 * (Occurrence - 1)));
    }
}

/// <summary>The last given weekday of a month (the last Monday of May).</summary>
public sealed record LastWeekdayRule : HolidayDateRule
{
    public LastWeekdayRule(int month, DayOfWeek weekday)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        Month = month;
        Weekday = weekday;
    }

    public int Month { get; }

    public DayOfWeek Weekday { get; }

    public override DateOnly? DateIn(int year)
    {
        var last = new DateOnly(year, Month, DateTime.DaysInMonth(year, Month));
        var back = ((int)last.DayOfWeek - (int)Weekday + 7) % 7;
        return last.AddDays(-back);
    }
}

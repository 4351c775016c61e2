namespace FoiTracker.Domain.Calendars;

/// <summary>
/// A named, versioned working-day calendar: rest days, recurring holidays (with substitute-day rules and
/// periods of validity) and dated overrides. Working-day arithmetic runs on a per-year table built on
/// first use, so adding working days and counting them between two dates cost O(1) per year touched.
/// A calendar is immutable: a change to it is a new version; a deadline keeps the version it was counted on.
/// </summary>
public sealed class HolidayCalendar
{
    /// <summary>First year the calendar can answer for (the Gregorian computus starts in 1583).</summary>
    public const int MinYear = Easter.MinYear + 1;

    /// <summary>Last year the calendar can answer for.</summary>
    public const int MaxYear = Easter.MaxYear - 1;

    private readonly int _restDayMask;
    private readonly WorkingDayYear?[] _years = new WorkingDayYear?[MaxYear - MinYear + 1];

    public HolidayCalendar(
        CalendarId id,
        int version,
        MultilingualName name,
        IEnumerable<DayOfWeek> restDays,
        IEnumerable<HolidayRule> rules,
        IEnumerable<CalendarOverride>? overrides = null,
        string? localLanguage = null,
        string? note = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(restDays);
        ArgumentNullException.ThrowIfNull(rules);
        if (id.Value is null)
            throw new ArgumentException("A calendar needs an id.", nameof(id));

        var rest = restDays.Distinct().Order().ToArray();
        if (rest.Any(day => !Enum.IsDefined(day)))
            throw new ArgumentOutOfRangeException(nameof(restDays), "Unknown day of the week.");
        if (rest.Length == 7)
            throw new ArgumentException($"Calendar '{id}' has no working day in the week.", nameof(restDays));

        var ruleList = rules.ToArray();
        var duplicate = ruleList.GroupBy(rule => rule.Key, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"Calendar '{id}' has two holiday rules with the key '{duplicate.Key}'.", nameof(rules));

        Id = id;
        Version = version;
        Name = name;
        RestDays = rest;
        Rules = ruleList;
        Overrides = (overrides ?? []).OrderBy(o => o.Date).ToArray();
        LocalLanguage = string.IsNullOrWhiteSpace(localLanguage) ? null : localLanguage.Trim();
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        foreach (var day in rest)
            _restDayMask |= 1 << (int)day;
    }

    public CalendarId Id { get; }

    /// <summary>Version of this calendar's data; every change is a new version.</summary>
    public int Version { get; }

    public MultilingualName Name { get; }

    /// <summary>Weekly rest days (Saturday and Sunday almost everywhere).</summary>
    public IReadOnlyList<DayOfWeek> RestDays { get; }

    public IReadOnlyList<HolidayRule> Rules { get; }

    public IReadOnlyList<CalendarOverride> Overrides { get; }

    /// <summary>BCP 47 code of the language of the <see cref="MultilingualName.Local"/> names ("de", "uk", "ga").</summary>
    public string? LocalLanguage { get; }

    public string? Note { get; }

    public bool IsRestDay(DayOfWeek day) => (_restDayMask & (1 << (int)day)) != 0;

    /// <summary>All holidays dated in <paramref name="year"/>, including those on rest days and substitute days, by date.</summary>
    public IReadOnlyList<Holiday> HolidaysIn(int year) => YearOf(year).Holidays;

    /// <summary>The holidays on one date (usually none or one).</summary>
    public IReadOnlyList<Holiday> HolidaysOn(DateOnly date)
    {
        var all = YearOf(date.Year).Holidays;
        List<Holiday>? found = null;
        foreach (var holiday in all)
        {
            if (holiday.Date == date)
                (found ??= []).Add(holiday);
        }

        return found is null ? [] : found;
    }

    public bool IsWorkingDay(DateOnly date)
    {
        var table = YearOf(date.Year);
        return table.IsWorking(date.DayNumber - table.FirstDayNumber);
    }

    /// <summary>Why <paramref name="date"/> is not a working day, or null when it is one.</summary>
    public NonWorkingDay? ReasonNotWorking(DateOnly date)
    {
        if (IsWorkingDay(date))
            return null;
        var holidays = HolidaysOn(date);
        return new NonWorkingDay(date, holidays, IsRestDay(date.DayOfWeek));
    }

    /// <summary>
    /// The <paramref name="count"/>-th working day after <paramref name="date"/> (the date itself not counted);
    /// <paramref name="count"/> = 0 gives <paramref name="date"/> back.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly date, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
            return date;
        var table = YearOf(date.Year);
        var target = table.WorkingDaysThrough(date.DayNumber - table.FirstDayNumber) + count;
        while (target > table.WorkingDayCount)
        {
            target -= table.WorkingDayCount;
            table = YearOf(table.Year + 1);
        }

        return DateOnly.FromDayNumber(table.FirstDayNumber + table.WorkingDayOffset(target - 1));
    }

    /// <summary>
    /// Working days in the half-open interval (<paramref name="from"/>, <paramref name="to"/>]: the working
    /// days elapsed from an event to a later date. Negative when <paramref name="to"/> is before <paramref name="from"/>.
    /// </summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
            return -WorkingDaysBetween(to, from);
        var start = YearOf(from.Year);
        var end = from.Year == to.Year ? start : YearOf(to.Year);
        var count = end.WorkingDaysThrough(to.DayNumber - end.FirstDayNumber)
            - start.WorkingDaysThrough(from.DayNumber - start.FirstDayNumber);
        for (var year = from.Year; year < to.Year; year++)
            count += YearOf(year).WorkingDayCount;
        return count;
    }

    /// <summary>The date itself when it is a working day, else the first working day after it.</summary>
    public DateOnly NextWorkingDayOnOrAfter(DateOnly date) =>
        IsWorkingDay(date) ? date : AddWorkingDays(date, 1);

    /// <summary>The first working day strictly after <paramref name="date"/>.</summary>
    public DateOnly NextWorkingDayAfter(DateOnly date) => AddWorkingDays(date, 1);

    public override string ToString() => $"{Id} v{Version}";

    private WorkingDayYear YearOf(int year)
    {
        if (year is < MinYear or > MaxYear)
            throw new ArgumentOutOfRangeException(nameof(year), year, $"Calendar '{Id}' answers for the years {MinYear}–{MaxYear}.");
        ref var slot = ref _years[year - MinYear];
        var table = Volatile.Read(ref slot);
        if (table is not null)
            return table;
        // Building twice on a race is harmless: both threads build the same table, one wins.
        var built = WorkingDayYear.Build(this, year);
        return Interlocked.CompareExchange(ref slot, built, null) ?? built;
    }
}

/// <summary>A day that is not a working day: its holidays (if any) and whether it is a weekly rest day.</summary>
public sealed record NonWorkingDay(DateOnly Date, IReadOnlyList<Holiday> Holidays, bool IsRestDay)
{
    /// <summary>A short English reason: the holiday names, else the weekday ("Saturday").</summary>
    public string Describe() =>
        Holidays.Count > 0
            ? string.Join("; ", Holidays.Select(h => h.Name.En))
            : $"{Date.DayOfWeek} (rest day)";
}

namespace FoiTracker.Domain.Calendars;

/// <summary>What a dated override does to a calendar.</summary>
public enum CalendarOverrideKind
{
    /// <summary>An extra day off, e.g. declared by government resolution (Georgia: Labour Code 30(3)).</summary>
    DayOff = 1,

    /// <summary>A holiday the rules would give is not kept that year (a bank holiday moved to another date).</summary>
    CancelHoliday = 2,

    /// <summary>A rest day declared a working day (a swapped Saturday).</summary>
    WorkingDay = 3,
}

/// <summary>A one-off change to a calendar on one date, with the act that made it.</summary>
public sealed record CalendarOverride
{
    public CalendarOverride(DateOnly date, CalendarOverrideKind kind, MultilingualName name, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!Enum.IsDefined(kind))
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown override kind.");
        Date = date;
        Kind = kind;
        Name = name;
        Source = string.IsNullOrWhiteSpace(source) ? null : source.Trim();
    }

    public DateOnly Date { get; }

    public CalendarOverrideKind Kind { get; }

    /// <summary>For a day off, the holiday's name; otherwise what the override is about.</summary>
    public MultilingualName Name { get; }

    /// <summary>The act or notice that made the change ("Government Resolution No 698 of 26 Nov 2020").</summary>
    public string? Source { get; }
}

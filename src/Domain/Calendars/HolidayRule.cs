namespace FoiTracker.Domain.Calendars;

/// <summary>
/// One recurring holiday of a calendar: its name, how its date is found, what happens when it falls on
/// a rest day, and the period in which the rule is law (compared with the holiday's own date).
/// </summary>
public sealed record HolidayRule
{
    public HolidayRule(
        string key,
        MultilingualName name,
        HolidayDateRule date,
        SubstitutePolicy substitute = SubstitutePolicy.None,
        DateOnly? validFrom = null,
        DateOnly? validTo = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(date);
        if (!Enum.IsDefined(substitute))
            throw new ArgumentOutOfRangeException(nameof(substitute), substitute, "Unknown substitute policy.");
        if (validFrom > validTo)
            throw new ArgumentException($"Holiday rule '{key}' is valid from {validFrom:yyyy-MM-dd}, after its end {validTo:yyyy-MM-dd}.", nameof(validTo));
        Key = key;
        Name = name;
        Date = date;
        Substitute = substitute;
        ValidFrom = validFrom;
        ValidTo = validTo;
    }

    /// <summary>Stable key within its calendar ("good-friday").</summary>
    public string Key { get; }

    public MultilingualName Name { get; }

    public HolidayDateRule Date { get; }

    public SubstitutePolicy Substitute { get; }

    public DateOnly? ValidFrom { get; }

    public DateOnly? ValidTo { get; }

    /// <summary>The holiday's date in <paramref name="year"/> when the rule is in force on that date.</summary>
    public DateOnly? OccurrenceIn(int year)
    {
        var date = Date.DateIn(year);
        if (date is not { } day)
            return null;
        if (ValidFrom is { } from && day < from)
            return null;
        if (ValidTo is { } to && day > to)
            return null;
        return day;
    }
}

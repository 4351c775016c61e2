using FoiTracker.Domain.Calendars;

namespace FoiTracker.Domain.Statutes;

/// <summary>
/// One named time limit of a statute, as data: how much time, in what unit, from which day, and
/// whether a last day that is not a working day moves to the next working day.
/// </summary>
public sealed record DeadlineRule
{
    public DeadlineRule(
        string key,
        int value,
        DeadlineUnit unit,
        DeadlineStart start,
        bool rollForward,
        string citation,
        MultilingualName? explanation = null,
        MultilingualName? eventDescription = null,
        int additionalDays = 0,
        RegistrationStart? fromRegistration = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentException.ThrowIfNullOrWhiteSpace(citation);
        ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, 10_000);
        ArgumentOutOfRangeException.ThrowIfNegative(additionalDays);
        if (additionalDays > 0 && unit != DeadlineUnit.Months)
            throw new ArgumentException($"Deadline '{key}': additional days are only added to a period in months.", nameof(additionalDays));
        if (!Enum.IsDefined(unit))
            throw new ArgumentOutOfRangeException(nameof(unit), unit, "Unknown deadline unit.");
        if (!Enum.IsDefined(start))
            throw new ArgumentOutOfRangeException(nameof(start), start, "Unknown deadline start rule.");
        Key = key;
        Value = value;
        Unit = unit;
        Start = start;
        RollForward = rollForward;
        Citation = citation.Trim();
        Explanation = explanation;
        EventDescription = eventDescription;
        AdditionalDays = additionalDays;
        FromRegistration = fromRegistration;
    }

    /// <summary>Key within its statute ("response", "complaint_filing").</summary>
    public string Key { get; }

    public int Value { get; }

    public DeadlineUnit Unit { get; }

    public DeadlineStart Start { get; }

    /// <summary>Whether a last day that is not a working day moves to the next working day.</summary>
    public bool RollForward { get; }

    /// <summary>Calendar days added after a period in months (the EU General Court's 10 days on account of distance).</summary>
    public int AdditionalDays { get; }

    public string Citation { get; }

    public MultilingualName? Explanation { get; }

    /// <summary>What the event date is ("the day the request was received").</summary>
    public MultilingualName? EventDescription { get; }

    /// <summary>When the period counts from the body's registration of the request instead (Resolution 219/2013, Art 4(3)); null when it never does.</summary>
    public RegistrationStart? FromRegistration { get; }

    /// <summary>The same limit counted from a registration date: the period starts as <see cref="FromRegistration"/> says.</summary>
    public DeadlineRule CountedFromRegistration() =>
        FromRegistration is { } registration
            ? new DeadlineRule(Key, Value, Unit, registration.Start, RollForward, $"{Citation}; {registration.Citation}", Explanation, EventDescription, AdditionalDays)
            : this;
}

namespace FoiTracker.Domain.Statutes;

/// <summary>What a deadline's value counts.</summary>
public enum DeadlineUnit
{
    /// <summary>Every day counts; only the last day may be rolled forward.</summary>
    CalendarDays = 1,

    /// <summary>Only working days of the statute's calendar count.</summary>
    WorkingDays = 2,

    /// <summary>Months by the corresponding date: the same day-of-month, or the last day of a shorter month.</summary>
    Months = 3,

    /// <summary>Hours from the event; the engine gives the date on which they run out.</summary>
    Hours = 4,
}

/// <summary>Which day is the first day of the period.</summary>
public enum DeadlineStart
{
    /// <summary>The day after the event (the usual rule: GAC 15 / CPC 60(2), FOIA s.10, 5 U.S.C. 552).</summary>
    DayAfterEvent = 1,

    /// <summary>The first working day after the event (Georgian Resolution 219/2013, 4(3), for e-requests).</summary>
    NextWorkingDay = 2,

    /// <summary>The event's own day counts as the first day.</summary>
    SameDay = 3,
}

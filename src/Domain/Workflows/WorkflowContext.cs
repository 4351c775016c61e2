using FoiTracker.Domain.Statutes;

namespace FoiTracker.Domain.Workflows;

/// <summary>A deadline computed for a request, with the inputs that fix it.</summary>
public sealed record ComputedDeadline(string Key, StageKey Stage, DateOnly EventDate, DateOnly Due, int PausedDays, int StatuteVersion, int CalendarVersion);

/// <summary>
/// What a request's workflow needs from its statute: the definition, and the statute's clock
/// (its calendar and time zone). Supplied by the application for the statute version the request
/// is pinned to.
/// </summary>
public interface IWorkflowContext
{
    WorkflowDefinition Definition { get; }

    int StatuteVersion { get; }

    /// <summary>The legal date of an instant in the statute's time zone.</summary>
    DateOnly LegalDate(DateTimeOffset instant);

    /// <summary>The first instant of a legal date in the statute's time zone (UTC).</summary>
    DateTimeOffset StartOfDay(DateOnly legalDate);

    /// <summary>
    /// The due date of a named deadline counted from an event date, shifted by paused days; with
    /// <paramref name="fromRegistration"/> the event is the body's registration and the period starts as the
    /// deadline's registration rule says.
    /// </summary>
    ComputedDeadline Compute(string deadlineKey, StageKey stage, DateOnly eventDate, int pausedDays, bool fromRegistration = false);

    /// <summary>The statute's rule for a named deadline.</summary>
    DeadlineRule Deadline(string deadlineKey);

    /// <summary>Days after <paramref name="pausedOn"/> and before <paramref name="resumedOn"/> that the clock <paramref name="clock"/> stood still: working days for a working-day deadline.</summary>
    int PausedDaysBetween(string? clock, DateOnly pausedOn, DateOnly resumedOn);
}

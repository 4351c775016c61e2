using FoiTracker.Domain.Calendars;
using FoiTracker.Domain.Statutes;

namespace FoiTracker.Domain.Deadlines;

/// <summary>A computed deadline with everything needed to explain it to a citizen or a court.</summary>
public sealed record DeadlineResult(
    StatuteId StatuteId,
    int StatuteVersion,
    DeadlineRule Deadline,
    CalendarId CalendarId,
    int CalendarVersion,
    DateOnly EventDate,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    DateOnly Due,
    int PausedDays,
    IReadOnlyList<SkippedDay> Skipped)
{
    /// <summary>Whether the last day of the period was not a working day and the due date moved past it.</summary>
    public bool RolledForward => Due != PeriodEnd;
}

using FoiTracker.Domain.Calendars;
using FoiTracker.Domain.Common;

namespace FoiTracker.Domain.Deadlines;

/// <summary>One open deadline that a new calendar version would move, and the days whose status changed.</summary>
public sealed record DeadlineMove(DeadlineComputation Before, DeadlineComputation After, IReadOnlyList<DateOnly> ChangedDays)
{
    public DateOnly OldDue => Before.Due;

    public DateOnly NewDue => After.Due;

    /// <summary>Calendar days the due date moves; positive when later.</summary>
    public int DaysMoved => NewDue.DayNumber - OldDue.DayNumber;
}

/// <summary>
/// What a calendar revision does to open deadlines: the ones that move (each to be applied and written
/// in its request's timeline), the ones that keep their date (re-pinned to the new version), and the
/// ones counted on another calendar or version, which this revision cannot judge.
/// </summary>
public sealed record CalendarRevisionImpact(
    CalendarId CalendarId,
    int FromVersion,
    int ToVersion,
    IReadOnlyList<DeadlineMove> Moves,
    IReadOnlyList<DeadlineComputation> Unchanged,
    IReadOnlyList<DeadlineComputation> NotConcerned);

/// <summary>Compares a calendar with its next version over stored deadlines. Pure: nothing is written here.</summary>
public static class CalendarRevision
{
    public static CalendarRevisionImpact Assess(
        HolidayCalendar current,
        HolidayCalendar revised,
        IEnumerable<DeadlineComputation> openDeadlines)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(revised);
        ArgumentNullException.ThrowIfNull(openDeadlines);
        if (current.Id != revised.Id)
            throw new ArgumentException($"Calendar '{revised.Id}' is not a version of '{current.Id}'.", nameof(revised));
        if (revised.Version <= current.Version)
            throw new BusinessRuleViolationException(
                "CalendarRevisionMustHaveAHigherVersion",
                $"Calendar '{current.Id}' version {revised.Version} does not follow version {current.Version}.");

        var moves = new List<DeadlineMove>();
        var unchanged = new List<DeadlineComputation>();
        var notConcerned = new List<DeadlineComputation>();
        foreach (var computation in openDeadlines)
        {
            if (computation.CalendarId != current.Id || computation.CalendarVersion != current.Version)
            {
                notConcerned.Add(computation);
                continue;
            }

            var after = computation.CountedOn(revised);
            if (after.Due == computation.Due)
            {
                unchanged.Add(after);
                continue;
            }

            var from = computation.Inputs.EventDate;
            var to = after.Due > computation.Due ? after.Due : computation.Due;
            moves.Add(new DeadlineMove(computation, after, HolidayCalendar.DaysThatDiffer(current, revised, from, to)));
        }

        return new CalendarRevisionImpact(current.Id, current.Version, revised.Version, moves, unchanged, notConcerned);
    }
}

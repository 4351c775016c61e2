using FoiTracker.Domain.Calendars;
using FoiTracker.Domain.Statutes;

namespace FoiTracker.Domain.Deadlines;

/// <summary>
/// Turns a statute's deadline rule, a calendar and an event date into a due date. Three steps:
/// the period starts on the day the rule's start names; it ends after the value in its unit (months by
/// the corresponding date, so 31 January + 1 month = 28/29 February), extended by paused days; a last day
/// that is not a working day moves to the next working day when the rule rolls forward.
/// </summary>
public static class DeadlineCalculator
{
    /// <summary>The due date of a statute's named deadline, with the skipped days that explain it.</summary>
    public static DeadlineResult Compute(Statute statute, HolidayCalendar calendar, string deadlineKey, DeadlineInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(statute);
        return Compute(statute.Id, statute.Version, statute.Deadline(deadlineKey), calendar, inputs, statute.CalendarId);
    }

    /// <summary>The due date only: no explanation and no allocation, for the hot paths (sweeps, statistics).</summary>
    public static DateOnly Due(DeadlineRule deadline, HolidayCalendar calendar, DateOnly eventDate, int pausedDays = 0)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfNegative(pausedDays);
        var start = PeriodStart(deadline, calendar, eventDate);
        var end = PeriodEnd(deadline, calendar, eventDate, start, pausedDays);
        return RollForward(deadline, calendar, end);
    }

    /// <summary>The computation behind <see cref="Compute(Statute, HolidayCalendar, string, DeadlineInputs)"/>, for a stored rule snapshot.</summary>
    public static DeadlineResult Compute(
        StatuteId statuteId,
        int statuteVersion,
        DeadlineRule deadline,
        HolidayCalendar calendar,
        DeadlineInputs inputs,
        CalendarId? expectedCalendar = null)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(inputs);
        if (expectedCalendar is { } expected && expected != calendar.Id)
            throw new ArgumentException($"Statute '{statuteId}' counts on calendar '{expected}', not '{calendar.Id}'.", nameof(calendar));

        var eventDate = inputs.EventDate;
        var start = PeriodStart(deadline, calendar, eventDate);
        var extra = inputs.PausedDays;
        var end = PeriodEnd(deadline, calendar, eventDate, start, extra);
        var pausedDates = new HashSet<DateOnly>();

        // A pause counts only from the period's start and only if it began before the clock ran out;
        // each counted pause pushes the end, which may bring a later pause inside the period.
        foreach (var pause in inputs.Pauses)
        {
            var from = pause.From < start ? start : pause.From;
            if (pause.To < from)
                continue;
            if (from > end)
                break;
            for (var day = from; day <= pause.To; day = day.AddDays(1))
            {
                if (deadline.Unit != DeadlineUnit.WorkingDays || calendar.IsWorkingDay(day))
                {
                    pausedDates.Add(day);
                    extra++;
                }
            }

            end = PeriodEnd(deadline, calendar, eventDate, start, extra);
        }

        var due = RollForward(deadline, calendar, end);
        // Working-day periods skip every non-working day up to the due date; periods in calendar days or
        // months count those days and skip only the ones the last day is rolled forward over.
        var workingDays = deadline.Unit == DeadlineUnit.WorkingDays;
        var first = workingDays ? Min(start, eventDate.AddDays(1)) : end;
        if (pausedDates.Count > 0)
            first = Min(first, pausedDates.Min());
        var skipped = new List<SkippedDay>();
        for (var day = first; day <= due; day = day.AddDays(1))
        {
            if (pausedDates.Contains(day))
                skipped.Add(new SkippedDay(day, SkipReason.Paused, []));
            else if ((workingDays || (day >= end && day < due)) && calendar.ReasonNotWorking(day) is { } reason)
                skipped.Add(new SkippedDay(day, reason.Holidays.Count > 0 ? SkipReason.Holiday : SkipReason.RestDay, reason.Holidays));
        }

        return new DeadlineResult(
            statuteId, statuteVersion, deadline, calendar.Id, calendar.Version,
            eventDate, start, end, due, extra, skipped);
    }

    private static DateOnly PeriodStart(DeadlineRule deadline, HolidayCalendar calendar, DateOnly eventDate) => deadline.Start switch
    {
        DeadlineStart.DayAfterEvent => eventDate.AddDays(1),
        DeadlineStart.NextWorkingDay => calendar.NextWorkingDayAfter(eventDate),
        _ => eventDate,
    };

    private static DateOnly PeriodEnd(DeadlineRule deadline, HolidayCalendar calendar, DateOnly eventDate, DateOnly start, int pausedDays) => deadline.Unit switch
    {
        // The n-th working day counting from the start day itself.
        DeadlineUnit.WorkingDays => calendar.AddWorkingDays(start.AddDays(-1), deadline.Value + pausedDays),
        DeadlineUnit.CalendarDays => start.AddDays(deadline.Value - 1 + pausedDays),
        // Corresponding date: a period of months that starts the day after the 31 January event ends on
        // 28/29 February (DateOnly.AddMonths clamps to the month's last day; CPC 60, Reg. 1182/71 Art 3(2)(c)).
        DeadlineUnit.Months => start.AddDays(-1).AddMonths(deadline.Value).AddDays(deadline.AdditionalDays + pausedDays),
        // Hours run from the event's instant; the date they run out on is that many whole days later.
        _ => eventDate.AddDays(((deadline.Value + 23) / 24) + pausedDays),
    };

    private static DateOnly RollForward(DeadlineRule deadline, HolidayCalendar calendar, DateOnly end) =>
        deadline.RollForward ? calendar.NextWorkingDayOnOrAfter(end) : end;

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
}

using FoiTracker.Domain.Calendars;
using FoiTracker.Domain.Deadlines;
using FoiTracker.Domain.Statutes;

namespace FoiTracker.Domain.Workflows;

/// <summary>A statute version's workflow with its clock: the statute's calendar and time zone.</summary>
public sealed class StatuteWorkflowContext : IWorkflowContext
{
    private readonly Statute _statute;
    private readonly HolidayCalendar _calendar;
    private readonly TimeZoneInfo _zone;

    public StatuteWorkflowContext(Statute statute, HolidayCalendar calendar, WorkflowDefinition workflow)
    {
        ArgumentNullException.ThrowIfNull(statute);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(workflow);
        if (calendar.Id != statute.CalendarId)
            throw new ArgumentException($"Statute '{statute.Id}' counts on calendar '{statute.CalendarId}', not '{calendar.Id}'.", nameof(calendar));
        _statute = statute;
        _calendar = calendar;
        _zone = TimeZoneInfo.FindSystemTimeZoneById(statute.TimeZone);
        Definition = workflow;
    }

    public WorkflowDefinition Definition { get; }

    public int StatuteVersion => _statute.Version;

    public DateOnly LegalDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, _zone).DateTime);

    public DateTimeOffset StartOfDay(DateOnly legalDate)
    {
        var local = legalDate.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        // A midnight skipped by a daylight-saving jump does not exist; the day then starts an hour later.
        while (_zone.IsInvalidTime(local))
            local = local.AddHours(1);
        return new DateTimeOffset(local, _zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public DeadlineRule Deadline(string deadlineKey) => _statute.Deadline(deadlineKey);

    public ComputedDeadline Compute(string deadlineKey, StageKey stage, DateOnly eventDate, int pausedDays, bool fromRegistration = false)
    {
        var rule = _statute.Deadline(deadlineKey);
        if (fromRegistration)
            rule = rule.CountedFromRegistration();
        var due = DeadlineCalculator.Due(rule, _calendar, eventDate, pausedDays);
        return new ComputedDeadline(deadlineKey, stage, eventDate, due, pausedDays, _statute.Version, _calendar.Version);
    }

    public int PausedDaysBetween(string? clock, DateOnly pausedOn, DateOnly resumedOn)
    {
        if (resumedOn <= pausedOn || clock is null)
            return 0;
        // The clock stands still from the day after it was stopped up to the day before it runs
        // again: asked on Monday, clarified on Thursday, Tuesday and Wednesday do not count. A
        // working-day clock loses only working days.
        var lastPaused = resumedOn.AddDays(-1);
        return _statute.Deadline(clock).Unit == DeadlineUnit.WorkingDays
            ? _calendar.WorkingDaysBetween(pausedOn, lastPaused)
            : lastPaused.DayNumber - pausedOn.DayNumber;
    }
}

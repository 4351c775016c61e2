using FoiTracker.Domain.Calendars;
using FoiTracker.Domain.Statutes;

namespace FoiTracker.Domain.Deadlines;

/// <summary>
/// A deadline as stored: its inputs (event date, pauses), the statute version and a snapshot of the rule
/// it was computed under, the calendar version it was counted on, and the due date that came out. Because
/// every input is kept, a later calendar version can be checked against it without guessing, and nothing
/// moves unless <see cref="CalendarRevision"/> says so and the move is recorded.
/// </summary>
public sealed record DeadlineComputation
{
    private DeadlineComputation(
        DeadlineComputationId id,
        StatuteId statuteId,
        int statuteVersion,
        DeadlineRule deadline,
        CalendarId calendarId,
        int calendarVersion,
        DeadlineInputs inputs,
        DateOnly due)
    {
        Id = id;
        StatuteId = statuteId;
        StatuteVersion = statuteVersion;
        Deadline = deadline;
        CalendarId = calendarId;
        CalendarVersion = calendarVersion;
        Inputs = inputs;
        Due = due;
    }

    public DeadlineComputationId Id { get; }

    public StatuteId StatuteId { get; }

    public int StatuteVersion { get; }

    /// <summary>The rule as it was in <see cref="StatuteVersion"/>.</summary>
    public DeadlineRule Deadline { get; }

    public CalendarId CalendarId { get; }

    public int CalendarVersion { get; }

    public DeadlineInputs Inputs { get; }

    public DateOnly Due { get; }

    /// <summary>Computes a statute's deadline and keeps the inputs it came from.</summary>
    public static DeadlineComputation Record(
        DeadlineComputationId id,
        Statute statute,
        HolidayCalendar calendar,
        string deadlineKey,
        DeadlineInputs inputs)
    {
        var result = DeadlineCalculator.Compute(statute, calendar, deadlineKey, inputs);
        return new DeadlineComputation(id, result.StatuteId, result.StatuteVersion, result.Deadline, calendar.Id, calendar.Version, inputs, result.Due);
    }

    /// <summary>Rebuilds a stored computation; nothing is recomputed.</summary>
    public static DeadlineComputation Restore(
        DeadlineComputationId id,
        StatuteId statuteId,
        int statuteVersion,
        DeadlineRule deadline,
        CalendarId calendarId,
        int calendarVersion,
        DeadlineInputs inputs,
        DateOnly due) =>
        new(id, statuteId, statuteVersion, deadline, calendarId, calendarVersion, inputs, due);

    /// <summary>The same inputs counted on <paramref name="calendar"/>, with the skipped days.</summary>
    public DeadlineResult ExplainOn(HolidayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return DeadlineCalculator.Compute(StatuteId, StatuteVersion, Deadline, calendar, Inputs, CalendarId);
    }

    /// <summary>This computation re-pinned to another version of its calendar, with the due date that gives.</summary>
    internal DeadlineComputation CountedOn(HolidayCalendar calendar) =>
        new(Id, StatuteId, StatuteVersion, Deadline, calendar.Id, calendar.Version, Inputs, ExplainOn(calendar).Due);
}

namespace FoiTracker.Domain.Deadlines;

/// <summary>
/// What a deadline is computed from besides the statute and calendar: the event's legal date, and the
/// time the clock was stopped — as a bare number of days (counted in the deadline's own unit: working
/// days for a working-day deadline, calendar days otherwise) and/or as dated periods.
/// </summary>
public sealed record DeadlineInputs
{
    public DeadlineInputs(DateOnly eventDate, int pausedDays = 0, IEnumerable<PausePeriod>? pauses = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pausedDays);
        var periods = (pauses ?? []).OrderBy(p => p.From).ToArray();
        for (var i = 1; i < periods.Length; i++)
        {
            if (periods[i].From <= periods[i - 1].To)
                throw new ArgumentException(
                    $"Pause periods overlap: {periods[i - 1].From:yyyy-MM-dd}–{periods[i - 1].To:yyyy-MM-dd} and {periods[i].From:yyyy-MM-dd}–{periods[i].To:yyyy-MM-dd}.",
                    nameof(pauses));
        }

        EventDate = eventDate;
        PausedDays = pausedDays;
        Pauses = periods;
    }

    /// <summary>The legal date of the triggering event (the request received, the decision notified).</summary>
    public DateOnly EventDate { get; }

    public int PausedDays { get; }

    /// <summary>Dated pauses, in order, not overlapping.</summary>
    public IReadOnlyList<PausePeriod> Pauses { get; }
}

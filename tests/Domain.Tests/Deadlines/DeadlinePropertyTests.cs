using FoiTracker.Domain.Calendars;
using FoiTracker.Domain.Deadlines;
using FoiTracker.Domain.Statutes;
using static FoiTracker.Domain.Tests.TestCalendars;

namespace FoiTracker.Domain.Tests.Deadlines;

/// <summary>Properties over every event date from 2000 to 2040 on the Georgian calendar, for each rule shape.</summary>
public class DeadlinePropertyTests
{
    private static readonly HolidayCalendar Ge = Georgia();

    public static TheoryData<string, int, DeadlineUnit, DeadlineStart, bool> Rules => new()
    {
        { "10 working days", 10, DeadlineUnit.WorkingDays, DeadlineStart.DayAfterEvent, true },
        { "3 working days", 3, DeadlineUnit.WorkingDays, DeadlineStart.DayAfterEvent, true },
        { "20 working days from next working day", 20, DeadlineUnit.WorkingDays, DeadlineStart.NextWorkingDay, true },
        { "1 working day same day", 1, DeadlineUnit.WorkingDays, DeadlineStart.SameDay, true },
        { "1 month", 1, DeadlineUnit.Months, DeadlineStart.DayAfterEvent, true },
        { "6 months no roll", 6, DeadlineUnit.Months, DeadlineStart.DayAfterEvent, false },
        { "10 calendar days", 10, DeadlineUnit.CalendarDays, DeadlineStart.DayAfterEvent, true },
        { "42 calendar days no roll", 42, DeadlineUnit.CalendarDays, DeadlineStart.DayAfterEvent, false },
        { "48 hours", 48, DeadlineUnit.Hours, DeadlineStart.SameDay, false },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public void Due_From2000To2040_IsAWorkingDayWhenRolledForwardAndNeverDecreases(string name, int value, DeadlineUnit unit, DeadlineStart start, bool rollForward)
    {
        var rule = new DeadlineRule("p", value, unit, start, rollForward, name);
        var previous = DateOnly.MinValue;
        for (var day = D("2000-01-01"); day <= D("2040-12-31"); day = day.AddDays(1))
        {
            var due = DeadlineCalculator.Due(rule, Ge, day);
            if (rollForward)
                Ge.IsWorkingDay(due).Should().BeTrue($"{name} from {day:yyyy-MM-dd} is due {due:yyyy-MM-dd}");
            due.Should().BeOnOrAfter(previous, $"{name}: due dates never decrease (event {day:yyyy-MM-dd})");
            if (start == DeadlineStart.SameDay)
                due.Should().BeOnOrAfter(day);
            else
                due.Should().BeAfter(day);
            previous = due;
        }
    }

    [Theory]
    [InlineData(10, DeadlineStart.DayAfterEvent)]
    [InlineData(5, DeadlineStart.NextWorkingDay)]
    [InlineData(20, DeadlineStart.DayAfterEvent)]
    [InlineData(7, DeadlineStart.SameDay)]
    public void WorkingDaysElapsed_FromEventToDue_EqualTheValue(int value, DeadlineStart start)
    {
        var rule = new DeadlineRule("p", value, DeadlineUnit.WorkingDays, start, true, "t");
        for (var day = D("2000-01-01"); day <= D("2040-12-31"); day = day.AddDays(1))
        {
            var due = DeadlineCalculator.Due(rule, Ge, day);
            // For a same-day start the event's own day counts, so count from the day before.
            var from = start == DeadlineStart.SameDay ? day.AddDays(-1) : day;
            Ge.WorkingDaysBetween(from, due).Should().Be(value, $"event {day:yyyy-MM-dd}, due {due:yyyy-MM-dd}");
        }
    }

    [Fact]
    public void ExplainedAndFastPaths_AgreeOnEveryEventDateFrom2000To2040()
    {
        var statute = GeorgianGac(Ge);
        foreach (var key in statute.DeadlineKeys)
        {
            var rule = statute.Deadline(key);
            for (var day = D("2000-01-01"); day <= D("2040-12-31"); day = day.AddDays(3))
                DeadlineCalculator.Compute(statute, Ge, key, new DeadlineInputs(day)).Due.Should().Be(DeadlineCalculator.Due(rule, Ge, day));
        }
    }

    [Fact]
    public void SkippedDays_ForWorkingDayDeadlines_AreExactlyTheNonWorkingDaysInThePeriod()
    {
        var statute = GeorgianGac(Ge);
        for (var day = D("2020-01-01"); day <= D("2030-12-31"); day = day.AddDays(5))
        {
            var result = DeadlineCalculator.Compute(statute, Ge, "response", new DeadlineInputs(day));
            var calendarDays = result.Due.DayNumber - day.DayNumber;
            (calendarDays - result.Skipped.Count).Should().Be(10);
            result.Skipped.Should().OnlyContain(s => !Ge.IsWorkingDay(s.Date));
        }
    }
}

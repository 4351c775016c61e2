using FoiTracker.Domain.Deadlines;
using FoiTracker.Domain.Statutes;
using static FoiTracker.Infrastructure.Tests.Statutes.Seeds;

namespace FoiTracker.Infrastructure.Tests.Statutes;

/// <summary>Properties of every seed deadline for every event date from 2000 to 2040.</summary>
public class SeedPropertyTests
{
    public static TheoryData<string> StatuteIds()
    {
        var data = new TheoryData<string>();
        foreach (var id in Catalog.StatuteIds)
            data.Add(id.Value);
        return data;
    }

    [Theory]
    [MemberData(nameof(StatuteIds))]
    public void EveryDeadline_From2000To2040_IsAWorkingDayWhenItRollsForwardAndNeverDecreases(string statuteId)
    {
        var statute = Catalog.GetStatute(statuteId);
        var calendar = Catalog.CalendarOf(statute);
        foreach (var deadline in statute.Deadlines)
        {
            var previous = DateOnly.MinValue;
            for (var day = D("2000-01-01"); day <= D("2040-12-31"); day = day.AddDays(1))
            {
                var due = DeadlineCalculator.Due(deadline, calendar, day);
                if (deadline.RollForward)
                    calendar.IsWorkingDay(due).Should().BeTrue($"{statuteId}.{deadline.Key} from {day:yyyy-MM-dd} is due {due:yyyy-MM-dd}");
                due.Should().BeOnOrAfter(previous, $"{statuteId}.{deadline.Key}: due dates never decrease (event {day:yyyy-MM-dd})");
                due.Should().BeAfter(day);
                previous = due;
            }
        }
    }

    [Theory]
    [MemberData(nameof(StatuteIds))]
    public void WorkingDayDeadlines_From2000To2040_ElapseExactlyTheirValue(string statuteId)
    {
        var statute = Catalog.GetStatute(statuteId);
        var calendar = Catalog.CalendarOf(statute);
        foreach (var deadline in statute.Deadlines.Where(d => d.Unit == DeadlineUnit.WorkingDays))
        {
            for (var day = D("2000-01-01"); day <= D("2040-12-31"); day = day.AddDays(1))
            {
                var due = DeadlineCalculator.Due(deadline, calendar, day);
                var from = deadline.Start == DeadlineStart.SameDay ? day.AddDays(-1) : day;
                calendar.WorkingDaysBetween(from, due).Should().Be(deadline.Value, $"{statuteId}.{deadline.Key} from {day:yyyy-MM-dd}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(StatuteIds))]
    public void MonthDeadlines_BeforeRollingForward_EndOnTheCorrespondingDate(string statuteId)
    {
        var statute = Catalog.GetStatute(statuteId);
        var calendar = Catalog.CalendarOf(statute);
        foreach (var deadline in statute.Deadlines.Where(d => d.Unit == DeadlineUnit.Months))
        {
            for (var day = D("2000-01-01"); day <= D("2040-12-31"); day = day.AddDays(7))
            {
                var result = DeadlineCalculator.Compute(statute, calendar, deadline.Key, new DeadlineInputs(day));
                var corresponding = day.AddMonths(deadline.Value).AddDays(deadline.AdditionalDays);
                result.PeriodEnd.Should().Be(corresponding);
                if (!deadline.RollForward)
                    result.Due.Should().Be(corresponding);
            }
        }
    }
}

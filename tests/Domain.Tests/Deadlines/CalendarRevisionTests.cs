using FoiTracker.Domain.Calendars;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Deadlines;
using static FoiTracker.Domain.Tests.TestCalendars;

namespace FoiTracker.Domain.Tests.Deadlines;

public class CalendarRevisionTests
{
    private static readonly HolidayCalendar Version1 = Georgia(1);

    // Version 2 adds a decreed day off on Wednesday 10 November 2027 (Labour Code 30(3)).
    private static readonly HolidayCalendar Version2 = Georgia(2, [new CalendarOverride(D("2027-11-10"), CalendarOverrideKind.DayOff, Name("Day off by resolution"))]);

    private static DeadlineComputation Open(string key, string from, HolidayCalendar? calendar = null) =>
        DeadlineComputation.Record(DeadlineComputationId.New(), GeorgianGac(), calendar ?? Version1, key, new DeadlineInputs(D(from)));

    [Fact]
    public void Assess_NewDayOffInsideAPeriod_MovesThatDeadlineByOneWorkingDay()
    {
        // Response from Mon 1 Nov 2027: 2–5, 8–12 = 9, 15 = 10 → 15 Nov; with 10 Nov off → 16 Nov.
        var spanning = Open("response", "2027-11-01");
        spanning.Due.Should().Be(D("2027-11-15"));

        var impact = CalendarRevision.Assess(Version1, Version2, [spanning]);

        var move = impact.Moves.Should().ContainSingle().Subject;
        move.OldDue.Should().Be(D("2027-11-15"));
        move.NewDue.Should().Be(D("2027-11-16"));
        move.DaysMoved.Should().Be(1);
        move.ChangedDays.Should().Equal(D("2027-11-10"));
        move.After.CalendarVersion.Should().Be(2);
        move.After.Id.Should().Be(spanning.Id);
    }

    [Fact]
    public void Assess_DeadlinesOutsideTheChange_AreListedUnchangedAndRepinned()
    {
        var before = Open("response", "2027-10-01");
        var after = Open("response", "2027-11-20");

        var impact = CalendarRevision.Assess(Version1, Version2, [before, after]);

        impact.Moves.Should().BeEmpty();
        impact.Unchanged.Select(c => (c.Id, c.Due, c.CalendarVersion)).Should().Equal((before.Id, before.Due, 2), (after.Id, after.Due, 2));
    }

    [Fact]
    public void Assess_ListsExactlyTheOpenDeadlinesThatMove()
    {
        var open = Enumerable.Range(0, 60).Select(i => Open("response", D("2027-10-01").AddDays(i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))).ToList();

        var impact = CalendarRevision.Assess(Version1, Version2, open);

        // A 10-working-day deadline moves exactly when 10 November lies after its event and on or before its due date.
        var expected = open.Where(c => c.Inputs.EventDate < D("2027-11-10") && c.Due >= D("2027-11-10")).Select(c => c.Id);
        impact.Moves.Select(m => m.Before.Id).Should().BeEquivalentTo(expected);
        (impact.Moves.Count + impact.Unchanged.Count).Should().Be(open.Count);
    }

    [Fact]
    public void Assess_DeadlinesOnAnotherVersion_AreNotConcerned()
    {
        var onVersion2 = Open("response", "2027-11-01", Version2);
        var impact = CalendarRevision.Assess(Version1, Georgia(3), [onVersion2]);
        impact.NotConcerned.Should().ContainSingle();
    }

    [Fact]
    public void Assess_MonthDeadlineLandingOnTheNewDayOff_RollsForward()
    {
        // Complaint filed 10 Oct 2027 → 10 Nov; 10 Nov becomes a day off → 11 Nov.
        var complaint = Open("complaint_filing", "2027-10-10");
        var move = CalendarRevision.Assess(Version1, Version2, [complaint]).Moves.Should().ContainSingle().Subject;
        (move.OldDue, move.NewDue).Should().Be((D("2027-11-10"), D("2027-11-11")));
    }

    [Fact]
    public void Assess_AnOlderVersion_BreaksTheRule() =>
        FluentActions.Invoking(() => CalendarRevision.Assess(Version2, Version1, []))
            .Should().Throw<BusinessRuleViolationException>().Which.Rule.Should().Be("CalendarRevisionMustHaveAHigherVersion");

    [Fact]
    public void Assess_AnotherCalendar_IsRejected() =>
        FluentActions.Invoking(() => CalendarRevision.Assess(Version1, England(), [])).Should().Throw<ArgumentException>();

    [Fact]
    public void Restore_KeepsTheStoredDueDateWithoutRecomputing()
    {
        var stored = Open("response", "2027-11-01");
        var restored = DeadlineComputation.Restore(stored.Id, stored.StatuteId, stored.StatuteVersion, stored.Deadline, stored.CalendarId, stored.CalendarVersion, stored.Inputs, stored.Due);
        restored.Should().Be(stored);
        restored.ExplainOn(Version2).Due.Should().Be(D("2027-11-16"));
    }
}

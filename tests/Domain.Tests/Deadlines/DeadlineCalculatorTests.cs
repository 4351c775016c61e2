using FoiTracker.Domain.Calendars;
using FoiTracker.Domain.Deadlines;
using FoiTracker.Domain.Statutes;
using static FoiTracker.Domain.Tests.TestCalendars;

namespace FoiTracker.Domain.Tests.Deadlines;

public class DeadlineCalculatorTests
{
    private static readonly HolidayCalendar Ge = Georgia();
    private static readonly Statute Gac = GeorgianGac(Ge);

    private static DeadlineResult Response(string from, int pausedDays = 0, params PausePeriod[] pauses) =>
        DeadlineCalculator.Compute(Gac, Ge, "response", new DeadlineInputs(D(from), pausedDays, pauses));

    [Theory]
    // Required vectors (issue 3).
    [InlineData("2027-04-27", "2027-05-14")]
    [InlineData("2026-12-29", "2027-01-14")]
    [InlineData("2026-11-02", "2026-11-16")]
    // Fri 8 Jan 2027: 11–15 Jan = 5, 18 = 6, 19 Epiphany skipped, 20–22 = 9, 25 Jan = 10.
    [InlineData("2027-01-08", "2027-01-25")]
    // Mon 1 Mar 2027: 2 = 1, 3 Mother's Day, 4–5 = 3, 8 Women's Day, 9–12 = 7, 15–17 = 10.
    [InlineData("2027-03-01", "2027-03-17")]
    // Wed 12 May 2027 (a holiday itself): 13–14 = 2, 17 Family Day, 18–21 = 6, 24–25 = 8, 26 Independence, 27–28 = 10.
    [InlineData("2027-05-12", "2027-05-28")]
    public void Due_GeorgianResponse_MatchesHandCountedVectors(string from, string due) =>
        Response(from).Due.Should().Be(D(due));

    [Fact]
    public void Due_FromTuesdayBeforeOrthodoxEaster_SkipsFourEasterDaysAndStAndrew()
    {
        var result = Response("2027-04-27");
        result.Skipped.Where(s => s.Reason == SkipReason.Holiday).Select(s => (s.Date, s.Describe())).Should().Equal(
            (D("2027-04-30"), "Orthodox Good Friday"),
            (D("2027-05-01"), "Orthodox Holy Saturday"),
            (D("2027-05-02"), "Orthodox Easter Sunday"),
            (D("2027-05-03"), "Orthodox Easter Monday"),
            (D("2027-05-09"), "Day of Victory over Fascism"),
            (D("2027-05-12"), "St Andrew the First-Called Day"));
        // Victory Day falls on Sunday 9 May and is named as the holiday; Saturday 8 May is a plain rest day.
        result.Skipped.Where(s => s.Reason == SkipReason.RestDay).Select(s => s.Date).Should().Equal(D("2027-05-08"));
        result.PeriodStart.Should().Be(D("2027-04-28"));
        result.RolledForward.Should().BeFalse();
    }

    [Fact]
    public void Due_SkippedDays_AreNamedInGeorgianWhereTheDataHasIt()
    {
        var georgian = new HolidayCalendar(
            CalendarId.Create("ge"), 1, new MultilingualName("Georgia", "საქართველო"), [DayOfWeek.Saturday, DayOfWeek.Sunday],
            [new HolidayRule("st-andrew", new MultilingualName("St Andrew's Day", "ანდრიობა"), new FixedDateRule(5, 12))]);
        var result = DeadlineCalculator.Compute(GeorgianGac(georgian), georgian, "refusal_explanation", new DeadlineInputs(D("2027-05-11")));
        // Tue 11 May: 12 St Andrew, 13 = 1, 14 = 2, 15–16 weekend, 17 = 3.
        result.Skipped.Select(s => s.Describe("ka")).Should().Equal("ანდრიობა", "დასვენების დღე", "დასვენების დღე");
        result.Due.Should().Be(D("2027-05-17"));
    }

    [Theory]
    // 31 January + 1 month = the last day of February (corresponding date), then roll forward:
    // 28 Feb 2027 is a Sunday → Monday 1 March.
    [InlineData("2027-01-31", "2027-03-01")]
    // 2028 is a leap year: 29 February is a Tuesday.
    [InlineData("2028-01-31", "2028-02-29")]
    // 30 January 2028 + 1 month = 29 February (the 30th does not exist).
    [InlineData("2028-01-30", "2028-02-29")]
    // 15 March 2027 + 1 month = 15 April, a Thursday.
    [InlineData("2027-03-15", "2027-04-15")]
    // 2 April 2027 + 1 month = Sunday 2 May, Easter; Monday 3 May Easter Monday → Tuesday 4 May.
    [InlineData("2027-04-02", "2027-05-04")]
    public void Due_ComplaintFilingInMonths_UsesTheCorrespondingDateThenRollsForward(string from, string due) =>
        DeadlineCalculator.Compute(Gac, Ge, "complaint_filing", new DeadlineInputs(D(from))).Due.Should().Be(D(due));

    [Fact]
    public void Due_MonthsRolledForward_ListsOnlyTheDaysRolledOver()
    {
        var result = DeadlineCalculator.Compute(Gac, Ge, "complaint_filing", new DeadlineInputs(D("2027-04-02")));
        result.PeriodEnd.Should().Be(D("2027-05-02"));
        result.RolledForward.Should().BeTrue();
        result.Skipped.Select(s => s.Date).Should().Equal(D("2027-05-02"), D("2027-05-03"));
    }

    [Fact]
    public void Due_ComplaintDecisionExtended_IsTwoMonthsFromTheComplaint() =>
        // 12 March + 2 months = Wednesday 12 May 2027, St Andrew's Day → Thursday 13 May.
        DeadlineCalculator.Compute(Gac, Ge, "complaint_decision_extended", new DeadlineInputs(D("2027-03-12"))).Due.Should().Be(D("2027-05-13"));

    [Fact]
    public void Due_WithPausedDaysCount_AddsThatManyWorkingDays()
    {
        // 2026-11-02 → 16 Nov without a pause; 3 paused working days → 17, 18, 19 Nov.
        Response("2026-11-02", pausedDays: 3).Due.Should().Be(D("2026-11-19"));
        DeadlineCalculator.Due(Gac.Deadline("response"), Ge, D("2026-11-02"), 3).Should().Be(D("2026-11-19"));
    }

    [Fact]
    public void Due_WithPausePeriod_CountsOnlyWorkingDaysInsideIt()
    {
        // Clock stopped Thu 5 – Tue 10 Nov 2026: 5, 6, 9, 10 are working days (7–8 the weekend) → +4.
        var result = Response("2026-11-02", 0, new PausePeriod(D("2026-11-05"), D("2026-11-10")));
        result.Due.Should().Be(D("2026-11-20"));
        result.PausedDays.Should().Be(4);
        result.Skipped.Where(s => s.Reason == SkipReason.Paused).Select(s => s.Date)
            .Should().Equal(D("2026-11-05"), D("2026-11-06"), D("2026-11-09"), D("2026-11-10"));
        // Elapsed working days net of the pause equal the statutory 10.
        (Ge.WorkingDaysBetween(D("2026-11-02"), result.Due) - result.PausedDays).Should().Be(10);
    }

    [Fact]
    public void Due_PauseAfterTheDeadlineRanOut_ChangesNothing() =>
        Response("2026-11-02", 0, new PausePeriod(D("2026-11-20"), D("2026-11-25"))).Due.Should().Be(D("2026-11-16"));

    [Fact]
    public void Due_PauseStartingBeforeTheEvent_CountsOnlyFromThePeriodStart() =>
        // Pause 28 Oct – 3 Nov: only 3 Nov (a working day inside the period) counts → 17 Nov.
        Response("2026-11-02", 0, new PausePeriod(D("2026-10-28"), D("2026-11-03"))).Due.Should().Be(D("2026-11-17"));

    [Fact]
    public void Inputs_OverlappingPauses_AreRejected() =>
        FluentActions.Invoking(() => new DeadlineInputs(D("2026-11-02"), 0, [new PausePeriod(D("2026-11-03"), D("2026-11-05")), new PausePeriod(D("2026-11-05"), D("2026-11-06"))]))
            .Should().Throw<ArgumentException>();

    [Fact]
    public void Inputs_NegativePause_IsRejected() =>
        FluentActions.Invoking(() => new DeadlineInputs(D("2026-11-02"), -1)).Should().Throw<ArgumentOutOfRangeException>();

    [Theory]
    // Calendar days from the day after: Thu 24 June + 10 = Sunday 4 July 2027, US Independence Day
    // observed Monday 5th → Tuesday 6 July.
    [InlineData(DeadlineStart.DayAfterEvent, true, "2027-06-24", "2027-07-06")]
    [InlineData(DeadlineStart.DayAfterEvent, false, "2027-06-24", "2027-07-04")]
    // Same day: 24 June is day 1, so day 10 is Saturday 3 July → Tuesday 6 July.
    [InlineData(DeadlineStart.SameDay, true, "2027-06-24", "2027-07-06")]
    [InlineData(DeadlineStart.SameDay, false, "2027-06-24", "2027-07-03")]
    // Next working day: event Friday 25 June; day 1 is Monday 28 June, day 10 Wednesday 7 July.
    [InlineData(DeadlineStart.NextWorkingDay, true, "2027-06-25", "2027-07-07")]
    public void Due_CalendarDays_FollowTheStartAndRollForwardRules(DeadlineStart start, bool rollForward, string from, string due)
    {
        var rule = new DeadlineRule("response", 10, DeadlineUnit.CalendarDays, start, rollForward, "test");
        DeadlineCalculator.Due(rule, UsFederal(), D(from)).Should().Be(D(due));
    }

    [Fact]
    public void Due_WorkingDaysFromSameDay_CountsTheEventDay() =>
        // Tue 27 Apr 2027 is day 1: 27, 28, 29 → Thursday 29 April.
        DeadlineCalculator.Due(new DeadlineRule("x", 3, DeadlineUnit.WorkingDays, DeadlineStart.SameDay, true, "t"), Ge, D("2027-04-27"))
            .Should().Be(D("2027-04-29"));

    [Fact]
    public void Due_WorkingDaysFromNextWorkingDay_EqualsDayAfterEventCount() =>
        DeadlineCalculator.Due(new DeadlineRule("x", 10, DeadlineUnit.WorkingDays, DeadlineStart.NextWorkingDay, true, "t"), Ge, D("2027-04-29"))
            .Should().Be(DeadlineCalculator.Due(Gac.Deadline("response"), Ge, D("2027-04-29")));

    [Fact]
    public void Due_Hours_RunOutWholeDaysLaterWithoutRollingForward() =>
        // 48 hours from Friday 30 April 2027 end on Sunday 2 May: hours run through holidays.
        DeadlineCalculator.Due(new DeadlineRule("urgent", 48, DeadlineUnit.Hours, DeadlineStart.SameDay, false, "t"), Ge, D("2027-04-30"))
            .Should().Be(D("2027-05-02"));

    [Fact]
    public void Due_MonthsWithAdditionalDays_AddsThemAfterTheMonths() =>
        // 15 June + 2 months = 15 August, + 10 days = Wednesday 25 August 2027.
        DeadlineCalculator.Due(new DeadlineRule("court", 2, DeadlineUnit.Months, DeadlineStart.DayAfterEvent, true, "t", additionalDays: 10), Ge, D("2027-06-15"))
            .Should().Be(D("2027-08-25"));

    [Fact]
    public void Compute_UnknownDeadlineKey_ThrowsNamingTheKnownKeys() =>
        FluentActions.Invoking(() => DeadlineCalculator.Compute(Gac, Ge, "appeal", new DeadlineInputs(D("2027-01-04"))))
            .Should().Throw<KeyNotFoundException>().WithMessage("*'appeal'*response*");

    [Fact]
    public void Compute_WithAnotherStatutesCalendar_IsRejected() =>
        FluentActions.Invoking(() => DeadlineCalculator.Compute(Gac, England(), "response", new DeadlineInputs(D("2027-01-04"))))
            .Should().Throw<ArgumentException>().WithMessage("*gb-eng*");

    [Fact]
    public void Compute_RecordsStatuteAndCalendarVersions()
    {
        var result = Response("2027-04-27");
        (result.StatuteId.Value, result.StatuteVersion, result.CalendarId.Value, result.CalendarVersion)
            .Should().Be(("ge-gac", 1, "ge", 1));
    }
}

using FoiTracker.Domain.Calendars;
using FoiTracker.Domain.Statistics;
using static FoiTracker.Domain.Tests.Statistics.StatisticsTestData;

namespace FoiTracker.Domain.Tests.Statistics;

/// <summary>
/// Seven requests to one body, evaluated at the end of Friday 27 February 2026. February 2026 has no
/// Georgian holiday, so its working days are its weekdays.
/// </summary>
public sealed class GroupCalculatorTests
{
    private static readonly HolidayCalendar Georgia = TestCalendars.Georgia();
    private static readonly DateOnly AsOf = D("2026-02-27");

    private static GroupFigures Figures()
    {
        var calculator = new GroupCalculator(AsOf);
        // 1: sent Mon 2 Feb, due Mon 16 Feb (10 working days), complete on Tue 10 Feb: on time, 6 working days.
        calculator.Add(Request("2026-02-02", "2026-02-16", "2026-02-10", "complete"), Georgia);
        // 2: partial on Wed 18 Feb: late, 12 working days.
        calculator.Add(Request("2026-02-02", "2026-02-16", "2026-02-18", "partial"), Georgia);
        // 3: no answer: no reply, overdue, censored at 19 working days (3–27 Feb).
        calculator.Add(
            new RequestObservation
            {
                BodyKey = "ge-gori-city-hall", StatuteId = "ge-gac", SubmittedOn = D("2026-02-02"), AnswerDue = D("2026-02-16"),
                ComplaintFiledOn = D("2026-02-20"), ComplaintDecidedOn = D("2026-02-25"), ComplaintOutcome = "upheld", ComplaintDecisionDue = D("2026-03-20"),
            },
            Georgia);
        // 4: refused on 2 March, after the day: still no reply then, overdue, censored at 19.
        calculator.Add(Request("2026-02-02", "2026-02-16", "2026-03-02", "refused"), Georgia);
        // 5: sent Fri 20 Feb, due 6 March: pending, open but not overdue, censored at 5.
        calculator.Add(Request("2026-02-20", "2026-03-06"), Georgia);
        // 6: withdrawn Thu 5 Feb, before its due date: not due, censored at 3.
        calculator.Add(Request("2026-02-02", "2026-02-16", withdrawn: "2026-02-05"), Georgia);
        // 7: sent Tue 3 Feb, due Tue 17 Feb, "not held" on the due date itself: on time, 10 working days.
        calculator.Add(Request("2026-02-03", "2026-02-17", "2026-02-17", "not_held"), Georgia);
        return calculator.Result(legalTermDays: 10, Idfi());
    }

    [Fact]
    public void Counts_every_outcome_and_takes_rates_over_the_requests_due()
    {
        var figures = Figures();

        (figures.Sent, figures.Due).Should().Be((7, 5));
        figures.Outcomes.Should().Be(new OutcomeCounts(Complete: 1, Partial: 1, Refused: 0, NotHeld: 1, Forwarded: 0, NoReply: 2, Pending: 1, Withdrawn: 1));
        Check(figures.OnTime, 2, 5);
        Check(figures.Replied, 3, 5);
        Check(figures.Success, 2, 3);
        figures.Open.Should().Be(3);
        Check(figures.OverdueNow, 2, 3);
        figures.Idfi.Should().Equal(
            new CategoryCount("complete", 1), new CategoryCount("incomplete", 1), new CategoryCount("refusal", 1), new CategoryCount("no_reply", 2));
    }

    [Fact]
    public void Time_to_answer_censors_open_and_withdrawn_requests()
    {
        // Times 3c, 5c, 6, 10, 12, 19c, 19c: Ŝ(6) = 4/5, Ŝ(10) = 3/5, Ŝ(12) = 2/5.
        var times = Figures().TimeToAnswer;

        (times.Requests, times.Answered, times.Censored).Should().Be((7, 3, 4));
        (times.MedianDays, times.MedianReached).Should().Be((12, true));
        times.LegalTermDays.Should().Be(10);
        times.AnsweredWithinTerm.Value.Should().BeApproximately(0.4, 1e-12);
        times.AnsweredWithinTerm.Lower.Should().BeLessThan(0.4);
        times.AnsweredWithinTerm.Upper.Should().BeGreaterThan(0.4);
    }

    [Fact]
    public void Escalation_counts_only_what_happened_by_the_day()
    {
        var escalation = Figures().Escalation;

        (escalation.ComplaintsFiled, escalation.ComplaintsDecided, escalation.Upheld).Should().Be((1, 1, 1));
        escalation.DecidedInTime.Should().Be(new Rate(1, 1, null, null, null, "Fewer than 5 complaint decisions due (1): too few for a percentage."));
        (escalation.CourtClaims, escalation.CourtDecided).Should().Be((0, 0));
    }

    [Fact]
    public void Fewer_than_five_requests_due_give_counts_but_no_percentages()
    {
        var calculator = new GroupCalculator(AsOf);
        for (var i = 0; i < 4; i++)
            calculator.Add(Request("2026-02-02", "2026-02-16", "2026-02-10", "complete"), Georgia);

        var figures = calculator.Result(10, Idfi());

        figures.OnTime.Should().Be(new Rate(4, 4, null, null, null, "Fewer than 5 requests due (4): too few for a percentage."));
        figures.TimeToAnswer.AnsweredWithinTerm.Value.Should().BeNull();
        figures.TimeToAnswer.AnsweredWithinTerm.Withheld.Should().Contain("Fewer than 5");
        figures.TimeToAnswer.MedianDays.Should().Be(6, "a median is not a percentage and is given at any size");
    }

    [Fact]
    public void A_median_that_is_never_reached_is_null()
    {
        var calculator = new GroupCalculator(AsOf);
        calculator.Add(Request("2026-02-02", "2026-02-16", "2026-02-10", "complete"), Georgia);
        for (var i = 0; i < 5; i++)
            calculator.Add(Request("2026-02-02", "2026-02-16"), Georgia);

        var times = calculator.Result(10, Idfi()).TimeToAnswer;

        (times.MedianDays, times.MedianReached).Should().Be((null, false));
    }

    [Fact]
    public void A_request_sent_after_the_day_is_refused()
    {
        var act = () => new GroupCalculator(AsOf).Add(Request("2026-02-28", "2026-03-13"), Georgia);

        act.Should().Throw<ArgumentException>();
    }

    private static void Check(Rate rate, int count, int of)
    {
        var wilson = new Proportion(count, of);
        rate.Should().Be(new Rate(count, of, wilson.Value, wilson.Lower, wilson.Upper, null));
    }
}

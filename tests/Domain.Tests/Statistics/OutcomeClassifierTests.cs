using FoiTracker.Domain.Statistics;
using static FoiTracker.Domain.Tests.Statistics.StatisticsTestData;

namespace FoiTracker.Domain.Tests.Statistics;

public sealed class OutcomeClassifierTests
{
    [Theory]
    [InlineData("complete", StatisticsOutcome.Complete)]
    [InlineData("partial", StatisticsOutcome.Partial)]
    [InlineData("refused", StatisticsOutcome.Refused)]
    [InlineData("not_held", StatisticsOutcome.NotHeld)]
    [InlineData("forwarded", StatisticsOutcome.Forwarded)]
    public void An_answer_by_the_day_is_classified_by_its_outcome(string outcome, StatisticsOutcome expected) =>
        OutcomeClassifier.Classify(Request("2026-03-02", "2026-03-16", "2026-03-20", outcome), D("2026-03-20")).Should().Be(expected);

    [Fact]
    public void An_answer_dated_after_the_day_is_not_yet_an_answer()
    {
        var request = Request("2026-03-02", "2026-03-16", "2026-03-21", "complete");

        OutcomeClassifier.Classify(request, D("2026-03-20")).Should().Be(StatisticsOutcome.NoReply);
        OutcomeClassifier.Classify(request, D("2026-03-10")).Should().Be(StatisticsOutcome.Pending);
    }

    [Fact]
    public void A_request_due_on_the_day_itself_without_an_answer_counts_as_no_reply() =>
        OutcomeClassifier.Classify(Request("2026-03-02", "2026-03-16"), D("2026-03-16")).Should().Be(StatisticsOutcome.NoReply);

    [Fact]
    public void A_withdrawal_after_the_day_is_not_yet_a_withdrawal()
    {
        var request = Request("2026-03-02", "2026-03-16", withdrawn: "2026-03-12");

        OutcomeClassifier.Classify(request, D("2026-03-11")).Should().Be(StatisticsOutcome.Pending);
        OutcomeClassifier.Classify(request, D("2026-03-12")).Should().Be(StatisticsOutcome.Withdrawn);
    }

    [Fact]
    public void A_request_answered_and_then_withdrawn_stays_answered() =>
        OutcomeClassifier.Classify(Request("2026-03-02", "2026-03-16", "2026-03-05", "partial", withdrawn: "2026-03-06"), D("2026-04-01"))
            .Should().Be(StatisticsOutcome.Partial);

    [Fact]
    public void An_answer_outcome_statistics_do_not_know_is_reported_not_guessed()
    {
        var act = () => OutcomeClassifier.Classify(Request("2026-03-02", "2026-03-16", "2026-03-05", "maybe"), D("2026-04-01"));

        act.Should().Throw<InvalidDataException>().WithMessage("*'maybe'*");
    }
}

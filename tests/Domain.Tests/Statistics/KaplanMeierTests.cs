using FoiTracker.Domain.Statistics;

namespace FoiTracker.Domain.Tests.Statistics;

public sealed class KaplanMeierTests
{
    // Times 3,5,6,7,8,10,12,12 with answers 1,0,1,1,0,1,1,0.
    private static readonly TimeToAnswer[] Sample =
    [
        new(3, true), new(5, false), new(6, true), new(7, true), new(8, false), new(10, true), new(12, true), new(12, false),
    ];

    [Fact]
    public void The_estimate_steps_down_only_at_answers_and_counts_censored_requests_while_they_were_open()
    {
        var estimate = KaplanMeier.Estimate(Sample);

        estimate.SurvivalAt(3).Should().BeApproximately(0.875, 0.000005);
        estimate.SurvivalAt(5).Should().BeApproximately(0.875, 0.000005, "a request still open after 5 days is not an answer");
        estimate.SurvivalAt(6).Should().BeApproximately(0.72917, 0.000005);
        estimate.SurvivalAt(7).Should().BeApproximately(0.58333, 0.000005);
        estimate.SurvivalAt(10).Should().BeApproximately(0.38889, 0.000005);
        estimate.Steps.Select(step => step.AtRisk).Should().Equal(8, 6, 5, 3, 2);
        estimate.Count.Should().Be(8);
    }

    [Fact]
    public void The_median_is_the_first_time_the_estimate_reaches_one_half()
    {
        var estimate = KaplanMeier.Estimate(Sample);

        estimate.Median.Should().Be(10);
        estimate.AnsweredWithin(10).Should().BeApproximately(1 - 0.38889, 0.000005);
    }

    [Fact]
    public void The_log_minus_log_interval_holds_the_estimate_and_stays_inside_zero_and_one()
    {
        var estimate = KaplanMeier.Estimate(Sample);

        // Greenwood at 3 days: 1 / (8 × 7); se of log(−log Ŝ) = √(1/56) / |ln 0.875|.
        var first = estimate.Steps[0];
        var spread = Proportion.Z95 * Math.Sqrt(1.0 / 56) / Math.Abs(Math.Log(0.875));
        first.Lower.Should().BeApproximately(Math.Pow(0.875, Math.Exp(spread)), 1e-12);
        first.Upper.Should().BeApproximately(Math.Pow(0.875, Math.Exp(-spread)), 1e-12);
        estimate.Steps.Should().OnlyContain(step => step.Lower > 0 && step.Lower <= step.Survival && step.Survival <= step.Upper && step.Upper < 1);
        // The lower bound is already 0.387 at 3 days; the upper bound is still 0.563 at 12, so with eight
        // requests the median's interval has no upper end.
        estimate.MedianInterval.Should().Be(((int?)3, (int?)null));
        estimate.Steps[^1].Upper.Should().BeApproximately(0.5634, 0.0001);
    }

    [Fact]
    public void A_median_is_not_reached_while_more_than_half_are_unanswered()
    {
        var estimate = KaplanMeier.Estimate([new(4, true), new(9, false), new(9, false), new(9, false)]);

        estimate.Median.Should().BeNull();
        estimate.SurvivalAt(20).Should().Be(0.75);
    }

    [Fact]
    public void Requests_counted_together_give_the_estimate_of_the_same_requests_listed_one_by_one()
    {
        var counted = KaplanMeier.Estimate(Sample.GroupBy(time => time).ToDictionary(group => group.Key, group => group.Count()));

        counted.Steps.Should().Equal(KaplanMeier.Estimate(Sample).Steps);
        counted.Count.Should().Be(Sample.Length);
    }

    [Fact]
    public void Greenwood_holds_for_a_year_of_every_body()
    {
        // 100,000 requests, half answered after one day: 100,000 × 50,000 is past the range of a 32-bit integer.
        var estimate = KaplanMeier.Estimate(new Dictionary<TimeToAnswer, int> { [new(1, true)] = 50_000, [new(2, false)] = 50_000 });

        var step = estimate.Steps.Single();
        var spread = Proportion.Z95 * Math.Sqrt(50_000.0 / (100_000.0 * 50_000)) / Math.Abs(Math.Log(0.5));
        (step.AtRisk, step.Answers, step.Survival).Should().Be((100_000, 50_000, 0.5));
        step.Lower.Should().BeApproximately(Math.Pow(0.5, Math.Exp(spread)), 1e-12);
        step.Upper.Should().BeApproximately(Math.Pow(0.5, Math.Exp(-spread)), 1e-12);
    }
}

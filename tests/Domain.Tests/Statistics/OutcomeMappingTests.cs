using FoiTracker.Domain.Statistics;
using static FoiTracker.Domain.Tests.Statistics.StatisticsTestData;

namespace FoiTracker.Domain.Tests.Statistics;

public sealed class OutcomeMappingTests
{
    [Fact]
    public void Counts_fall_into_the_publishers_categories_and_unmapped_outcomes_are_left_out()
    {
        var counts = Idfi().Count(new OutcomeCounts(Complete: 4, Partial: 3, Refused: 2, NotHeld: 1, Forwarded: 7, NoReply: 5, Pending: 9, Withdrawn: 8));

        counts.Should().Equal(
            new CategoryCount("complete", 4), new CategoryCount("incomplete", 3), new CategoryCount("refusal", 3), new CategoryCount("no_reply", 5));
    }

    [Fact]
    public void A_mapping_must_place_every_outcome()
    {
        var act = () => new OutcomeMapping("idfi", 1, ["complete"], new Dictionary<StatisticsOutcome, string?> { [StatisticsOutcome.Complete] = "complete" });

        act.Should().Throw<ArgumentException>().WithMessage("*'partial'*");
    }

    [Fact]
    public void A_mapping_cannot_name_a_category_it_does_not_have()
    {
        var map = Enum.GetValues<StatisticsOutcome>().ToDictionary(outcome => outcome, _ => (string?)"other");

        var act = () => new OutcomeMapping("idfi", 1, ["complete"], map);

        act.Should().Throw<ArgumentException>().WithMessage("*'other'*");
    }
}

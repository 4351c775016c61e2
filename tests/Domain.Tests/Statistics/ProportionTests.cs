using FoiTracker.Domain.Statistics;

namespace FoiTracker.Domain.Tests.Statistics;

public sealed class ProportionTests
{
    [Theory]
    [InlineData(3, 10, 0.1078, 0.6032)]
    [InlineData(30, 100, 0.2189, 0.3958)]
    [InlineData(0, 5, 0, 0.4345)]
    [InlineData(5, 5, 0.5655, 1)]
    public void The_Wilson_interval_matches_the_published_values(int successes, int trials, double lower, double upper)
    {
        var share = new Proportion(successes, trials);

        share.Lower.Should().BeApproximately(lower, 0.00005);
        share.Upper.Should().BeApproximately(upper, 0.00005);
        share.Value.Should().BeApproximately((double)successes / trials, 1e-12);
    }

    [Fact]
    public void No_trials_give_no_share_and_an_empty_interval()
    {
        var share = new Proportion(0, 0);

        share.Value.Should().BeNull();
        (share.Lower, share.Upper).Should().Be((0d, 0d));
    }

    [Fact]
    public void More_successes_than_trials_are_refused()
    {
        var act = () => new Proportion(6, 5);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}

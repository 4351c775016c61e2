using FoiTracker.Application.Requests.RecordEvent;
using FoiTracker.Application.Statistics.Charts;
using FoiTracker.Application.Tests.Workflows;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Tests.Support;

namespace FoiTracker.Application.Tests.Statistics;

/// <summary>The charts' numbers from stored requests, counted by hand, equal on both databases.</summary>
public abstract class ChartDataTests : WorkflowTestBase
{
    private static readonly TimeSpan Tbilisi = TimeSpan.FromHours(4);

    [SkippableFact]
    public async Task OnTimeRatesAndTimesToAnswer_AreCountedInWorkingDaysFromTheFacts()
    {
        // Sent Thursday 1 October 2026, due Friday 16 October (ten working days, GAC 40).
        var requests = new List<Guid>();
        for (var i = 0; i < 6; i++)
            requests.Add((await FileAsync(At("2026-10-01"))).Id);
        // Three answers by the due date, one after it, two none.
        await SendAsync(new RecordEventCommand(requests[0], "answered", Citizen, OccurredAt: At("2026-10-02"), Outcome: "complete"));
        await SendAsync(new RecordEventCommand(requests[1], "answered", Citizen, OccurredAt: At("2026-10-07"), Outcome: "partial"));
        await SendAsync(new RecordEventCommand(requests[2], "answered", Citizen, OccurredAt: At("2026-10-16"), Outcome: "refused"));
        await SweepAllAsync(Services);
        await SendAsync(new RecordEventCommand(requests[3], "answered", Citizen, OccurredAt: At("2026-10-20"), Outcome: "complete"));

        var onTime = await QueryAsync(new GetOnTimeChartQuery("2026", "2026-11-26", null, "en"));
        var curve = await QueryAsync(new GetTimeToAnswerChartQuery("2026", "2026-11-26", null, "en", TestSeeds.VerifiedCityHall));

        // Six due, three answered by 16 October: 3 of 6, Wilson [0.1876, 0.8124].
        var bar = onTime.Bars.Should().ContainSingle().Subject;
        (bar.Label, bar.Value).Should().Be((TestSeeds.VerifiedCityHallName, 0.5));
        bar.Lower.Should().BeApproximately(0.1876, 0.0001);
        bar.Upper.Should().BeApproximately(0.8124, 0.0001);
        // Working days from 1 October (14 October, Svetitskhovloba, is a holiday): 2 Oct = 1, 7 Oct = 4, 16 Oct = 10, 20 Oct = 12;
        // the two still open on 26 November are censored.
        curve.Points.Select(point => (point.X, Math.Round(point.Y, 5))).Should().Equal(
            (0d, 1d), (1d, Math.Round(5d / 6, 5)), (4d, Math.Round(4d / 6, 5)), (10d, 0.5), (12d, Math.Round(2d / 6, 5)));
        curve.Text.Description.Should().Contain("Median: 10");
    }

    private static DateTimeOffset At(string date) =>
        new(DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(12, 0)), Tbilisi);
}

public sealed class SqliteChartDataTests : ChartDataTests;

public sealed class PostgresChartDataTests : ChartDataTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

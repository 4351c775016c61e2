using FoiTracker.Application.Common.Ports;
using FoiTracker.Application.Statistics;
using FoiTracker.Application.Tests.Workflows;
using FoiTracker.Domain.Statistics;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Infrastructure.Statistics;
using FoiTracker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Application.Tests.Statistics;

/// <summary>
/// The store counts requests as of a day with SQL (<see cref="StatisticsEvaluator.EvaluateCountedAsync"/>); the
/// domain's calculator counts them one by one (<see cref="StatisticsEvaluator.EvaluateAsync"/>). Given facts
/// drawn at random from a few weeks, so that answers, withdrawals, due dates, complaints and court steps fall
/// before, on and after each other and the day of evaluation, and some are missing, both give the same figures
/// for every body, every statute and all requests, as of several days, on SQLite and on PostgreSQL.
/// </summary>
public abstract class CountedStatisticsTests : WorkflowTestBase
{
    private const string Gori = "ge-gori-city-hall";
    private static readonly DateOnly Start = new(2026, 3, 2);
    private static readonly string[] Outcomes = ["complete", "partial", "refused", "not_held", "forwarded"];

    [SkippableFact]
    public async Task FiguresCountedInTheStore_AreThoseCountedRequestByRequest()
    {
        await FileWithDrawnFactsAsync(90, everyNthToTheCityHall: 3, new Random(20260302));

        await using var scope = Services.CreateAsyncScope();
        var evaluator = scope.ServiceProvider.GetRequiredService<StatisticsEvaluator>();
        var seen = new List<GroupFigures>();
        // Three months, whose requests all fall in the first part when it is read in parts; and March alone,
        // whose parts each hold requests of every body and statute, added up from both.
        foreach (var text in new[] { "2026-03-01..2026-05-31", "2026-03-02..2026-03-31" })
        {
            var period = StatisticsPeriod.TryParse(text, out var parsed) ? parsed! : throw new InvalidOperationException();
            foreach (var asOf in new[] { Start.AddDays(9), Start.AddDays(20), Start.AddDays(35), Start.AddDays(90) })
            {
                var window = new StatisticsWindow(period, asOf);
                var selection = new StatisticsSelection(period.From, window.Through);
                foreach (var (counted, byRow) in new (Func<StatisticsGroupKey, string>, Func<StatisticsRow, string>)[]
                         {
                             (key => key.BodyKey, row => row.BodyKey),
                             (key => key.StatuteId, row => row.StatuteId),
                             (_ => "all", _ => "all"),
                         })
                {
                    var inStore = await evaluator.EvaluateCountedAsync(window, selection, counted, CancellationToken.None);
                    var oneByOne = await evaluator.EvaluateAsync(window, selection, byRow, CancellationToken.None);
                    inStore.Groups.Should().BeEquivalentTo(oneByOne.Groups, $"{text} as of {asOf:yyyy-MM-dd}");
                    inStore.Basis.Should().BeEquivalentTo(oneByOne.Basis);
                    seen.AddRange(oneByOne.Groups.Values);
                }

                var oneBody = await evaluator.EvaluateCountedAsync(window, selection with { Body = Gori }, key => key.BodyKey, CancellationToken.None);
                oneBody.Groups.Keys.Should().Equal(Gori);
            }
        }

        // The drawn facts reach every branch of the definitions.
        seen.Should().Contain(figures => figures.Outcomes.Withdrawn > 0 && figures.Outcomes.NoReply > 0 && figures.Outcomes.Pending > 0);
        seen.Should().Contain(figures => figures.OnTime.Count > 0 && figures.OnTime.Count < figures.Due && figures.OverdueNow.Count > 0);
        seen.Should().Contain(figures => figures.Escalation.DecidedInTime.Count > 0 && figures.Escalation.DecidedInTime.Count < figures.Escalation.DecidedInTime.Of);
        seen.Should().Contain(figures => figures.Escalation.CourtWon > 0 && figures.Escalation.CourtLost + figures.Escalation.CourtSettled > 0);
        seen.Should().Contain(figures => figures.TimeToAnswer.Censored > 0 && figures.TimeToAnswer.Answered > 0);
    }

    [SkippableFact]
    public async Task InATransaction_TheOneStatementCountsWhatThePartsCount()
    {
        await FileWithDrawnFactsAsync(40, everyNthToTheCityHall: 2, new Random(20260303));

        var period = StatisticsPeriod.TryParse("2026-03-02..2026-03-31", out var parsed) ? parsed! : throw new InvalidOperationException();
        var window = new StatisticsWindow(period, Start.AddDays(35));
        var selection = new StatisticsSelection(period.From, window.Through);
        await using var scope = Services.CreateAsyncScope();
        var evaluator = scope.ServiceProvider.GetRequiredService<StatisticsEvaluator>();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
        var inParts = await evaluator.EvaluateCountedAsync(window, selection, key => key.BodyKey, CancellationToken.None);

        await unitOfWork.BeginAsync(CancellationToken.None);
        var inOne = await evaluator.EvaluateCountedAsync(window, selection, key => key.BodyKey, CancellationToken.None);
        await unitOfWork.RollbackAsync(CancellationToken.None);

        inOne.Groups.Should().BeEquivalentTo(inParts.Groups);
        inOne.Groups.Values.Sum(figures => figures.Sent).Should().Be(40);
    }

    [SkippableFact]
    public async Task AnAnswerOutcomeStatisticsDoNotKnow_IsRefusedByName()
    {
        var filed = await FileAsync(new DateTimeOffset(Start.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(4)), Gori);
        await ExecuteAsync(
            "UPDATE request_facts SET first_answer_on = @On, first_answer_outcome = 'maybe' WHERE request_id = @Id",
            new { Id = filed.Id, On = (DateOnly?)Start.AddDays(3) });
        var period = StatisticsPeriod.Year(2026);
        await using var scope = Services.CreateAsyncScope();
        var evaluator = scope.ServiceProvider.GetRequiredService<StatisticsEvaluator>();

        var act = () => evaluator.EvaluateCountedAsync(
            new StatisticsWindow(period, Start.AddDays(10)), new StatisticsSelection(period.From, Start.AddDays(10)), key => key.BodyKey, CancellationToken.None);

        await act.Should().ThrowAsync<InvalidDataException>().WithMessage($"*'{Gori}'*");
    }

    /// <summary><paramref name="count"/> requests, to Gori's city hall or (every nth) the verified one, each with facts drawn at random.</summary>
    private async Task FileWithDrawnFactsAsync(int count, int everyNthToTheCityHall, Random random)
    {
        for (var i = 0; i < count; i++)
        {
            var filed = await FileAsync(
                new DateTimeOffset(Start.ToDateTime(new TimeOnly(12, 0)), TimeSpan.FromHours(4)), i % everyNthToTheCityHall == 0 ? TestSeeds.VerifiedCityHall : Gori);
            await DrawFactsAsync(filed.Id, random);
        }
    }

    /// <summary>Facts drawn from a few weeks after <see cref="Start"/>, each missing now and then.</summary>
    private async Task DrawFactsAsync(Guid id, Random random)
    {
        DateOnly? Maybe(int chance, DateOnly from, int spread) => random.Next(100) < chance ? from.AddDays(random.Next(spread)) : null;
        string Pick(params string[] values) => values[random.Next(values.Length)];

        var submitted = Start.AddDays(random.Next(30));
        var due = random.Next(20) == 0 ? (DateOnly?)null : submitted.AddDays(10 + random.Next(8));
        var answered = Maybe(70, submitted, 40);
        var complaint = Maybe(35, submitted.AddDays(10), 20);
        var court = Maybe(20, submitted.AddDays(20), 30);
        // The decision's last day: a month or so after the complaint, now and then missing (a statute without one).
        var decisionDue = complaint is { } complained && random.Next(10) > 0 ? complained.AddDays(15 + random.Next(45)) : (DateOnly?)null;
        await ExecuteAsync(
            """
            UPDATE request_facts SET submitted_on = @Submitted, answer_due = @Due, first_answer_on = @Answered, first_answer_outcome = @Outcome,
                withdrawn_on = @Withdrawn, complaint_filed_on = @Complaint, complaint_decided_on = @Decided, complaint_outcome = @ComplaintOutcome,
                complaint_decision_due = @DecisionDue, court_filed_on = @Court, court_decided_on = @Judged, court_outcome = @CourtOutcome
            WHERE request_id = @Id
            """,
            new
            {
                Id = id,
                Submitted = (DateOnly?)submitted,
                Due = due,
                Answered = answered,
                Outcome = answered is null ? null : Pick(Outcomes),
                Withdrawn = Maybe(20, submitted, 30),
                Complaint = complaint,
                Decided = complaint is { } filed ? Maybe(70, filed, 40) : null,
                ComplaintOutcome = Pick("upheld", "partly_upheld", "rejected"),
                DecisionDue = decisionDue,
                Court = court,
                Judged = court is { } sued ? Maybe(60, sued, 40) : null,
                CourtOutcome = Pick("won", "lost", "settled"),
            });
    }
}

public sealed class SqliteCountedStatisticsTests : CountedStatisticsTests;

public sealed class PostgresCountedStatisticsTests : CountedStatisticsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

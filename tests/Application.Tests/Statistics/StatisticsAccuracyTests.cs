using FoiTracker.Application.Requests.RecordEvent;
using FoiTracker.Application.Statistics;
using FoiTracker.Application.Statistics.ExportRequests;
using FoiTracker.Application.Statistics.GetBodiesStatistics;
using FoiTracker.Application.Statistics.GetBodyStatistics;
using FoiTracker.Application.Statistics.GetGroupStatistics;
using FoiTracker.Application.Tests.Workflows;
using FoiTracker.Domain.Statistics;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Tests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Application.Tests.Statistics;

/// <summary>
/// Ten requests to Gori City Hall, filed and answered through the real commands on a fake clock, with
/// answers on both sides of deadlines that New Year, Orthodox Easter and a clarification pause move;
/// every figure is checked against values counted by hand (working days per request in the comments).
/// The same class runs on SQLite and on PostgreSQL, so both give the same statistics.
/// Period 1 December 2025 – 30 June 2026, evaluated as of Friday 15 May 2026.
/// </summary>
public abstract class StatisticsAccuracyTests : WorkflowTestBase
{
    private const string Gori = "ge-gori-city-hall";
    private const string Period = "2025-12-01..2026-06-30";
    private const string AsOf = "2026-05-15";
    private static readonly TimeSpan Tbilisi = TimeSpan.FromHours(4);

    private readonly Dictionary<string, string> _numbers = [];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        // R1. Sent Wed 24 Dec 2025. Ten working days skip 1, 2 and 7 January: due Mon 12 Jan.
        //     Complete on 12 Jan: on time; 10 working days (25, 26, 29, 30, 31 Dec; 5, 6, 8, 9, 12 Jan).
        await AnsweredAsync("R1", "2025-12-24", "2026-01-12", "complete");
        // R2. Same dates, partial on Tue 13 Jan: one day late; 11 working days.
        await AnsweredAsync("R2", "2025-12-24", "2026-01-13", "partial");
        // R3. Sent Wed 1 Apr 2026. 9 April and Orthodox Good Friday to Easter Monday (10–13 April) are
        //     holidays: due Mon 20 Apr. Refused on 20 Apr: on time; 10 working days (2, 3, 6, 7, 8, 14, 15, 16, 17, 20 Apr).
        await AnsweredAsync("R3", "2026-04-01", "2026-04-20", "refused");
        // R4. Same dates, complete on Tue 21 Apr: late; 11 working days.
        await AnsweredAsync("R4", "2026-04-01", "2026-04-21", "complete");
        // R5. Sent Mon 2 Feb 2026, due Mon 16 Feb; clarification asked Wed 4 Feb, given Wed 11 Feb: the clock
        //     stood still 4 working days (5, 6, 9, 10 Feb), so due Fri 20 Feb. Complete on Thu 19 Feb: on time;
        //     13 working days since sending (the pause is part of the requester's wait).
        await PausedAsync("R5", "2026-02-19", "complete");
        // R6. As R5, "not held" on Mon 23 Feb: late; 15 working days.
        await PausedAsync("R6", "2026-02-23", "not_held");
        // R7. Sent 1 Apr, due 20 Apr, never answered: no reply, overdue; censored at 28 working days on 15 May
        //     (18 in April after the 1st, then 1, 4–8, 11, 13–15 May; 9 and 12 May are holidays).
        //     Complaint filed Mon 27 Apr, upheld Mon 11 May; its decision was due 27 May (one month): in time.
        await FileNumberedAsync("R7", "2026-04-01");
        // R8. Sent 1 Apr, withdrawn Fri 3 Apr, before its due date: withdrawn, not due; censored at 2 working days.
        await FileNumberedAsync("R8", "2026-04-01");
        // R9. Sent Mon 11 May; 12 May (St Andrew), 17 May (a Sunday) and 26 May are holidays: due Wed 27 May.
        //     Complete on 20 May, after the day: pending on 15 May, open, not overdue; censored at 3 working days.
        await AnsweredAsync("R9", "2026-05-11", "2026-05-20", "complete");
        // R10. Sent 1 Apr, due 20 Apr, complete on Mon 18 May, after the day: no reply and overdue on 15 May; censored at 28.
        await AnsweredAsync("R10", "2026-04-01", "2026-05-18", "complete");
        // Outside the period (sent 20 Nov 2025), and one request to another body.
        await AnsweredAsync("outside", "2025-11-20", "2025-11-25", "complete");
        var other = await FileAsync(At("2025-12-24"));
        await SendAsync(new RecordEventCommand(other.Id, "answered", Citizen, OccurredAt: At("2026-01-05"), Outcome: "complete"));

        await SweepAllAsync(Services);
        var r7 = await IdAsync("R7");
        await SendAsync(new RecordEventCommand(r7, "escalate", Citizen, OccurredAt: At("2026-04-27")));
        await SendAsync(new RecordEventCommand(r7, "complaint_decided", Citizen, OccurredAt: At("2026-05-11"), Outcome: "upheld"));
        await SendAsync(new RecordEventCommand(await IdAsync("R8"), "withdraw", Citizen, OccurredAt: At("2026-04-03")));
    }

    [SkippableFact]
    public async Task EveryFigureOfOneBody_MatchesTheHandCount()
    {
        var report = await QueryAsync(new GetBodyStatisticsQuery(Gori, Period, AsOf));
        var figures = report.Body.Figures;

        (figures.Sent, figures.Due).Should().Be((10, 8), "R8 was withdrawn before its due date and R9 is not yet due");
        figures.Outcomes.Should().Be(new OutcomeCounts(Complete: 3, Partial: 1, Refused: 1, NotHeld: 1, Forwarded: 0, NoReply: 2, Pending: 1, Withdrawn: 1));
        Check(figures.OnTime, 3, 8);      // R1, R3, R5
        Check(figures.Replied, 6, 8);     // R1–R6
        Check(figures.Success, 4, 6);     // R1, R2, R4, R5
        figures.Open.Should().Be(3);      // R7, R9, R10
        Check(figures.OverdueNow, 2, 3);  // R7, R10
        figures.Idfi.Should().Equal(
            new CategoryCount("complete", 3), new CategoryCount("incomplete", 1), new CategoryCount("refusal", 2), new CategoryCount("no_reply", 2));

        // Times 2c, 3c, 10, 10, 11, 11, 13, 15, 28c, 28c: Ŝ(10) = 6/8 = 0.75, Ŝ(11) = 0.75 · 4/6 = 0.5 → median 11.
        var times = figures.TimeToAnswer;
        (times.Requests, times.Answered, times.Censored, times.MedianDays, times.MedianReached).Should().Be((10, 6, 4, 11, true));
        times.LegalTermDays.Should().Be(10);
        times.AnsweredWithinTerm.Value.Should().BeApproximately(0.25, 1e-12);

        var escalation = figures.Escalation;
        (escalation.ComplaintsFiled, escalation.ComplaintsDecided, escalation.Upheld, escalation.Rejected, escalation.CourtClaims).Should().Be((1, 1, 1, 0, 0));
        (escalation.DecidedInTime.Count, escalation.DecidedInTime.Of).Should().Be((1, 1));

        report.Basis.Should().BeEquivalentTo(new
        {
            MethodologyVersion = StatisticsMethodology.Version,
            Period,
            From = D("2025-12-01"),
            To = D("2026-06-30"),
            AsOf = D(AsOf),
            Statutes = new[] { new StatuteVersion("ge-gac", 1, "ge", 1) },
        });
    }

    [SkippableFact]
    public async Task AnswersAfterTheDay_CountWhenTheDayMovesOn()
    {
        // As of 29 May: R9 (answered 20 May) and R10 (18 May) are answered; R9 was due 27 May, so it is due now and on time.
        var figures = (await QueryAsync(new GetBodyStatisticsQuery(Gori, Period, "2026-05-29"))).Body.Figures;

        (figures.Sent, figures.Due).Should().Be((10, 9));
        figures.Outcomes.Should().Be(new OutcomeCounts(Complete: 5, Partial: 1, Refused: 1, NotHeld: 1, Forwarded: 0, NoReply: 1, Pending: 0, Withdrawn: 1));
        Check(figures.OnTime, 4, 9);
        Check(figures.Replied, 8, 9);
    }

    [SkippableFact]
    public async Task TheBodiesList_TheGroupsAndTheOpenData_AgreeWithTheBody()
    {
        var single = (await QueryAsync(new GetBodyStatisticsQuery(Gori, Period, AsOf))).Body.Figures;

        var list = await QueryAsync(new GetBodiesStatisticsQuery(Period, AsOf));
        list.Bodies.Single(body => body.Key == Gori).Figures.Should().BeEquivalentTo(single);
        var other = list.Bodies.Single(body => body.Key == TestSeeds.VerifiedCityHall).Figures;
        (other.Sent, other.Due, other.OnTime.Count, other.OnTime.Value).Should().Be((1, 1, 1, (double?)null), "one due request is too few for a percentage");
        list.Bodies.Should().OnlyContain(body => body.Rank == null, "no body has 20 due requests");
        (await QueryAsync(new GetBodiesStatisticsQuery(Period, AsOf, Municipality: "gori"))).Bodies
            .Where(body => body.Figures.Sent > 0).Select(body => body.Key).Should().Equal(Gori);

        var byMunicipality = await QueryAsync(new GetGroupStatisticsQuery("municipality", Period, AsOf));
        byMunicipality.Groups.Select(group => (group.Group, group.Figures.Sent)).Should().Equal(("gori", 10), ("none", 1));
        byMunicipality.Groups[0].Figures.Should().BeEquivalentTo(single);

        // The lines are read as they are written out, so within the scope (the connection) of the query.
        await using var scope = Services.CreateAsyncScope();
        var export = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ExportRequestsQuery(Period, Gori));
        var lines = await export.Lines.ToListAsync();
        lines.Should().HaveCount(10);
        lines.Single(line => line.Number == _numbers["R1"]).Should().Be(
            new RequestExportLine(_numbers["R1"], Gori, D("2025-12-24"), D("2026-01-12"), D("2026-01-12"), "complete", 10, null, null));
        lines.Single(line => line.Number == _numbers["R5"]).Due.Should().Be(D("2026-02-20"));
        // The open data classifies as of today (26 November 2026): R10's answer of 18 May counts.
        lines.Single(line => line.Number == _numbers["R10"]).Should().BeEquivalentTo(new { Outcome = "complete", WorkingDaysToAnswer = 29 });
        lines.Single(line => line.Number == _numbers["R7"]).Should().BeEquivalentTo(new { Outcome = "no_reply", FirstAnswer = (DateOnly?)null, ComplaintFiled = D("2026-04-27") });
    }

    private async Task AnsweredAsync(string name, string sent, string answeredOn, string outcome)
    {
        var id = await FileNumberedAsync(name, sent);
        await SendAsync(new RecordEventCommand(id, "answered", Citizen, OccurredAt: At(answeredOn), Outcome: outcome));
    }

    private async Task PausedAsync(string name, string answeredOn, string outcome)
    {
        var id = await FileNumberedAsync(name, "2026-02-02");
        await SendAsync(new RecordEventCommand(id, "clarification_requested", Citizen, OccurredAt: At("2026-02-04")));
        await SendAsync(new RecordEventCommand(id, "clarification_answered", Citizen, OccurredAt: At("2026-02-11")));
        await SendAsync(new RecordEventCommand(id, "answered", Citizen, OccurredAt: At(answeredOn), Outcome: outcome));
    }

    private async Task<Guid> FileNumberedAsync(string name, string sent)
    {
        var filed = await FileAsync(At(sent), Gori);
        _numbers[name] = filed.Number;
        return filed.Id;
    }

    private async Task<Guid> IdAsync(string name) =>
        (await RowsAsync<Guid>("SELECT id FROM requests WHERE number = @Number", new { Number = _numbers[name] })).Single();

    private static void Check(Rate rate, int count, int of)
    {
        var wilson = new Proportion(count, of);
        rate.Should().Be(new Rate(count, of, wilson.Value, wilson.Lower, wilson.Upper, null));
    }

    private static DateOnly D(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset At(string date) => new(D(date).ToDateTime(new TimeOnly(12, 0)), Tbilisi);
}

public sealed class SqliteStatisticsAccuracyTests : StatisticsAccuracyTests;

public sealed class PostgresStatisticsAccuracyTests : StatisticsAccuracyTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

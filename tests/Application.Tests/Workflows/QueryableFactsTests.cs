using FoiTracker.Application.Requests.RecordEvent;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Tests.Support;

namespace FoiTracker.Application.Tests.Workflows;

/// <summary>
/// Requests run through their use cases and the sweep leave plain rows that statistics read:
/// the legal dates of each step, the first substantive answer, the escalation steps, and each
/// deadline met or missed, on both databases.
/// </summary>
public abstract class QueryableFactsTests : WorkflowTestBase
{
    private static readonly TimeSpan Tbilisi = TimeSpan.FromHours(4);

    [SkippableFact]
    public async Task ARequestAnsweredLateThenTakenToAComplaint_HasItsDatesOutcomesAndDeadlinesInPlainRows()
    {
        // Sent Thursday 1 October 2026: ten working days (GAC 40) end Friday 16 October.
        var filed = await FileAsync(At("2026-10-01"));
        await SweepAllAsync(Services);
        await SendAsync(new RecordEventCommand(filed.Id, "answered", Citizen, OccurredAt: At("2026-10-20"), Outcome: "refused"));
        await SendAsync(new RecordEventCommand(filed.Id, "escalate", Citizen, OccurredAt: At("2026-10-27")));
        await SendAsync(new RecordEventCommand(filed.Id, "complaint_decided", Citizen, OccurredAt: At("2026-11-10"), Outcome: "upheld"));
        await SendAsync(new RecordEventCommand(filed.Id, "answered", Citizen, OccurredAt: At("2026-11-20"), Outcome: "complete"));

        var facts = await FactsAsync(filed.Id);
        facts.Should().BeEquivalentTo(new FactsRow
        {
            BodyKey = TestSeeds.VerifiedCityHall,
            StatuteId = "ge-gac",
            SubmittedOn = D("2026-10-01"),
            AnswerDue = D("2026-10-16"),
            OverdueSince = D("2026-10-17"),
            FirstAnswerOn = D("2026-10-20"),
            FirstAnswerOutcome = "refused",
            ComplaintFiledOn = D("2026-10-27"),
            ComplaintDecidedOn = D("2026-11-10"),
            ComplaintOutcome = "upheld",
            ComplaintDecisionDue = D("2026-11-27"),
        }, "the later complete answer does not replace the first one; the complaint's decision was due a month after it (GAC 183)");
        var deadlines = await DeadlinesAsync(filed.Id);
        deadlines["response"].Should().Be(("missed", D("2026-10-17")));
        deadlines["complaint_filing"].Should().Be(("met", D("2026-10-27")));
        deadlines["complaint_decision"].Should().Be(("met", D("2026-11-10")));
    }

    [SkippableFact]
    public async Task ACourtClaimAgainstTheMayorsSilence_IsRecordedWithItsJudgment()
    {
        // LSG 62(2): the Mayor's silence goes straight to court.
        var filed = await FileAsync(At("2026-10-01"), "ge-gori-mayor");
        await SweepAllAsync(Services);
        await SendAsync(new RecordEventCommand(filed.Id, "escalate", Citizen, OccurredAt: At("2026-10-22")));
        await SendAsync(new RecordEventCommand(filed.Id, "court_decided", Citizen, OccurredAt: At("2026-11-25"), Outcome: "won"));

        var facts = await FactsAsync(filed.Id);
        (facts.CourtFiledOn, facts.CourtDecidedOn, facts.CourtOutcome).Should().Be((D("2026-10-22"), D("2026-11-25"), "won"));
        (facts.ComplaintFiledOn, facts.ComplaintDecisionDue, facts.FirstAnswerOn).Should().Be((null, null, null));
        facts.ClosedOn.Should().Be(D("2026-11-25"));
        (await DeadlinesAsync(filed.Id))["court_filing"].Should().Be(("met", D("2026-10-22")));
    }

    [SkippableFact]
    public async Task AnAnswerOnTime_RecordedAfterTheOverdueMark_IsMetAndNoLongerOverdue()
    {
        var filed = await FileAsync(At("2026-10-01"));
        await SweepAllAsync(Services);
        (await DeadlinesAsync(filed.Id)).Keys.Should().Contain("complaint_filing");

        await SendAsync(new RecordEventCommand(filed.Id, "answered", Citizen, OccurredAt: At("2026-10-15"), Outcome: "complete"));

        var facts = await FactsAsync(filed.Id);
        (facts.FirstAnswerOn, facts.FirstAnswerOutcome, facts.OverdueSince).Should().Be((D("2026-10-15"), "complete", null));
        var deadlines = await DeadlinesAsync(filed.Id);
        deadlines.Should().ContainSingle().Which.Should().Be(KeyValuePair.Create("response", ("met", (DateOnly?)D("2026-10-15"))),
            "the complaint window of the withdrawn overdue mark is gone");
    }

    [SkippableFact]
    public async Task AWithdrawnRequest_HasItsWithdrawalDate_AndItsDeadlineStaysUnsettled()
    {
        var filed = await FileAsync(At("2026-11-02"));
        await SendAsync(new RecordEventCommand(filed.Id, "withdraw", Citizen, OccurredAt: At("2026-11-05")));

        var facts = await FactsAsync(filed.Id);
        (facts.WithdrawnOn, facts.ClosedOn, facts.FirstAnswerOn).Should().Be((D("2026-11-05"), D("2026-11-05"), null));
        (await DeadlinesAsync(filed.Id))["response"].Should().Be(("open", null));
    }

    [SkippableFact]
    public async Task AnsweredOnTimePerBodyIn2026_IsOnePlainStatementOverTheFacts()
    {
        // Ten working days from 1 October end 16 October; from 20 November, 4 December (after "today", 26 November).
        var onTime = await FileAsync(At("2026-10-01"));
        var late = await FileAsync(At("2026-10-01"));
        var lastYear = await FileAsync(At("2025-12-01"));
        var gori = await FileAsync(At("2026-10-01"), "ge-gori-city-hall");
        await FileAsync(At("2026-11-20"), "ge-gori-city-hall");
        await SendAsync(new RecordEventCommand(onTime.Id, "answered", Citizen, OccurredAt: At("2026-10-16"), Outcome: "partial"));
        await SendAsync(new RecordEventCommand(lastYear.Id, "answered", Citizen, OccurredAt: At("2025-12-03"), Outcome: "complete"));
        await SendAsync(new RecordEventCommand(gori.Id, "answered", Citizen, OccurredAt: At("2026-10-02"), Outcome: "not_held"));
        await SweepAllAsync(Services);
        await SendAsync(new RecordEventCommand(late.Id, "answered", Citizen, OccurredAt: At("2026-10-19"), Outcome: "complete"));

        // The same text runs on both databases: dates are plain columns, compared with date parameters.
        var rows = await RowsAsync<OnTimeRow>(
            """
            SELECT body_key AS Body,
                COUNT(*) AS Sent,
                SUM(CASE WHEN answer_due <= @AsOf THEN 1 ELSE 0 END) AS Due,
                SUM(CASE WHEN answer_due <= @AsOf AND first_answer_on <= answer_due THEN 1 ELSE 0 END) AS OnTime
            FROM request_facts
            WHERE submitted_on >= @From AND submitted_on < @Until
            GROUP BY body_key
            ORDER BY body_key
            """,
            new { From = D("2026-01-01"), Until = D("2027-01-01"), AsOf = D("2026-11-26") });

        rows.Should().BeEquivalentTo(
            [
                new OnTimeRow { Body = "ge-gori-city-hall", Sent = 2, Due = 1, OnTime = 1 },
                new OnTimeRow { Body = TestSeeds.VerifiedCityHall, Sent = 2, Due = 2, OnTime = 1 },
            ],
            options => options.WithStrictOrdering());
    }

    private async Task<FactsRow> FactsAsync(Guid request) =>
        (await RowsAsync<FactsRow>(
            """
            SELECT body_key AS BodyKey, statute_id AS StatuteId, submitted_on AS SubmittedOn, registered_on AS RegisteredOn, answer_due AS AnswerDue,
                overdue_since AS OverdueSince, withdrawn_on AS WithdrawnOn, closed_on AS ClosedOn, first_answer_on AS FirstAnswerOn,
                first_answer_outcome AS FirstAnswerOutcome, complaint_filed_on AS ComplaintFiledOn, complaint_decided_on AS ComplaintDecidedOn,
                complaint_outcome AS ComplaintOutcome, complaint_decision_due AS ComplaintDecisionDue, court_filed_on AS CourtFiledOn, court_decided_on AS CourtDecidedOn, court_outcome AS CourtOutcome
            FROM request_facts WHERE request_id = @Request
            """,
            new { Request = request })).Single();

    private async Task<Dictionary<string, (string Status, DateOnly? SettledOn)>> DeadlinesAsync(Guid request) =>
        (await RowsAsync<DeadlineRow>(
            "SELECT key AS Key, status AS Status, settled_on AS SettledOn FROM request_deadlines WHERE request_id = @Request",
            new { Request = request }))
        .ToDictionary(row => row.Key, row => (row.Status, row.SettledOn));

    private static DateOnly D(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset At(string date) => new(D(date).ToDateTime(new TimeOnly(12, 0)), Tbilisi);

    private sealed class FactsRow
    {
        public string BodyKey { get; init; } = "";
        public string StatuteId { get; init; } = "";
        public DateOnly? SubmittedOn { get; init; }
        public DateOnly? RegisteredOn { get; init; }
        public DateOnly? AnswerDue { get; init; }
        public DateOnly? OverdueSince { get; init; }
        public DateOnly? WithdrawnOn { get; init; }
        public DateOnly? ClosedOn { get; init; }
        public DateOnly? FirstAnswerOn { get; init; }
        public string? FirstAnswerOutcome { get; init; }
        public DateOnly? ComplaintFiledOn { get; init; }
        public DateOnly? ComplaintDecidedOn { get; init; }
        public string? ComplaintOutcome { get; init; }
        public DateOnly? ComplaintDecisionDue { get; init; }
        public DateOnly? CourtFiledOn { get; init; }
        public DateOnly? CourtDecidedOn { get; init; }
        public string? CourtOutcome { get; init; }
    }

    private sealed class DeadlineRow
    {
        public string Key { get; init; } = "";
        public string Status { get; init; } = "";
        public DateOnly? SettledOn { get; init; }
    }

    private sealed class OnTimeRow
    {
        public string Body { get; init; } = "";
        public long Sent { get; init; }
        public long Due { get; init; }
        public long OnTime { get; init; }
    }
}

public sealed class SqliteQueryableFactsTests : QueryableFactsTests;

public sealed class PostgresQueryableFactsTests : QueryableFactsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

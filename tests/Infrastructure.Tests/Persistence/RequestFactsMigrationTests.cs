using System.Data.Common;
using Dapper;
using FoiTracker.Application.Seeds.LoadSeeds;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Tests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Infrastructure.Tests.Persistence;

/// <summary>
/// Migration 0015 fills the facts of requests stored by the version before it, from the request's
/// row, its workflow JSON, its timeline, its timer history and its outbox: the same dates a step
/// written by this version would leave, in legal dates of Tbilisi; migration 0019 then copies each
/// request's public number beside its facts, and migration 0023 the due date of its next running deadline.
/// </summary>
public sealed class RequestFactsMigrationTests
{
    private static readonly Guid Complained = Guid.Parse("0193a000-0000-7000-8000-000000000101");
    private static readonly Guid Answered = Guid.Parse("0193a000-0000-7000-8000-000000000102");

    [SkippableTheory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task RequestsStoredBeforeTheFacts_GetTheirDatesOutcomesAndDeadlineStatuses(DatabaseProvider provider)
    {
        await using var database = await StoredBeforeTheFactsAsync(provider);

        (await database.Migrator.MigrateAsync(CancellationToken.None)).Should().StartWith(["0015_request_facts.sql"]);

        var facts = (await database.Connection.QueryAsync<FactsRow>(
            """
            SELECT request_id AS Request, number AS Number, submitted_on AS SubmittedOn, answer_due AS AnswerDue, overdue_since AS OverdueSince,
                first_answer_on AS FirstAnswerOn, first_answer_outcome AS FirstAnswerOutcome, complaint_filed_on AS ComplaintFiledOn,
                complaint_decided_on AS ComplaintDecidedOn, closed_on AS ClosedOn
            FROM request_facts
            """)).ToDictionary(row => row.Request);
        facts[Complained].Should().BeEquivalentTo(new FactsRow
        {
            Request = Complained,
            Number = "2026-000001",
            SubmittedOn = D("2026-10-01"),
            AnswerDue = D("2026-10-16"),
            OverdueSince = D("2026-10-17"),
            FirstAnswerOn = D("2026-10-20"),
            FirstAnswerOutcome = "refused",
            ComplaintFiledOn = D("2026-10-27"),
        });
        // Sent at 01:30 in Tbilisi on 2 November, answered at 01:00 there on 6 November: both already the next day there than in UTC.
        facts[Answered].Should().BeEquivalentTo(new FactsRow
        {
            Request = Answered,
            Number = "2026-000002",
            SubmittedOn = D("2026-11-02"),
            AnswerDue = D("2026-11-16"),
            FirstAnswerOn = D("2026-11-06"),
            FirstAnswerOutcome = "complete",
        });

        var deadlines = (await database.Connection.QueryAsync<DeadlineRow>(
            "SELECT request_id AS Request, key AS Key, status AS Status, settled_on AS SettledOn, due AS Due FROM request_deadlines"))
            .Select(row => (row.Request, row.Key, row.Status, row.SettledOn, row.Due));
        deadlines.Should().BeEquivalentTo(new[]
        {
            (Complained, "response", "missed", (DateOnly?)D("2026-10-17"), D("2026-10-16")),
            (Complained, "complaint_filing", "met", (DateOnly?)D("2026-10-27"), D("2026-11-20")),
            (Complained, "complaint_decision", "open", (DateOnly?)null, D("2026-11-26")),
            (Answered, "response", "met", (DateOnly?)D("2026-11-06"), D("2026-11-16")),
        });
    }

    /// <summary>
    /// Facts read from the deadlines, filled by a later migration: the staff queue's next due date (0023) and
    /// the last day for deciding a complaint (0030). For the request taken to a complaint both are the
    /// complaint decision's due date: the one deadline still running, and the decision's.
    /// </summary>
    [SkippableTheory]
    [InlineData(DatabaseProvider.Sqlite, "0021_staff_cases.sql", "0023_queue_order_and_latest_requests.sql", "next_due")]
    [InlineData(DatabaseProvider.Postgres, "0021_staff_cases.sql", "0023_queue_order_and_latest_requests.sql", "next_due")]
    [InlineData(DatabaseProvider.Sqlite, "0029_statute_versions_in_use.sql", "0030_complaint_decision_due.sql", "complaint_decision_due")]
    [InlineData(DatabaseProvider.Postgres, "0029_statute_versions_in_use.sql", "0030_complaint_decision_due.sql", "complaint_decision_due")]
    public async Task RequestsStoredBeforeADeadlineFact_GetItFromTheirStoredDeadlines(DatabaseProvider provider, string before, string migration, string column)
    {
        await using var database = await MigratedFromAsync(provider, before, migration);

        var dates = (await database.Connection.QueryAsync<(Guid Request, DateOnly? Day)>($"SELECT request_id, {column} FROM request_facts"))
            .ToDictionary(row => row.Request, row => row.Day);
        dates[Complained].Should().Be(D("2026-11-26"), "the complaint's decision is due then; the earlier deadlines were met or missed");
        dates[Answered].Should().BeNull("a request answered in full runs no deadline and has no complaint");
    }

    [SkippableFact]
    public async Task OnPostgres_TheWordsOfStoredRequests_MoveToTheirOwnTable_AndAnAddedRequestsFollow()
    {
        TestDatabase.SkipUnlessPostgresConfigured();
        await using var database = await MigratedFromAsync(DatabaseProvider.Postgres, "0030_complaint_decision_due.sql", "0031_request_words_table.sql");

        const string Words = "SELECT r.number || '|' || w.subject || '|' || w.requester_name FROM request_words w JOIN requests r ON r.id = w.request_id ORDER BY r.number";
        var stored = await database.Connection.QueryAsync<string>("SELECT number || '|' || subject || '|' || requester_name FROM requests ORDER BY number");
        stored.Should().HaveCount(2);
        (await database.Connection.QueryAsync<string>(Words)).Should().Equal(stored);

        await database.Connection.ExecuteAsync(
            "INSERT INTO requests (id, number, body_key, statute_id, statute_version, subject, text, requester_name, stage, created_at, paused_days, timeline_seq, workflow, version) " +
            "SELECT @Id, '2026-000003', body_key, statute_id, statute_version, 'ბიუჯეტის ანგარიში', text, 'თამარ ქავთარაძე', stage, created_at, 0, 0, '{}', 1 FROM requests LIMIT 1",
            new { Id = Guid.Parse("0193a000-0000-7000-8000-000000000103") });
        (await database.Connection.QueryAsync<string>(Words)).Should().Contain("2026-000003|ბიუჯეტის ანგარიში|თამარ ქავთარაძე");
        (await database.Connection.QueryAsync<string>("SELECT indexname FROM pg_indexes WHERE tablename = 'requests' AND indexdef LIKE '%gin_trgm_ops%'"))
            .Should().BeEmpty("a step that rewrites a request's row no longer writes trigram entries for its words");
    }

    /// <summary>
    /// The two requests with their facts and deadlines as the version of <paramref name="before"/> left them,
    /// then migrated to the latest version, which applied <paramref name="migration"/>.
    /// </summary>
    private static async Task<MigratedDatabase> MigratedFromAsync(DatabaseProvider provider, string before, string migration)
    {
        var database = await StoredBeforeTheFactsAsync(provider);
        await database.Migrator.MigrateAsync(before, CancellationToken.None);
        (await database.Migrator.MigrateAsync(CancellationToken.None)).Should().Contain(migration);
        return database;
    }

    /// <summary>A database of the version before migration 0015, with two requests written as that version wrote them.</summary>
    private static async Task<MigratedDatabase> StoredBeforeTheFactsAsync(DatabaseProvider provider)
    {
        var database = await MigratedDatabase.CreateAsync(provider, through: "0014_outbox_given_up.sql");
        await SeedsBeforeMunicipality.LoadAsync(database);
        await WriteTheOldWayAsync(database.Connection);
        return database;
    }

    private static async Task WriteTheOldWayAsync(DbConnection connection)
    {
        await RequestAsync(connection, Complained, "2026-000001", "complaint_filed", At("2026-10-01T08:00:00Z"), At("2026-10-27T08:00:00Z"), D("2026-10-17"),
            """
            {"timers":[],"deadlines":[
              {"key":"response","stage":"submitted","event":"2026-10-01","due":"2026-10-16","paused":0,"statute":1,"calendar":1},
              {"key":"complaint_filing","stage":"refused","event":"2026-10-20","due":"2026-11-20","paused":0,"statute":1,"calendar":1},
              {"key":"complaint_decision","stage":"complaint_filed","event":"2026-10-27","due":"2026-11-26","paused":0,"statute":1,"calendar":1}]}
            """);
        await TimelineAsync(connection, Complained, [
            ("filed", null, null, "draft", At("2026-10-01T08:00:00Z")),
            ("event:submit", null, "draft", "submitted", At("2026-10-01T08:00:00Z")),
            ("timer:deadline_passed", null, "submitted", "overdue", At("2026-10-16T20:00:00Z")),
            ("event:answered", "Outcome: refused. Answer reference: [12/3].", "overdue", "refused", At("2026-10-20T08:00:00Z")),
            ("event:escalate", null, "refused", "complaint_filed", At("2026-10-27T08:00:00Z"))]);
        await connection.ExecuteAsync(
            """
            INSERT INTO request_timers (id, request_id, kind, stage, deadline_key, due_at, fired_at, created_at)
            VALUES (@Id, @Request, 'deadline_passed', 'submitted', 'response', @Due, @Due, @Armed)
            """,
            new { Id = Guid.CreateVersion7(), Request = Complained, Due = At("2026-10-16T20:00:00Z"), Armed = At("2026-10-01T08:00:00Z") });
        await connection.ExecuteAsync(
            """
            INSERT INTO outbox (id, dedup_key, request_id, kind, name, recipient, payload, created_at, available_at)
            VALUES (@Id, 'complaint-1', @Request, 'letter', 'complaint', 'complaint_body', '{}', @At, @At)
            """,
            new { Id = Guid.CreateVersion7(), Request = Complained, At = At("2026-10-27T08:00:00Z") });

        await RequestAsync(connection, Answered, "2026-000002", "answered", At("2026-11-01T21:30:00Z"), At("2026-11-05T21:00:00Z"), null,
            """
            {"timers":[],"deadlines":[{"key":"response","stage":"submitted","event":"2026-11-02","due":"2026-11-16","paused":0,"statute":1,"calendar":1}]}
            """);
        await TimelineAsync(connection, Answered, [
            ("event:submit", null, "draft", "submitted", At("2026-11-01T21:30:00Z")),
            ("event:answered", "Outcome: complete.", "submitted", "answered", At("2026-11-05T21:00:00Z"))]);
    }

    private static Task<int> RequestAsync(
        DbConnection connection, Guid id, string number, string stage, DateTimeOffset sent, DateTimeOffset entered, DateOnly? overdueSince, string workflow) =>
        connection.ExecuteAsync(
            """
            INSERT INTO requests (id, number, body_key, statute_id, statute_version, subject, text, requester_name, requester_address, stage, created_at,
                submitted_at, stage_entered_at, overdue_since, version, workflow, timeline_seq)
            VALUES (@Id, @Number, 'ge-gori-city-hall', 'ge-gac', 1, 'S', 'T', 'A', 'Gori', @Stage, @Sent, @Sent, @Entered, @OverdueSince, 3, @Workflow, 5)
            """,
            new { Id = id, Number = number, Stage = stage, Sent = sent, Entered = entered, OverdueSince = overdueSince, Workflow = workflow });

    private static async Task TimelineAsync(DbConnection connection, Guid request, (string Kind, string? Detail, string? From, string? To, DateTimeOffset At)[] entries)
    {
        for (var seq = 0; seq < entries.Length; seq++)
        {
            var entry = entries[seq];
            await connection.ExecuteAsync(
                """
                INSERT INTO timeline (id, request_id, seq, at, kind, actor, detail, from_stage, to_stage, statute_version)
                VALUES (@Id, @Request, @Seq, @At, @Kind, 'requester', @Detail, @From, @To, 1)
                """,
                new { Id = Guid.CreateVersion7(), Request = request, Seq = seq + 1, entry.At, entry.Kind, entry.Detail, entry.From, entry.To });
        }
    }

    private static DateOnly D(string date) => DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

    private sealed class FactsRow
    {
        public Guid Request { get; init; }
        public string? Number { get; init; }
        public DateOnly? SubmittedOn { get; init; }
        public DateOnly? AnswerDue { get; init; }
        public DateOnly? OverdueSince { get; init; }
        public DateOnly? FirstAnswerOn { get; init; }
        public string? FirstAnswerOutcome { get; init; }
        public DateOnly? ComplaintFiledOn { get; init; }
        public DateOnly? ComplaintDecidedOn { get; init; }
        public DateOnly? ClosedOn { get; init; }
    }

    private sealed class DeadlineRow
    {
        public Guid Request { get; init; }
        public string Key { get; init; } = "";
        public string Status { get; init; } = "";
        public DateOnly? SettledOn { get; init; }
        public DateOnly Due { get; init; }
    }
}

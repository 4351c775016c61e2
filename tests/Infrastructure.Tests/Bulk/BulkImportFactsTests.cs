using Dapper;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Workflows;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Requests;
using FoiTracker.Domain.Workflows;
using FoiTracker.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Infrastructure.Tests.Bulk;

/// <summary>
/// A request run through its workflow and then imported has the same row and the same facts
/// (request_facts, request_deadlines) as the same request saved by the repository, on each database.
/// </summary>
public abstract class BulkImportFactsTests : BulkDatabaseTests
{
    private static readonly TimeSpan Tbilisi = TimeSpan.FromHours(4);
    private static readonly DateTimeOffset Now = At("2026-12-15");
    private static readonly WorkflowActor Person = new(WorkflowActor.RequesterKind, null, "Nino");

    /// <summary>What happens to each request after it is sent, in order; timers due before each step fire first.</summary>
    private static readonly (string Sent, (string On, string Event, string? Outcome)[] Steps)[] Histories =
    [
        // Answered within ten working days (GAC 40).
        ("2026-03-02", [("2026-03-06", "answered", "complete")]),
        // Extended over Orthodox Easter (12–13 April 2026), then a partial answer.
        ("2026-04-01", [("2026-04-08", "extension_notice", null), ("2026-04-20", "answered", "partial")]),
        // Silence: overdue, a complaint rejected, a court claim won.
        ("2026-05-04", [("2026-05-28", "escalate", null), ("2026-06-15", "complaint_decided", "rejected"), ("2026-06-25", "escalate", null), ("2026-09-01", "court_decided", "won")]),
        // Withdrawn before any answer.
        ("2026-06-01", [("2026-06-03", "withdraw", null)]),
        // Refused after the deadline, never explained, not challenged.
        ("2026-07-01", [("2026-07-22", "answered", "refused")]),
        // Sent a few days ago, still running.
        ("2026-12-10", []),
    ];

    [SkippableFact]
    public async Task Import_RequestsRunThroughTheirWorkflow_HaveTheRowsAndFactsTheRepositoryWrites()
    {
        var context = Services.GetRequiredService<WorkflowContexts>().For("ge-gac", null);
        var saved = Histories.Select((history, i) => Run(history.Sent, history.Steps, RequestNumber.From(2026, i + 1), context)).ToList();
        var imported = Histories.Select((history, i) => Run(history.Sent, history.Steps, RequestNumber.From(2026, 101 + i), context)).ToList();

        await using (var scope = Services.CreateAsyncScope())
        {
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            var repository = scope.ServiceProvider.GetRequiredService<IFoiRequestRepository>();
            await session.BeginAsync(CancellationToken.None);
            foreach (var request in saved)
                await repository.AddAsync(request, CancellationToken.None);
            await session.CommitAsync(CancellationToken.None);
        }

        await Services.GetRequiredService<IBulkRequestImporter>().ImportAsync(BulkTestDatabase.Feed(imported), CancellationToken.None);

        foreach (var (one, other) in saved.Zip(imported))
        {
            var because = $"request {other.Number} was imported after the same history as {one.Number} was saved";
            (await RowAsync("requests", "id", other.Id, "id", "number", "workflow"))
                .Should().BeEquivalentTo(await RowAsync("requests", "id", one.Id, "id", "number", "workflow"), because);
            (await RowAsync("request_facts", "request_id", other.Id, "request_id", "number"))
                .Should().BeEquivalentTo(await RowAsync("request_facts", "request_id", one.Id, "request_id", "number"), because);
            (await RowAsync("request_facts", "request_id", other.Id))["number"].Should().Be(other.Number.Value, "the open data lists a request by its own number");
            (await RowAsync("request_facts", "request_id", one.Id))["number"].Should().Be(one.Number.Value);
            (await DeadlinesAsync(other.Id)).Should().Equal(await DeadlinesAsync(one.Id), because);
        }

        // The histories reach every kind of fact, so equal rows are not equal by being empty.
        (await TextsAsync("SELECT first_answer_outcome FROM request_facts WHERE first_answer_outcome IS NOT NULL"))
            .Should().BeEquivalentTo(["complete", "complete", "partial", "partial", "refused", "refused"]);
        (await TextsAsync("SELECT complaint_outcome || '/' || court_outcome FROM request_facts WHERE court_outcome IS NOT NULL"))
            .Should().BeEquivalentTo(["rejected/won", "rejected/won"]);
        (await TextsAsync("SELECT key || ':' || status FROM request_deadlines WHERE request_id = @Request ORDER BY key", imported[2].Id.Value))
            .Should().Equal("complaint_decision:met", "complaint_filing:met", "court_filing:met", "response:missed");
        (await TextsAsync("SELECT status FROM request_deadlines WHERE key = 'refusal_explanation' AND request_id = @Request", imported[4].Id.Value))
            .Should().Equal("missed");
        // The staff queue's order: the request still running has a next deadline, its answer's.
        (await TextsAsync("SELECT CAST(next_due AS text) FROM request_facts WHERE request_id = @Request", imported[5].Id.Value))
            .Should().Equal(await TextsAsync("SELECT CAST(due AS text) FROM request_deadlines WHERE key = 'response' AND request_id = @Request", imported[5].Id.Value));
        // Statistics' "complaint decided in time": the decision's last day sits beside the other facts.
        (await TextsAsync("SELECT CAST(complaint_decision_due AS text) FROM request_facts WHERE request_id = @Request", imported[2].Id.Value))
            .Should().Equal(await TextsAsync("SELECT CAST(due AS text) FROM request_deadlines WHERE key = 'complaint_decision' AND request_id = @Request", imported[2].Id.Value))
            .And.ContainSingle().Which.Should().NotBeNullOrEmpty();
        (await TextsAsync("SELECT CAST(complaint_decision_due AS text) FROM request_facts WHERE request_id = @Request AND complaint_decision_due IS NULL", imported[5].Id.Value))
            .Should().ContainSingle("a request without a complaint has no decision due");
    }

    /// <summary>Files a request sent on <paramref name="sent"/> and runs its history on a clock that follows it, as the service would have.</summary>
    private static FoiRequest Run(string sent, IEnumerable<(string On, string Event, string? Outcome)> steps, RequestNumber number, IWorkflowContext context)
    {
        var request = FoiRequest.File(
            RequestId.New(), number, BulkTestDatabase.BodyKeys[0], "ge-gac", "Budget of 2025", "Please send the budget of 2025.",
            new Requester("ნინო ბერიძე", EmailAddress.Create("nino@example.ge"), null), null, Person, At(sent), At(sent), context);
        foreach (var (on, kind, outcome) in steps)
        {
            FireTimersUntil(request, At(on), context);
            request.Apply(new WorkflowEventInput(new EventKind(kind), At(on), outcome is null ? null : new Outcome(outcome)), Person, At(on).AddHours(1), context);
        }

        FireTimersUntil(request, Now, context);
        return request;
    }

    private static void FireTimersUntil(FoiRequest request, DateTimeOffset until, IWorkflowContext context)
    {
        while (request.NextDueTimer(until) is { } timer)
            request.FireTimer(timer.Id, timer.DueAt, context);
    }

    private static DateTimeOffset At(string day) => new(DateTime.Parse(day, System.Globalization.CultureInfo.InvariantCulture).AddHours(11), Tbilisi);

    private async Task<IDictionary<string, object?>> RowAsync(string table, string key, RequestId id, params string[] leftOut)
    {
        await using var connection = await Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        var row = (IDictionary<string, object?>)await connection.QuerySingleAsync($"SELECT * FROM {table} WHERE {key} = @Id", new { Id = id.Value });
        return row.Where(pair => !leftOut.Contains(pair.Key)).ToDictionary(pair => pair.Key, pair => pair.Value);
    }

    private async Task<List<string>> DeadlinesAsync(RequestId id) =>
        await TextsAsync(
            """
            SELECT key || ' ' || stage || ' ' || CAST(from_date AS text) || ' ' || CAST(due AS text) || ' ' || CAST(paused_days AS text)
                || ' ' || status || ' ' || COALESCE(CAST(settled_on AS text), '-')
            FROM request_deadlines WHERE request_id = @Request ORDER BY key
            """,
            id.Value);

    private async Task<List<string>> TextsAsync(string sql, Guid? request = null)
    {
        await using var connection = await Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync<string>(sql, new { Request = request })).ToList();
    }
}

public sealed class SqliteBulkImportFactsTests : BulkImportFactsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresBulkImportFactsTests : BulkImportFactsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

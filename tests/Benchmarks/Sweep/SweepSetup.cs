using System.Data.Common;
using Dapper;
using FoiTracker.Domain.Requests;
using FoiTracker.Domain.Workflows;
using FoiTracker.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace FoiTracker.Benchmarks.Sweep;

/// <summary>
/// The timer state the sweep benchmark starts from, worked out once from the statute's own clock so
/// that every row agrees with what <see cref="FoiRequest"/> would have written itself.
/// <para>
/// Not-due requests entered "submitted" on one of the last seven legal days; their "response"
/// deadline (10 working days) and its two timers ("reminder" two days before, "deadline_passed" the
/// day after) all lie days ahead. Due requests entered "submitted" on the anchor whose response
/// deadline was yesterday, so their "deadline_passed" timer fell due at the start of today (legal
/// time): firing it moves them to "overdue" dated today, and the chaser that stage arms falls due
/// tomorrow, so the sweep fires exactly one timer per due request and nothing it arms is due yet.
/// </para>
/// </summary>
public sealed class SweepPlan
{
    public static readonly StageKey SubmittedStage = new("submitted");
    public const string DeadlineKey = "response";

    private SweepPlan(DateOnly today, ComputedDeadline dueDeadline, DateTimeOffset dueAt, IReadOnlyList<ComputedDeadline> futureDeadlines,
        IWorkflowContext context, bool dueDeadlineExact, int history)
    {
        History = history;
        Today = today;
        DueDeadline = dueDeadline;
        DueAt = dueAt;
        FutureDeadlines = futureDeadlines;
        Context = context;
        DueDeadlineExact = dueDeadlineExact;
    }

    public DateOnly Today { get; }

    /// <summary>Timeline entries every request already has when the sweep starts (filing, sending): the sweep's entry comes after them.</summary>
    public int History { get; }

    /// <summary>The response deadline of every due request (due yesterday).</summary>
    public ComputedDeadline DueDeadline { get; }

    /// <summary>When every due request's deadline_passed timer fell due: the start of today, legal time.</summary>
    public DateTimeOffset DueAt { get; }

    /// <summary>When a due request entered "submitted": the start of its anchor day.</summary>
    public DateTimeOffset DueEnteredAt => Context.StartOfDay(DueDeadline.EventDate);

    /// <summary>Response deadlines of the not-due requests, one per anchor day.</summary>
    public IReadOnlyList<ComputedDeadline> FutureDeadlines { get; }

    public IWorkflowContext Context { get; }

    /// <summary>False when no anchor gives a deadline of exactly yesterday (yesterday was not a working day) and one was set by hand.</summary>
    public bool DueDeadlineExact { get; }

    public static SweepPlan Create(IWorkflowContext context, DateTimeOffset now, int history)
    {
        var today = context.LegalDate(now);
        var yesterday = today.AddDays(-1);
        ComputedDeadline? exact = null;
        for (var back = 1; back <= 60 && exact is null; back++)
        {
            var candidate = context.Compute(DeadlineKey, SubmittedStage, today.AddDays(-back), 0);
            if (candidate.Due == yesterday)
                exact = candidate;
        }

        var dueDeadline = exact ?? context.Compute(DeadlineKey, SubmittedStage, today.AddDays(-14), 0) with { Due = yesterday };
        var dueAt = context.StartOfDay(today);
        if (dueAt > now)
            throw new InvalidOperationException("The start of today is after now; the legal clock is inconsistent.");
        if (context.StartOfDay(today.AddDays(1)) - now < TimeSpan.FromMinutes(30))
            Console.WriteLine("warning: less than 30 minutes to legal midnight; chaser timers armed by the sweep may fall due during the run.");

        var future = Enumerable.Range(0, 7).Select(back => context.Compute(DeadlineKey, SubmittedStage, today.AddDays(-back), 0)).ToList();
        foreach (var deadline in future)
        {
            if (ReminderDue(context, deadline) <= now)
                throw new InvalidOperationException($"A not-due timer would be due: deadline {deadline.Due}.");
        }

        return new SweepPlan(today, dueDeadline, dueAt, future, context, exact is not null, history);
    }

    public static DateTimeOffset ReminderDue(IWorkflowContext context, ComputedDeadline deadline) => context.StartOfDay(deadline.Due.AddDays(1 - 2));

    public static DateTimeOffset DeadlinePassedDue(IWorkflowContext context, ComputedDeadline deadline) => context.StartOfDay(deadline.Due.AddDays(1));
}

/// <summary>
/// Arms every request's timers and deadline the way the repository stores them (ADR 012): the
/// workflow state in the request's row and its earliest timer in <c>next_due_at</c>. SQLite: a
/// prepared update per row in big transactions; PostgreSQL: binary COPY into a scratch table, then one update.
/// </summary>
internal static class TimerBulkWriter
{
    private const int SqliteBatch = 50_000;

    /// <summary>Setup statements over millions of rows outlast Npgsql's 30 s default on a busy machine.</summary>
    public static readonly TimeSpan SetupTimeout = TimeSpan.FromMinutes(30);

    /// <summary>The not-due requests' state: two timers of a future response deadline, one per anchor day.</summary>
    private static (string Workflow, DateTimeOffset NextDue) FutureState(SweepPlan plan, int index)
    {
        var context = plan.Context;
        var deadline = plan.FutureDeadlines[index % plan.FutureDeadlines.Count];
        var armed = context.StartOfDay(deadline.EventDate).AddHours(9);
        var reminder = SweepPlan.ReminderDue(context, deadline);
        ArmedTimer[] timers =
        [
            new(Guid.CreateVersion7(), new TimerKind("reminder"), SweepPlan.SubmittedStage, SweepPlan.DeadlineKey, reminder, armed),
            new(Guid.CreateVersion7(), new TimerKind("deadline_passed"), SweepPlan.SubmittedStage, SweepPlan.DeadlineKey, SweepPlan.DeadlinePassedDue(context, deadline), armed),
        ];
        return (StoredWorkflowState.Write(timers, [deadline]), reminder);
    }

    /// <summary>A due request's state: its deadline_passed timer, due now, with a timer id of its own.</summary>
    private static string DueState(SweepPlan plan) =>
        StoredWorkflowState.Write(
            [new ArmedTimer(Guid.CreateVersion7(), new TimerKind("deadline_passed"), SweepPlan.SubmittedStage, SweepPlan.DeadlineKey, plan.DueAt, plan.DueEnteredAt)],
            [plan.DueDeadline]);

    /// <summary>Arms the not-due requests (<paramref name="isDue"/> false); returns how many timers that armed.</summary>
    public static async Task<long> ArmFutureAsync(IDbConnectionFactory factory, SweepPlan plan, Guid[] requestIds, Func<int, bool> isDue, CancellationToken cancellationToken)
    {
        await using var connection = await factory.OpenAsync(cancellationToken);
        var rows = Enumerable.Range(0, requestIds.Length).Where(index => !isDue(index)).Select(index =>
        {
            var (workflow, next) = FutureState(plan, index);
            return (Id: requestIds[index], Workflow: workflow, NextDue: next);
        });
        long written = connection switch
        {
            SqliteConnection sqlite => await UpdateSqliteAsync(sqlite, rows, plan.History, cancellationToken),
            NpgsqlConnection postgres => await UpdatePostgresAsync(postgres, rows, plan.History, cancellationToken),
            _ => throw new NotSupportedException(connection.GetType().Name),
        };
        return 2 * written;
    }

    private static async Task<long> UpdateSqliteAsync(SqliteConnection connection, IEnumerable<(Guid Id, string Workflow, DateTimeOffset NextDue)> rows, int history, CancellationToken cancellationToken)
    {
        await using var update = connection.CreateCommand();
        update.CommandText = "UPDATE requests SET workflow = $workflow, next_due_at = $next, timeline_seq = $seq WHERE id = $id";
        update.Parameters.Add(new SqliteParameter("$seq", history));
        var id = update.Parameters.Add(new SqliteParameter { ParameterName = "$id" });
        var workflow = update.Parameters.Add(new SqliteParameter { ParameterName = "$workflow" });
        var next = update.Parameters.Add(new SqliteParameter { ParameterName = "$next" });
        return await ExecuteInBatchesAsync(connection, update, rows, async row =>
        {
            id.Value = row.Id.ToString("D");
            workflow.Value = row.Workflow;
            next.Value = TypeHandlers.ToSqliteText(row.NextDue);
            if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
                throw new InvalidOperationException($"Request {row.Id} is missing.");
        }, cancellationToken);
    }

    /// <summary>Runs a prepared command once per row, in transactions of <see cref="SqliteBatch"/> rows; returns how many rows it ran for.</summary>
    private static async Task<long> ExecuteInBatchesAsync<T>(
        SqliteConnection connection, SqliteCommand command, IEnumerable<T> rows, Func<T, Task> executeRow, CancellationToken cancellationToken)
    {
        long written = 0;
        SqliteTransaction? transaction = null;
        try
        {
            foreach (var row in rows)
            {
                if (transaction is null)
                {
                    transaction = connection.BeginTransaction(deferred: false);
                    command.Transaction = transaction;
                    if (written == 0)
                        command.Prepare();
                }

                await executeRow(row);
                if (++written % SqliteBatch == 0)
                {
                    await transaction.CommitAsync(cancellationToken);
                    await transaction.DisposeAsync();
                    transaction = null;
                }
            }

            if (transaction is not null)
                await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            if (transaction is not null)
                await transaction.DisposeAsync();
        }

        return written;
    }

    private static async Task<long> UpdatePostgresAsync(NpgsqlConnection connection, IEnumerable<(Guid Id, string Workflow, DateTimeOffset NextDue)> rows, int history, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "CREATE TEMP TABLE armed (id uuid PRIMARY KEY, workflow text NOT NULL, next_due_at timestamptz NOT NULL) ON COMMIT DROP",
            transaction: transaction, cancellationToken: cancellationToken));
        long written = 0;
        await using (var copy = await connection.BeginBinaryImportAsync("COPY armed (id, workflow, next_due_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            copy.Timeout = SetupTimeout;
            foreach (var row in rows)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(row.Id, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(row.Workflow, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(row.NextDue.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
                written++;
            }

            await copy.CompleteAsync(cancellationToken);
        }

        var updated = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE requests r SET workflow = a.workflow, next_due_at = a.next_due_at, timeline_seq = @History FROM armed a WHERE r.id = a.id",
            new { History = history }, transaction: transaction, commandTimeout: (int)SetupTimeout.TotalSeconds, cancellationToken: cancellationToken));
        if (updated != written)
            throw new InvalidOperationException($"Armed {updated} requests, expected {written}.");
        await transaction.CommitAsync(cancellationToken);
        return written;
    }

    /// <summary>
    /// Puts the due requests in "submitted" as their stage entry would have left them, their
    /// deadline_passed timer due now: at setup, and again before each sweep after the first.
    /// </summary>
    public static async Task ArmDueAsync(DbConnection connection, SweepPlan plan, IReadOnlyList<Guid> dueIds, CancellationToken cancellationToken)
    {
        const string sql =
            """
            UPDATE requests SET stage = @Stage, submitted_at = @At, stage_entered_at = @At, stage_anchor = @Anchor, overdue_since = NULL,
                paused_days = 0, version = 1, timeline_seq = @History, workflow = @Workflow, next_due_at = @DueAt
            WHERE id = @Id
            """;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var id in dueIds)
        {
            var updated = await connection.ExecuteAsync(new CommandDefinition(
                sql,
                new { Stage = SweepPlan.SubmittedStage.Value, At = plan.DueEnteredAt, Anchor = plan.DueDeadline.EventDate, Workflow = DueState(plan), plan.DueAt, plan.History, Id = id },
                transaction,
                cancellationToken: cancellationToken));
            if (updated != 1)
                throw new InvalidOperationException($"Request {id} is missing.");
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static readonly string[] HistoryParameters = ["$id", "$request", "$seq", "$kind", "$from", "$to"];

    /// <summary>
    /// Gives every request the timeline its filing and sending wrote ("filed", then "event:submit"), so
    /// the sweep's entries go into a timeline of realistic size rather than an empty one. Only the first
    /// <see cref="SweepPlan.History"/> of those two are written; with both, each request also has the
    /// outbox row of its request letter, dispatched, so the sweep's effects join an outbox of realistic size.
    /// </summary>
    public static async Task<long> WriteHistoryAsync(IDbConnectionFactory factory, SweepPlan plan, Guid[] requestIds, CancellationToken cancellationToken)
    {
        if (plan.History == 0)
            return 0;
        (string Kind, string? From, string To)[] entries = [("filed", null, "draft"), ("event:submit", "draft", SweepPlan.SubmittedStage.Value)];
        var at = plan.Context.StartOfDay(plan.Today.AddDays(-30)).AddHours(9);
        var statuteVersion = plan.DueDeadline.StatuteVersion;
        var rows = requestIds.SelectMany(id => entries.Take(plan.History).Select((entry, index) => (Id: id, Seq: index + 1, entry.Kind, entry.From, entry.To)));
        await using var connection = await factory.OpenAsync(cancellationToken);
        long written = 0;
        if (connection is NpgsqlConnection postgres)
        {
            await using (var copy = await postgres.BeginBinaryImportAsync(
                "COPY timeline (id, request_id, seq, at, kind, actor, from_stage, to_stage, statute_version) FROM STDIN (FORMAT BINARY)", cancellationToken))
            {
                copy.Timeout = SetupTimeout;
                foreach (var row in rows)
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(row.Id, NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(row.Seq, NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync(at.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
                    await copy.WriteAsync(row.Kind, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync("system", NpgsqlDbType.Text, cancellationToken);
                    if (row.From is null)
                        await copy.WriteNullAsync(cancellationToken);
                    else
                        await copy.WriteAsync(row.From, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(row.To, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(statuteVersion, NpgsqlDbType.Integer, cancellationToken);
                    written++;
                }

                await copy.CompleteAsync(cancellationToken);
            }

            if (plan.History >= 2)
            {
                await using var letters = await postgres.BeginBinaryImportAsync(
                    "COPY outbox (id, dedup_key, request_id, kind, name, recipient, payload, created_at, available_at, dispatched_at, attempts) FROM STDIN (FORMAT BINARY)",
                    cancellationToken);
                letters.Timeout = SetupTimeout;
                foreach (var id in requestIds)
                {
                    var (key, payload) = RequestLetter(id, at);
                    await letters.StartRowAsync(cancellationToken);
                    await letters.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, cancellationToken);
                    await letters.WriteAsync(key, NpgsqlDbType.Text, cancellationToken);
                    await letters.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
                    await letters.WriteAsync("letter", NpgsqlDbType.Text, cancellationToken);
                    await letters.WriteAsync("request", NpgsqlDbType.Text, cancellationToken);
                    await letters.WriteAsync("body", NpgsqlDbType.Text, cancellationToken);
                    await letters.WriteAsync(payload, NpgsqlDbType.Text, cancellationToken);
                    for (var instant = 0; instant < 3; instant++)
                        await letters.WriteAsync(at.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
                    await letters.WriteAsync(1, NpgsqlDbType.Integer, cancellationToken);
                    written++;
                }

                await letters.CompleteAsync(cancellationToken);
            }

            return written;
        }

        var sqlite = (SqliteConnection)connection;
        await using var insert = sqlite.CreateCommand();
        insert.CommandText =
            "INSERT INTO timeline (id, request_id, seq, at, kind, actor, from_stage, to_stage, statute_version) " +
            "VALUES ($id, $request, $seq, $at, $kind, 'system', $from, $to, $statute)";
        var parameters = HistoryParameters.Select(name => insert.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
        insert.Parameters.Add(new SqliteParameter("$at", TypeHandlers.ToSqliteText(at)));
        insert.Parameters.Add(new SqliteParameter("$statute", statuteVersion));
        written = await ExecuteInBatchesAsync(sqlite, insert, rows, async row =>
        {
            parameters[0].Value = Guid.CreateVersion7().ToString("D");
            parameters[1].Value = row.Id.ToString("D");
            parameters[2].Value = row.Seq;
            parameters[3].Value = row.Kind;
            parameters[4].Value = (object?)row.From ?? DBNull.Value;
            parameters[5].Value = row.To;
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
        if (plan.History < 2)
            return written;

        await using var letter = sqlite.CreateCommand();
        letter.CommandText =
            "INSERT INTO outbox (id, dedup_key, request_id, kind, name, recipient, payload, created_at, available_at, dispatched_at, attempts) " +
            "VALUES ($id, $key, $request, 'letter', 'request', 'body', $payload, $at, $at, $at, 1)";
        var letterParameters = LetterParameters.Select(name => letter.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
        letter.Parameters.Add(new SqliteParameter("$at", TypeHandlers.ToSqliteText(at)));
        return written + await ExecuteInBatchesAsync(sqlite, letter, requestIds, async id =>
        {
            var (key, payload) = RequestLetter(id, at);
            letterParameters[0].Value = Guid.CreateVersion7().ToString("D");
            letterParameters[1].Value = key;
            letterParameters[2].Value = id.ToString("D");
            letterParameters[3].Value = payload;
            await letter.ExecuteNonQueryAsync(cancellationToken);
        }, cancellationToken);
    }

    private static readonly string[] LetterParameters = ["$id", "$key", "$request", "$payload"];

    /// <summary>The request letter's outbox row as filing writes it: its dedup key (instant, request, source step, kind, name, recipient) and payload.</summary>
    private static (string Key, string Payload) RequestLetter(Guid requestId, DateTimeOffset at) =>
        (PendingEffect.DedupKeyFor(at, new RequestId(requestId), Guid.CreateVersion7().ToString("N"), "letter", "request", "body"),
         $$"""{"requestId":"{{requestId}}","stage":"submitted"}""");
}

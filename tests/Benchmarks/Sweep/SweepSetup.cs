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
    public const string SubmittedStage = "submitted";
    public const string DeadlineKey = "response";

    private SweepPlan(DateOnly today, ComputedDeadline dueDeadline, DateTimeOffset dueAt, IReadOnlyList<ComputedDeadline> futureDeadlines,
        IWorkflowContext context, bool dueDeadlineExact)
    {
        Today = today;
        DueDeadline = dueDeadline;
        DueAt = dueAt;
        FutureDeadlines = futureDeadlines;
        Context = context;
        DueDeadlineExact = dueDeadlineExact;
    }

    public DateOnly Today { get; }

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

    public static SweepPlan Create(IWorkflowContext context, DateTimeOffset now)
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

        return new SweepPlan(today, dueDeadline, dueAt, future, context, exact is not null);
    }

    public static DateTimeOffset ReminderDue(IWorkflowContext context, ComputedDeadline deadline) => context.StartOfDay(deadline.Due.AddDays(1 - 2));

    public static DateTimeOffset DeadlinePassedDue(IWorkflowContext context, ComputedDeadline deadline) => context.StartOfDay(deadline.Due.AddDays(1));
}

/// <summary>One timer or deadline row as the bulk writers take it.</summary>
internal readonly record struct TimerRow(Guid Id, Guid RequestId, string Kind, DateTimeOffset DueAt, DateTimeOffset CreatedAt);

/// <summary>Writes the armed timers and their deadlines straight into the tables: SQLite prepared inserts in big transactions, PostgreSQL binary COPY.</summary>
internal static class TimerBulkWriter
{
    private const int SqliteBatch = 50_000;

    /// <summary>Setup statements over millions of rows outlast Npgsql's 30 s default on a busy machine.</summary>
    public static readonly TimeSpan SetupTimeout = TimeSpan.FromMinutes(30);

    private static readonly string[] TimerParameters = ["$id", "$request", "$kind", "$due", "$created"];

    private static readonly string[] DeadlineParameters = ["$request", "$event", "$due", "$statute", "$calendar", "$computed"];

    /// <summary>Every request's timers and deadline; <paramref name="isDue"/> picks the requests whose deadline_passed timer is due.</summary>
    public static async Task<long> WriteAsync(IDbConnectionFactory factory, SweepPlan plan, Guid[] requestIds, Func<int, bool> isDue, CancellationToken cancellationToken)
    {
        await using var connection = await factory.OpenAsync(cancellationToken);
        return connection switch
        {
            SqliteConnection sqlite => await WriteSqliteAsync(sqlite, plan, requestIds, isDue, cancellationToken),
            NpgsqlConnection postgres => await WritePostgresAsync(postgres, plan, requestIds, isDue, cancellationToken),
            _ => throw new NotSupportedException(connection.GetType().Name),
        };
    }

    private static IEnumerable<TimerRow> Timers(SweepPlan plan, Guid requestId, int index, bool due, out ComputedDeadline deadline)
    {
        var context = plan.Context;
        if (due)
        {
            deadline = plan.DueDeadline;
            return [new TimerRow(Guid.CreateVersion7(), requestId, "deadline_passed", plan.DueAt, plan.DueEnteredAt)];
        }

        deadline = plan.FutureDeadlines[index % plan.FutureDeadlines.Count];
        var created = context.StartOfDay(deadline.EventDate).AddHours(9);
        return
        [
            new TimerRow(Guid.CreateVersion7(), requestId, "reminder", SweepPlan.ReminderDue(context, deadline), created),
            new TimerRow(Guid.CreateVersion7(), requestId, "deadline_passed", SweepPlan.DeadlinePassedDue(context, deadline), created),
        ];
    }

    private static async Task<long> WriteSqliteAsync(SqliteConnection connection, SweepPlan plan, Guid[] ids, Func<int, bool> isDue, CancellationToken cancellationToken)
    {
        await using var timer = connection.CreateCommand();
        timer.CommandText = "INSERT INTO request_timers (id, request_id, kind, stage, deadline_key, due_at, created_at) VALUES ($id, $request, $kind, 'submitted', 'response', $due, $created)";
        var tp = TimerParameters.Select(name => timer.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
        await using var deadline = connection.CreateCommand();
        deadline.CommandText =
            "INSERT INTO request_deadlines (request_id, key, stage, event_date, due, paused_days, statute_version, calendar_version, computed_at) " +
            "VALUES ($request, 'response', 'submitted', $event, $due, 0, $statute, $calendar, $computed)";
        var dp = DeadlineParameters.Select(name => deadline.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();

        long rows = 0;
        SqliteTransaction? transaction = null;
        try
        {
            for (var i = 0; i < ids.Length; i++)
            {
                if (transaction is null)
                {
                    transaction = connection.BeginTransaction(deferred: false);
                    timer.Transaction = transaction;
                    deadline.Transaction = transaction;
                    if (i == 0)
                    {
                        timer.Prepare();
                        deadline.Prepare();
                    }
                }

                var request = ids[i].ToString("D");
                foreach (var row in Timers(plan, ids[i], i, isDue(i), out var computed))
                {
                    tp[0].Value = row.Id.ToString("D");
                    tp[1].Value = request;
                    tp[2].Value = row.Kind;
                    tp[3].Value = TypeHandlers.ToSqliteText(row.DueAt);
                    tp[4].Value = TypeHandlers.ToSqliteText(row.CreatedAt);
                    await timer.ExecuteNonQueryAsync(cancellationToken);
                    rows++;
                    if (row.Kind == "deadline_passed")
                    {
                        dp[0].Value = request;
                        dp[1].Value = computed.EventDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                        dp[2].Value = computed.Due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
                        dp[3].Value = computed.StatuteVersion;
                        dp[4].Value = computed.CalendarVersion;
                        dp[5].Value = TypeHandlers.ToSqliteText(row.CreatedAt);
                        await deadline.ExecuteNonQueryAsync(cancellationToken);
                    }
                }

                if ((i + 1) % SqliteBatch == 0)
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

        return rows;
    }

    private static async Task<long> WritePostgresAsync(NpgsqlConnection connection, SweepPlan plan, Guid[] ids, Func<int, bool> isDue, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long rows = 0;
        var deadlines = new (ComputedDeadline Deadline, DateTimeOffset Created)[ids.Length];
        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY request_timers (id, request_id, kind, stage, deadline_key, due_at, created_at) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            copy.Timeout = SetupTimeout;
            for (var i = 0; i < ids.Length; i++)
            {
                foreach (var row in Timers(plan, ids[i], i, isDue(i), out var computed))
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(row.Id, NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(row.RequestId, NpgsqlDbType.Uuid, cancellationToken);
                    await copy.WriteAsync(row.Kind, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(SweepPlan.SubmittedStage, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(SweepPlan.DeadlineKey, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(row.DueAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
                    await copy.WriteAsync(row.CreatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
                    rows++;
                    deadlines[i] = (computed, row.CreatedAt);
                }
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (var copy = await connection.BeginBinaryImportAsync(
            "COPY request_deadlines (request_id, key, stage, event_date, due, paused_days, statute_version, calendar_version, computed_at) FROM STDIN (FORMAT BINARY)",
            cancellationToken))
        {
            copy.Timeout = SetupTimeout;
            for (var i = 0; i < ids.Length; i++)
            {
                var (deadline, created) = deadlines[i];
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(ids[i], NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(deadline.Key, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(deadline.Stage, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(deadline.EventDate, NpgsqlDbType.Date, cancellationToken);
                await copy.WriteAsync(deadline.Due, NpgsqlDbType.Date, cancellationToken);
                await copy.WriteAsync(deadline.PausedDays, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(deadline.StatuteVersion, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(deadline.CalendarVersion, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(created.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return rows;
    }

    /// <summary>Gives the due requests the request columns their stage entry would have written.</summary>
    public static async Task MarkDueRequestsAsync(DbConnection connection, SweepPlan plan, IReadOnlyList<Guid> dueIds, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        foreach (var chunk in dueIds.Chunk(1_000))
        {
            var parameters = new DynamicParameters();
            parameters.Add("At", plan.DueEnteredAt);
            parameters.Add("Anchor", plan.DueDeadline.EventDate);
            var names = new string[chunk.Length];
            for (var i = 0; i < chunk.Length; i++)
            {
                names[i] = $"@id{i}";
                parameters.Add($"id{i}", chunk[i]);
            }

            await connection.ExecuteAsync(new CommandDefinition(
                $"UPDATE requests SET submitted_at = @At, stage_entered_at = @At, stage_anchor = @Anchor, version = 1 WHERE id IN ({string.Join(", ", names)})",
                parameters, transaction, (int)SetupTimeout.TotalSeconds, cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }
}

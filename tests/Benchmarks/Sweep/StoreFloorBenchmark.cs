using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using FoiTracker.Benchmarks.BulkLoad;
using FoiTracker.Benchmarks.Harness;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace FoiTracker.Benchmarks.Sweep;

/// <summary>
/// Benchmark "floor": the least a durable timer transition does, with none of the service's code, so the sweep's
/// figures and the 10× target can be set against what the database and the disk can do at all.
/// <para>
/// Each batch claims its due requests through the due index, in one transaction with what it writes. Each
/// transition is then one update of a narrow request row (a new due instant and a new 500-byte workflow text,
/// checked against the version the claim read), one history row indexed by request so a request's history can
/// be read back, and one outbox row with a unique dedup key. Commits are durable, as the service's are.
/// Nothing is computed: no statute, no deadline, no timeline text, no JSON; PostgreSQL runs each batch as a
/// single statement on the server. The service's sweep does all of this and more per fired timer, so its rate
/// cannot exceed this one on the same machine.
/// </para>
/// </summary>
public sealed class StoreFloorBenchmark : IBenchmark
{
    private static readonly string[] AllProviders = ["sqlite", "postgres"];

    public string Name => "floor";

    public string Description =>
        "The least a durable transition does, without the service's code: claim due requests, then per transition one update of a narrow " +
        "request row, one history row indexed by request and one outbox row, with N requests; the disk's synced write rate; WorkflowCore in the same run";

    public IReadOnlyList<BenchmarkOption> Options =>
    [
        new("count", "requests in the table (default 1,000,000)"),
        new("due", "transitions per measured run (default 10,000)"),
        new("batch", "transitions per transaction (default 2000)"),
        new("repeat", "measured runs, each on other requests; the median is reported (default 3)"),
        new("providers", "sqlite, postgres or both (default sqlite; PostgreSQL from FOI_BENCH_POSTGRES)"),
        new("connections", "PostgreSQL: connections committing batches at once (default 3, the service's sweep workers)"),
        new("no-baseline", "skip WorkflowCore", IsFlag: true),
    ];

    private const int WorkflowBytes = 500;

    public async Task<BenchmarkResult> RunAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var count = (int)options.GetInt64("count", 1_000_000, 1_000, 50_000_000);
        var due = (int)options.GetInt64("due", 10_000, 1, 1_000_000);
        var batch = (int)options.GetInt64("batch", 2_000, 1, 100_000);
        var repeat = (int)options.GetInt64("repeat", 3, 1, 25);
        var providers = options.GetList("providers", ["sqlite"], AllProviders);
        var connections = (int)options.GetInt64("connections", 3, 1, 16);
        if ((long)due * repeat > count)
            throw new UsageException($"{repeat} runs of {due:N0} transitions need {due * (long)repeat:N0} distinct requests; --count is {count:N0}.");

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["count"] = count.ToString(CultureInfo.InvariantCulture),
            ["due"] = due.ToString(CultureInfo.InvariantCulture),
            ["batch"] = batch.ToString(CultureInfo.InvariantCulture),
            ["repeat"] = repeat.ToString(CultureInfo.InvariantCulture),
            ["workflow_bytes"] = WorkflowBytes.ToString(CultureInfo.InvariantCulture),
            ["history_rows_per_request_at_start"] = "2",
            ["postgres_connections"] = connections.ToString(CultureInfo.InvariantCulture),
        };
        var figures = new List<Figure>();
        var best = new Dictionary<string, double>(StringComparer.Ordinal);

        var directory = Path.Combine(Path.GetTempPath(), $"foi-floor-{Guid.NewGuid():N}");
        Directory.CreateDirectory(directory);
        try
        {
            var disk = SyncedWriteRate(directory, 256);
            figures.Add(new Figure("disk.synced_write_mib_per_second", Math.Round(disk, 0), "MiB/s"));
            Console.WriteLine($"disk: {disk:N0} MiB/s written and synced (256 MiB in 1 MiB writes, then fsync)");

            foreach (var provider in providers)
            {
                Console.WriteLine($"{provider}: {count:N0} requests with 2 history rows each: building...");
                var runs = provider == "sqlite"
                    ? await SqliteFloor.RunAsync(Path.Combine(directory, "floor.db"), count, due, batch, repeat, parameters, cancellationToken)
                    : await PostgresFloor.RunAsync(SweepBenchmark.PostgresConnectionString(), count, due, batch, repeat, connections, parameters, cancellationToken);
                foreach (var run in runs)
                    Console.WriteLine(run.Describe(provider));
                var median = runs.OrderBy(run => run.ActionsPerSecond).ElementAt(runs.Count / 2);
                best[provider] = median.ActionsPerSecond;
                figures.Add(new Figure($"{provider}.actions_per_second", Math.Round(median.ActionsPerSecond, 0), "1/s"));
                figures.Add(new Figure($"{provider}.process_cpu_us_per_action", Math.Round(median.CpuMicrosecondsPerAction, 1), "us"));
                figures.Add(new Figure($"{provider}.machine_cpu_us_per_action", Math.Round(median.MachineCpuMicrosecondsPerAction, 1), "us"));
                if (median.LogKibPerAction is { } log)
                    figures.Add(new Figure($"{provider}.log_kib_per_action", Math.Round(log, 1), "KiB"));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }

        if (!options.Has("no-baseline"))
        {
            Console.WriteLine($"WorkflowCore: {due:N0} delayed items; {WorkflowCoreSettings.Fastest}");
            var baseline = await WorkflowCoreBaseline.RunAsync(due, cancellationToken);
            parameters["baseline"] = "WorkflowCore " + typeof(WorkflowCore.Interface.IWorkflowHost).Assembly.GetName().Version + " in memory; " + baseline.Settings;
            figures.Add(new Figure("workflowcore.actions_per_second", Math.Round(baseline.ActionsPerSecond, 0), "1/s"));
            figures.Add(new Figure("workflowcore.ten_times_actions_per_second", Math.Round(10 * baseline.ActionsPerSecond, 0), "1/s"));
            foreach (var (provider, rate) in best)
                figures.Add(new Figure($"{provider}.over_workflowcore", Math.Round(rate / baseline.ActionsPerSecond, 2), "x"));
        }

        return new BenchmarkResult(figures, parameters, FileTag: string.Join("-", providers));
    }

    /// <summary>MiB/s of sequential 1 MiB writes to a new file in <paramref name="directory"/>, timed to the end of its fsync.</summary>
    private static double SyncedWriteRate(string directory, int mebibytes)
    {
        var path = Path.Combine(directory, "disk.bin");
        var block = new byte[1 << 20];
        Random.Shared.NextBytes(block);
        var clock = Stopwatch.StartNew();
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None))
        {
            for (var i = 0; i < mebibytes; i++)
                file.Write(block);
            file.Flush(flushToDisk: true);
        }

        clock.Stop();
        File.Delete(path);
        return mebibytes / clock.Elapsed.TotalSeconds;
    }

    /// <summary>One measured run: <paramref name="Actions"/> transitions in <paramref name="Seconds"/>.</summary>
    /// <param name="LogKibPerAction">SQLite only: the write-ahead log's growth per transition (checkpoints are held off while it runs).</param>
    /// <param name="MachineCpuSeconds">The whole machine's busy time meanwhile: this process, the database server, the kernel, anything else.</param>
    internal sealed record FloorRun(int Actions, double Seconds, double CpuSeconds, double MachineCpuSeconds, double? LogKibPerAction)
    {
        public double ActionsPerSecond => Actions / Seconds;

        public double CpuMicrosecondsPerAction => CpuSeconds * 1e6 / Actions;

        public double MachineCpuMicrosecondsPerAction => MachineCpuSeconds * 1e6 / Actions;

        public string Describe(string provider) => string.Create(CultureInfo.InvariantCulture,
            $"{provider}: {Actions:N0} transitions in {Seconds:N3} s = {ActionsPerSecond:N0} /s, {CpuMicrosecondsPerAction:N0} µs of this process's CPU and {MachineCpuMicrosecondsPerAction:N0} µs of the machine's each{(LogKibPerAction is { } log ? ", " + log.ToString("N1", CultureInfo.InvariantCulture) + " KiB of log each" : "")}");
    }

    /// <summary>The requests of measured run <paramref name="run"/>: spread evenly over all of them, as the sweep benchmark's due ones are.</summary>
    internal static IEnumerable<int> DueIndexes(int count, int due, int run, int repeat)
    {
        var stride = count / due;
        var offset = stride / repeat * run;
        return Enumerable.Range(0, due).Select(index => index * stride + offset);
    }

    /// <summary>Request number <paramref name="index"/>'s identifier: time-ordered, as the service's version 7 identifiers are.</summary>
    internal static Guid RequestId(int index)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteInt64BigEndian(bytes, index);
        BinaryPrimitives.WriteInt64BigEndian(bytes[8..], (index * 2654435761L) ^ 0x5DEECE66DL);
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>A workflow text of <see cref="WorkflowBytes"/> bytes that differs per request and per step.</summary>
    internal static string Workflow(int index, int step) =>
        string.Create(CultureInfo.InvariantCulture, $"{{\"timers\":[{{\"step\":{step},\"request\":{index}}}],\"deadlines\":\"").PadRight(WorkflowBytes - 2, 'x') + "\"}";

    /// <summary>
    /// When request <paramref name="index"/>'s armed timer is due at the start. The requests measured run r moves are due
    /// <c>repeat - r</c> hours before <paramref name="origin"/>, in index order (at the front of the due index, where a claim finds
    /// them, and each run's before the next run's); the others within the next 60 days.
    /// </summary>
    internal static DateTimeOffset StoredDue(DateTimeOffset origin, int index, Dictionary<int, int> runOf, int repeat) =>
        runOf.TryGetValue(index, out var run) ? origin.AddHours(run - repeat).AddTicks(index) : origin.AddSeconds(1 + index * 7919L % (60 * 86_400));

    /// <summary>The instant measured run <paramref name="run"/> claims at: its requests are due, the next run's not yet.</summary>
    internal static DateTimeOffset ClaimAt(DateTimeOffset origin, int run, int repeat) => origin.AddHours(run - repeat).AddMinutes(30);

    /// <summary>
    /// When the <paramref name="position"/>th request of a run is due next: ten days on, in the run's order. Requests fired
    /// together by the same kind of timer arm their next one at the same distance, so these land together in the due index.
    /// </summary>
    internal static DateTimeOffset NextDue(DateTimeOffset origin, int position) => origin.AddDays(10).AddMilliseconds(position);

    /// <summary>Which measured run moves each request that one moves.</summary>
    internal static Dictionary<int, int> RunOf(int count, int due, int repeat) =>
        Enumerable.Range(0, repeat).SelectMany(run => DueIndexes(count, due, run, repeat).Select(index => (index, run))).ToDictionary(pair => pair.index, pair => pair.run);

    /// <summary>An outbox row's payload: what the service's effect payload carries, at its size.</summary>
    internal static string Payload(string id, string at) =>
        $"{{\"requestId\":\"{id}\",\"number\":\"2026-000001\",\"stage\":\"overdue\",\"statute\":\"ge-gac\",\"statuteVersion\":1,\"at\":\"{at}\"}}";

    private static class SqliteFloor
    {
        public static async Task<List<FloorRun>> RunAsync(
            string file, int count, int due, int batch, int repeat, Dictionary<string, string> parameters, CancellationToken cancellationToken)
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
            await connection.OpenAsync(cancellationToken);
            // The service's settings (IDbConnectionFactory), except that checkpoints wait until a run is over: copying
            // the log back is work the service does beside the sweep, and leaving it out only raises this floor.
            Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA cache_size = -65536; PRAGMA wal_autocheckpoint = 0;");
            Execute(connection, """
                CREATE TABLE requests (id TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL, next_due_at TEXT NULL, workflow TEXT NOT NULL) STRICT;
                CREATE TABLE history (id INTEGER PRIMARY KEY, request_id TEXT NOT NULL, seq INTEGER NOT NULL, at TEXT NOT NULL, kind TEXT NOT NULL) STRICT;
                CREATE TABLE outbox (id INTEGER PRIMARY KEY, dedup_key TEXT NOT NULL UNIQUE, request_id TEXT NOT NULL, payload TEXT NOT NULL) STRICT;
                """);
            var origin = DateTimeOffset.UtcNow;
            Load(connection, count, repeat, origin, RunOf(count, due, repeat));
            parameters["sqlite.version"] = Scalar(connection, "SELECT sqlite_version()");
            parameters["sqlite.synchronous"] = Scalar(connection, "PRAGMA synchronous");
            parameters["sqlite.cache_size"] = Scalar(connection, "PRAGMA cache_size");

            using var claim = Prepare(connection, "SELECT rowid, id, version FROM requests WHERE next_due_at <= $now ORDER BY next_due_at, id LIMIT $limit", "$now", "$limit");
            using var update = Prepare(
                connection,
                "UPDATE requests SET next_due_at = $due, workflow = $workflow, version = version + 1 WHERE rowid = $rowid AND id = $id AND version = $version",
                "$due", "$workflow", "$rowid", "$id", "$version");
            using var append = Prepare(connection, "INSERT INTO history (request_id, seq, at, kind) VALUES ($request, 3, $at, 'timer:deadline')", "$request", "$at");
            using var effect = Prepare(
                connection, "INSERT INTO outbox (dedup_key, request_id, payload) VALUES ($key, $request, $payload) ON CONFLICT (dedup_key) DO NOTHING", "$key", "$request", "$payload");
            var runs = new List<FloorRun>();
            for (var run = 0; run < repeat; run++)
            {
                Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
                var at = ClaimAt(origin, run, repeat).ToString("O", CultureInfo.InvariantCulture);
                (claim.Parameters[0].Value, claim.Parameters[1].Value) = (at, batch);
                var workflows = Enumerable.Range(0, due).Select(position => Workflow(position, run + 1)).ToArray();
                var nextDues = Enumerable.Range(0, due).Select(position => NextDue(origin, position).ToString("O", CultureInfo.InvariantCulture)).ToArray();
                var moved = 0;
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var machine = MachineCpu.Busy();
                var clock = Stopwatch.StartNew();
                while (true)
                {
                    // Claim, move and record one batch in one transaction, each request at the version the claim read.
                    using var transaction = connection.BeginTransaction(deferred: false);
                    foreach (var command in new[] { claim, update, append, effect })
                        command.Transaction = transaction;
                    var claimed = new List<(long RowId, string Id, long Version)>(batch);
                    using (var reader = claim.ExecuteReader())
                    {
                        while (reader.Read())
                            claimed.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2)));
                    }

                    foreach (var (rowId, id, version) in claimed)
                    {
                        (update.Parameters[0].Value, update.Parameters[1].Value, update.Parameters[2].Value, update.Parameters[3].Value, update.Parameters[4].Value) =
                            (nextDues[moved], workflows[moved], rowId, id, version);
                        if (update.ExecuteNonQuery() != 1)
                            throw new InvalidOperationException($"Request {id} was not updated.");
                        (append.Parameters[0].Value, append.Parameters[1].Value) = (id, at);
                        append.ExecuteNonQuery();
                        (effect.Parameters[0].Value, effect.Parameters[1].Value, effect.Parameters[2].Value) = (at + ":" + id + ":deadline", id, Payload(id, at));
                        effect.ExecuteNonQuery();
                        moved++;
                    }

                    transaction.Commit();
                    if (claimed.Count < batch)
                        break;
                }

                clock.Stop();
                if (moved != due)
                    throw new InvalidOperationException($"Run {run + 1} moved {moved:N0} requests, not the {due:N0} due.");
                var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                var log = new FileInfo(file + "-wal").Length;
                runs.Add(new FloorRun(moved, clock.Elapsed.TotalSeconds, cpuSeconds, (MachineCpu.Busy() - machine).TotalSeconds, log / 1024.0 / moved));
            }

            Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
            return runs;
        }

        private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] names)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in names)
                command.Parameters.Add(name, SqliteType.Text);
            command.Prepare();
            return command;
        }

        /// <summary>
        /// The requests in id order with their due instants, then the due index (as a partial index on armed requests, the
        /// service's claim index), then two history rows and one outbox row each (filing and sending the request), appended in time order.
        /// </summary>
        private static void Load(SqliteConnection connection, int count, int repeat, DateTimeOffset origin, Dictionary<int, int> runOf)
        {
            using (var transaction = connection.BeginTransaction())
            {
                using var insert = connection.CreateCommand();
                insert.Transaction = transaction;
                insert.CommandText = "INSERT INTO requests (id, version, next_due_at, workflow) VALUES ($id, 1, $due, $workflow)";
                var (id, dueAt, workflow) = (insert.Parameters.Add("$id", SqliteType.Text), insert.Parameters.Add("$due", SqliteType.Text), insert.Parameters.Add("$workflow", SqliteType.Text));
                insert.Prepare();
                for (var index = 0; index < count; index++)
                {
                    (id.Value, dueAt.Value, workflow.Value) = (RequestId(index).ToString(), StoredDue(origin, index, runOf, repeat).ToString("O", CultureInfo.InvariantCulture), Workflow(index, 0));
                    insert.ExecuteNonQuery();
                }

                transaction.Commit();
            }

            Execute(connection, """
                CREATE INDEX ix_requests_next_due ON requests (next_due_at, id) WHERE next_due_at IS NOT NULL;
                CREATE INDEX ix_history_request ON history (request_id, seq);
                """);
            for (var seq = 1; seq <= 2; seq++)
            {
                Execute(connection, string.Create(CultureInfo.InvariantCulture,
                    $"INSERT INTO history (request_id, seq, at, kind) SELECT id, {seq}, '{origin:O}', 'filed' FROM requests ORDER BY rowid"));
            }

            var filed = origin.AddDays(-30).ToString("O", CultureInfo.InvariantCulture);
            Execute(connection, $"INSERT INTO outbox (dedup_key, request_id, payload) SELECT '{filed}:' || id || ':letter', id, '{Payload("' || id || '", filed)}' FROM requests ORDER BY rowid");

            Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
        }

        private static void Execute(SqliteConnection connection, string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.CommandTimeout = 0;
            command.ExecuteNonQuery();
        }

        private static string Scalar(SqliteConnection connection, string sql)
        {
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? "";
        }
    }

    private static class PostgresFloor
    {
        public static async Task<List<FloorRun>> RunAsync(
            string adminConnectionString, int count, int dueCount, int batch, int repeat, int connections, Dictionary<string, string> parameters, CancellationToken cancellationToken)
        {
            await using var database = await ScratchDatabase.CreatePostgresAsync(adminConnectionString, keep: false, cancellationToken);
            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await ExecuteAsync(connection, """
                CREATE TABLE requests (id uuid NOT NULL PRIMARY KEY, version integer NOT NULL, next_due_at timestamptz NULL, workflow text NOT NULL);
                CREATE TABLE history (request_id uuid NOT NULL, seq integer NOT NULL, at timestamptz NOT NULL, kind text NOT NULL, PRIMARY KEY (request_id, seq));
                CREATE TABLE outbox (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, dedup_key text NOT NULL UNIQUE, request_id uuid NOT NULL, payload text NOT NULL);
                """, cancellationToken);
            var origin = DateTimeOffset.UtcNow;
            var runOf = RunOf(count, dueCount, repeat);
            for (var start = 0; start < count; start += 100_000)
            {
                var indexes = Enumerable.Range(start, Math.Min(100_000, count - start)).ToArray();
                await ExecuteAsync(
                    connection,
                    """
                    INSERT INTO requests (id, version, next_due_at, workflow)
                    SELECT v.id, 1, v.due, v.workflow FROM unnest(@ids, @dues, @workflows) AS v(id, due, workflow)
                    """,
                    cancellationToken,
                    new("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = indexes.Select(RequestId).ToArray() },
                    new("dues", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = indexes.Select(index => StoredDue(origin, index, runOf, repeat)).ToArray() },
                    new("workflows", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = indexes.Select(index => Workflow(index, 0)).ToArray() });
            }

            await ExecuteAsync(connection, "CREATE INDEX ix_requests_next_due ON requests (next_due_at, id) WHERE next_due_at IS NOT NULL", cancellationToken);
            await ExecuteAsync(connection, "INSERT INTO history (request_id, seq, at, kind) SELECT id, s, now(), 'filed' FROM requests, generate_series(1, 2) AS s ORDER BY id, s", cancellationToken);
            var filed = origin.AddDays(-30).ToString("O", CultureInfo.InvariantCulture);
            await ExecuteAsync(
                connection,
                $"INSERT INTO outbox (dedup_key, request_id, payload) SELECT '{filed}:' || id || ':letter', id, '{Payload("' || id || '", filed)}' FROM requests ORDER BY id",
                cancellationToken);
            foreach (var statement in new[] { "VACUUM ANALYZE requests", "VACUUM ANALYZE history", "VACUUM ANALYZE outbox", "CHECKPOINT" })
                await ExecuteAsync(connection, statement, cancellationToken);
            foreach (var setting in new[] { "server_version", "fsync", "synchronous_commit", "shared_buffers" })
                parameters[$"postgres.{setting}"] = Convert.ToString(await ScalarAsync(connection, $"SHOW {setting}", cancellationToken), CultureInfo.InvariantCulture) ?? "";

            // Each worker claims and commits its own batches on its own connection, skipping rows another holds, as the
            // service's sweep workers do (three by default).
            var workers = new List<NpgsqlConnection>();
            for (var worker = 0; worker < connections; worker++)
            {
                var workerConnection = new NpgsqlConnection(database.ConnectionString);
                await workerConnection.OpenAsync(cancellationToken);
                workers.Add(workerConnection);
            }

            try
            {
                var runs = new List<FloorRun>();
                for (var run = 0; run < repeat; run++)
                {
                    var at = ClaimAt(origin, run, repeat);
                    var nextDue = NextDue(origin, 0);
                    var moved = 0;
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var machine = MachineCpu.Busy();
                    var clock = Stopwatch.StartNew();
                    await Task.WhenAll(workers.Select(async worker =>
                    {
                        int batchMoved;
                        do
                        {
                            batchMoved = await MoveAsync(worker, at, nextDue, batch, cancellationToken);
                            Interlocked.Add(ref moved, batchMoved);
                        }
                        while (batchMoved == batch);
                    }));
                    clock.Stop();
                    if (moved != dueCount)
                        throw new InvalidOperationException($"Run {run + 1} moved {moved:N0} requests, not the {dueCount:N0} due.");
                    runs.Add(new FloorRun(
                        moved, clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, (MachineCpu.Busy() - machine).TotalSeconds, null));
                }

                return runs;
            }
            finally
            {
                foreach (var worker in workers)
                    await worker.DisposeAsync();
            }
        }

        /// <summary>
        /// One batch in one statement and one transaction, all on the server: claim up to <paramref name="batch"/> due requests
        /// (skipping those another worker holds), move each to the batch's next due instant with a new workflow text of the same size,
        /// and record a history row and an outbox row for each. Returns how many moved.
        /// </summary>
        /// <summary><see cref="Payload"/> as a SQL expression over the moved row's <c>id</c> and the text parameter <c>@stamp</c>.</summary>
        private static readonly string PayloadSql = Payload("' || id || '", "' || @stamp || '");

        private static async Task<int> MoveAsync(NpgsqlConnection connection, DateTimeOffset at, DateTimeOffset nextDue, int batch, CancellationToken cancellationToken)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                $$"""
                WITH claimed AS (
                    SELECT id, version FROM requests WHERE next_due_at <= @at ORDER BY next_due_at, id LIMIT @batch FOR UPDATE SKIP LOCKED),
                moved AS (
                    UPDATE requests r SET next_due_at = @next, workflow = 'moved' || substr(r.workflow, 6), version = r.version + 1
                    FROM claimed c WHERE r.id = c.id AND r.version = c.version
                    RETURNING r.id),
                history_rows AS (
                    INSERT INTO history (request_id, seq, at, kind) SELECT id, 3, @at, 'timer:deadline' FROM moved)
                INSERT INTO outbox (dedup_key, request_id, payload)
                SELECT @stamp || ':' || id || ':deadline', id, '{{PayloadSql}}'
                FROM moved
                ON CONFLICT (dedup_key) DO NOTHING
                """,
                connection,
                transaction);
            command.Parameters.Add(new NpgsqlParameter("at", NpgsqlDbType.TimestampTz) { Value = at });
            command.Parameters.Add(new NpgsqlParameter("next", NpgsqlDbType.TimestampTz) { Value = nextDue });
            command.Parameters.Add(new NpgsqlParameter("batch", NpgsqlDbType.Integer) { Value = batch });
            command.Parameters.Add(new NpgsqlParameter("stamp", NpgsqlDbType.Text) { Value = at.ToString("O", CultureInfo.InvariantCulture) });
            var moved = await command.ExecuteNonQueryAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return moved;
        }

        private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
        {
            await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
            command.Parameters.AddRange(parameters);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        private static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            return await command.ExecuteScalarAsync(cancellationToken);
        }
    }
}

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
/// Benchmark "floor": the least any durable timer transition writes, with none of the service's code, so the
/// sweep's figures and the 10× target can be set against what the database and the disk can do at all.
/// <para>
/// Each fired timer here is one update of a narrow request row found by its rowid (a new due instant and a
/// new 500-byte workflow text, checked against its version) and one appended history row, indexed by request
/// so a request's history can be read back. Values are made before the clock starts; nothing is claimed,
/// fired, serialised or put in an outbox. The service's sweep writes all of that and more per fired timer,
/// so its rate cannot exceed this one on the same machine. Commits are durable, as the service's are.
/// </para>
/// </summary>
public sealed class StoreFloorBenchmark : IBenchmark
{
    private static readonly string[] AllProviders = ["sqlite", "postgres"];

    public string Name => "floor";

    public string Description =>
        "The least a durable transition writes, without the service's code: per fired timer one rowid update of a narrow request row and one " +
        "appended history row indexed by request, with N requests; the disk's synced write rate; WorkflowCore in the same run";

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
    internal sealed record FloorRun(int Actions, double Seconds, double CpuSeconds, double? LogKibPerAction)
    {
        public double ActionsPerSecond => Actions / Seconds;

        public double CpuMicrosecondsPerAction => CpuSeconds * 1e6 / Actions;

        public string Describe(string provider) => string.Create(CultureInfo.InvariantCulture,
            $"{provider}: {Actions:N0} transitions in {Seconds:N3} s = {ActionsPerSecond:N0} /s, {CpuMicrosecondsPerAction:N0} µs of this process's CPU each{(LogKibPerAction is { } log ? ", " + log.ToString("N1", CultureInfo.InvariantCulture) + " KiB of log each" : "")}");
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
    /// When request <paramref name="index"/>'s armed timer is due at the start: an hour ago for the requests the runs will move
    /// (at the front of the due index, where the sweep's claim finds them), otherwise within the next 60 days.
    /// </summary>
    internal static DateTimeOffset StoredDue(DateTimeOffset origin, int index, HashSet<int> due) =>
        due.Contains(index) ? origin.AddHours(-1).AddTicks(index) : origin.AddSeconds(1 + index * 7919L % (60 * 86_400));

    /// <summary>
    /// When the <paramref name="position"/>th request of a run is due next: ten days on, in the run's order. Requests fired
    /// together by the same kind of timer arm their next one at the same distance, so these land together in the due index.
    /// </summary>
    internal static DateTimeOffset NextDue(DateTimeOffset origin, int position) => origin.AddDays(10).AddMilliseconds(position);

    internal static HashSet<int> AllDue(int count, int due, int repeat) =>
        [.. Enumerable.Range(0, repeat).SelectMany(run => DueIndexes(count, due, run, repeat))];

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
                """);
            var origin = DateTimeOffset.UtcNow;
            Load(connection, count, origin, AllDue(count, due, repeat));
            parameters["sqlite.version"] = Scalar(connection, "SELECT sqlite_version()");
            parameters["sqlite.synchronous"] = Scalar(connection, "PRAGMA synchronous");
            parameters["sqlite.cache_size"] = Scalar(connection, "PRAGMA cache_size");

            var runs = new List<FloorRun>();
            for (var run = 0; run < repeat; run++)
            {
                Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
                var rows = new List<(long RowId, string Id, long Version, string Workflow, string NextDue)>(due);
                using (var read = connection.CreateCommand())
                {
                    read.CommandText = "SELECT rowid, id, version FROM requests WHERE rowid = $rowid";
                    var rowId = read.Parameters.Add("$rowid", SqliteType.Integer);
                    foreach (var index in DueIndexes(count, due, run, repeat))
                    {
                        var position = rows.Count;
                        rowId.Value = index + 1L;
                        using var reader = read.ExecuteReader();
                        reader.Read();
                        rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), Workflow(index, run + 1),
                            NextDue(origin, position).ToString("O", CultureInfo.InvariantCulture)));
                    }
                }

                var at = origin.ToString("O", CultureInfo.InvariantCulture);
                using var update = connection.CreateCommand();
                update.CommandText = "UPDATE requests SET next_due_at = $due, workflow = $workflow, version = version + 1 WHERE rowid = $rowid AND id = $id AND version = $version";
                var (dueAt, workflow, row, id, version) = (update.Parameters.Add("$due", SqliteType.Text), update.Parameters.Add("$workflow", SqliteType.Text),
                    update.Parameters.Add("$rowid", SqliteType.Integer), update.Parameters.Add("$id", SqliteType.Text), update.Parameters.Add("$version", SqliteType.Integer));
                using var append = connection.CreateCommand();
                append.CommandText = "INSERT INTO history (request_id, seq, at, kind) VALUES ($request, 3, $at, 'timer:deadline')";
                var (request, appendAt) = (append.Parameters.Add("$request", SqliteType.Text), append.Parameters.Add("$at", SqliteType.Text));
                appendAt.Value = at;
                update.Prepare();
                append.Prepare();

                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                for (var start = 0; start < rows.Count; start += batch)
                {
                    using var transaction = connection.BeginTransaction(deferred: false);
                    update.Transaction = transaction;
                    append.Transaction = transaction;
                    foreach (var next in rows.Skip(start).Take(batch))
                    {
                        (dueAt.Value, workflow.Value, row.Value, id.Value, version.Value, request.Value) = (next.NextDue, next.Workflow, next.RowId, next.Id, next.Version, next.Id);
                        if (update.ExecuteNonQuery() != 1)
                            throw new InvalidOperationException($"Request {next.Id} was not updated.");
                        append.ExecuteNonQuery();
                    }

                    transaction.Commit();
                }

                clock.Stop();
                var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                var log = new FileInfo(file + "-wal").Length;
                runs.Add(new FloorRun(rows.Count, clock.Elapsed.TotalSeconds, cpuSeconds, log / 1024.0 / rows.Count));
            }

            Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE)");
            return runs;
        }

        /// <summary>
        /// The requests in id order with their due instants, then the due index (as a partial index on armed requests, the
        /// service's claim index), then two history rows each, appended in time order as filing and sending write them.
        /// </summary>
        private static void Load(SqliteConnection connection, int count, DateTimeOffset origin, HashSet<int> due)
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
                    (id.Value, dueAt.Value, workflow.Value) = (RequestId(index).ToString(), StoredDue(origin, index, due).ToString("O", CultureInfo.InvariantCulture), Workflow(index, 0));
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
                """, cancellationToken);
            var origin = DateTimeOffset.UtcNow;
            var due = AllDue(count, dueCount, repeat);
            for (var start = 0; start < count; start += 100_000)
            {
                await ExecuteAsync(connection, """
                    INSERT INTO requests (id, version, next_due_at, workflow)
                    SELECT v.id, 1, v.due, v.workflow FROM unnest(@ids, @dues, @workflows) AS v(id, due, workflow)
                    """, cancellationToken, Parameters(Enumerable.Range(start, Math.Min(100_000, count - start)).ToArray(), origin, due));
            }

            await ExecuteAsync(connection, "CREATE INDEX ix_requests_next_due ON requests (next_due_at, id) WHERE next_due_at IS NOT NULL", cancellationToken);
            await ExecuteAsync(connection, "INSERT INTO history (request_id, seq, at, kind) SELECT id, s, now(), 'filed' FROM requests, generate_series(1, 2) AS s ORDER BY id, s", cancellationToken);
            foreach (var statement in new[] { "VACUUM ANALYZE requests", "VACUUM ANALYZE history", "CHECKPOINT" })
                await ExecuteAsync(connection, statement, cancellationToken);
            foreach (var setting in new[] { "server_version", "fsync", "synchronous_commit", "shared_buffers" })
                parameters[$"postgres.{setting}"] = Convert.ToString(await ScalarAsync(connection, $"SHOW {setting}", cancellationToken), CultureInfo.InvariantCulture) ?? "";

            // Each worker commits its own batches on its own connection, as the service's sweep workers do (three by default).
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
                    var indexes = DueIndexes(count, dueCount, run, repeat).ToArray();
                    var ids = indexes.Select(RequestId).ToArray();
                    var dues = indexes.Select((_, position) => NextDue(origin, position)).ToArray();
                    var workflows = indexes.Select(index => Workflow(index, run + 1)).ToArray();
                    var next = -batch;
                    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var clock = Stopwatch.StartNew();
                    await Task.WhenAll(workers.Select(async worker =>
                    {
                        for (var start = Interlocked.Add(ref next, batch); start < ids.Length; start = Interlocked.Add(ref next, batch))
                        {
                            var end = Math.Min(start + batch, ids.Length);
                            await MoveAsync(worker, ids[start..end], dues[start..end], workflows[start..end], cancellationToken);
                        }
                    }));
                    clock.Stop();
                    runs.Add(new FloorRun(ids.Length, clock.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, null));
                }

                return runs;
            }
            finally
            {
                foreach (var worker in workers)
                    await worker.DisposeAsync();
            }
        }

        /// <summary>One batch in one transaction: the rows updated at the version they were loaded at (1: no run moves a request twice), and one history row each.</summary>
        private static async Task MoveAsync(NpgsqlConnection connection, Guid[] ids, DateTimeOffset[] dues, string[] workflows, CancellationToken cancellationToken)
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var command = new NpgsqlCommand(
                """
                WITH moved AS (
                    UPDATE requests r SET next_due_at = v.due, workflow = v.workflow, version = r.version + 1
                    FROM unnest(@ids, @dues, @workflows) AS v(id, due, workflow)
                    WHERE r.id = v.id AND r.version = 1
                    RETURNING r.id)
                INSERT INTO history (request_id, seq, at, kind) SELECT id, 3, now(), 'timer:deadline' FROM moved
                """,
                connection,
                transaction);
            command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = ids });
            command.Parameters.Add(new NpgsqlParameter("dues", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = dues });
            command.Parameters.Add(new NpgsqlParameter("workflows", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = workflows });
            if (await command.ExecuteNonQueryAsync(cancellationToken) != ids.Length)
                throw new InvalidOperationException("Not every request of the batch was moved.");
            await transaction.CommitAsync(cancellationToken);
        }

        private static NpgsqlParameter[] Parameters(int[] indexes, DateTimeOffset origin, HashSet<int> due) =>
        [
            new("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = indexes.Select(RequestId).ToArray() },
            new("dues", NpgsqlDbType.Array | NpgsqlDbType.TimestampTz) { Value = indexes.Select(index => StoredDue(origin, index, due)).ToArray() },
            new("workflows", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = indexes.Select(index => Workflow(index, 0)).ToArray() },
        ];

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

using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Dapper;
using FoiTracker.Application;
using FoiTracker.Application.Seeds;
using FoiTracker.Application.Seeds.LoadSeeds;
using FoiTracker.Application.Statutes;
using FoiTracker.Application.Workflows;
using FoiTracker.Application.Workflows.SweepTimers;
using FoiTracker.Benchmarks.BulkLoad;
using FoiTracker.Benchmarks.Harness;
using FoiTracker.Domain.Requests;
using FoiTracker.Infrastructure;
using FoiTracker.Infrastructure.Configuration;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Infrastructure.Scheduling;
using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FoiTracker.Benchmarks.Sweep;

/// <summary>
/// Benchmark "sweep": N open ge-gac requests in "submitted", each with armed timers, of which D
/// (default 10,000) have their deadline_passed timer due. Times <see cref="SweepTimersCommand"/>
/// through the real mediator (transaction behaviour included) until nothing is due, checks the
/// result by SQL, times the claim query alone at every size in --scan-sizes, and runs the
/// WorkflowCore baseline on the same number of delayed items for the comparison.
/// </summary>
public sealed class SweepBenchmark : IBenchmark
{
    private static readonly string[] AllProviders = ["sqlite", "postgres"];

    private const int ScanRepeats = 25;

    /// <summary>Setup, reset and check statements scan millions of rows; only the sweep itself runs with the service's defaults.</summary>
    private static readonly int LongCommandSeconds = (int)TimerBulkWriter.SetupTimeout.TotalSeconds;

    public string Name => "sweep";

    public string Description => "Fire D due timers among N open requests through SweepTimersCommand; actions/s, claim-query cost at several N, ratio to WorkflowCore";

    public IReadOnlyList<BenchmarkOption> Options =>
    [
        new("count", "open requests for the sweep (default 1,000,000)"),
        new("due", "timers due when the sweep starts (default 10,000)"),
        new("batch", "batch sizes to sweep with, comma-separated (default 500,2000); each one on the same data, reset in between"),
        new("repeat", "sweeps per batch size, reset in between; the median is reported (default 1)"),
        new("warmup", "unmeasured sweeps before the measured ones, so they run on optimised code (default 3)"),
        new("scan-sizes", "open-request counts at which the claim query is timed, comma-separated (default 100000 and --count); each is its own setup"),
        new("workers", "sweep batches run at once, comma-separated to compare several on the same data (default: the service's Workflow:SweepWorkers default for each provider)"),
        new("providers", "sqlite,postgres (default both); PostgreSQL from $" + BulkLoadBenchmark.PostgresVariable + " or $" + BulkLoadBenchmark.PostgresFallbackVariable),
        new("seed", "random seed of the request generator (default 20150101)"),
        new("history", "timeline entries each request already has when the sweep starts, 0-2 (default 2: filed and sent, as the service writes them; with 2 also the request letter's dispatched outbox row)"),
        new("settings", "service settings for the sweep's service, Key=Value pairs separated by ';' (e.g. Database:Sqlite:CacheMiB=256); each is named in the results"),
        new("no-baseline", "skip the WorkflowCore run", IsFlag: true),
        new("keep", "keep the databases instead of deleting them", IsFlag: true),
    ];

    public async Task<BenchmarkResult> RunAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var count = options.GetInt64("count", 1_000_000, 1, 100_000_000);
        var due = (int)options.GetInt64("due", 10_000, 1, 10_000_000);
        var batches = ParseInts(options.Get("batch") ?? "500,2000", "batch");
        var repeat = (int)options.GetInt64("repeat", 1, 1, 25);
        var warmUps = (int)options.GetInt64("warmup", 3, 0, 25);
        var sizes = ParseInts(options.Get("scan-sizes") ?? $"100000,{count}", "scan-sizes").Select(size => (long)size).Append(count).Distinct().Order().ToList();
        var providers = options.GetList("providers", AllProviders, AllProviders);
        var seed = (int)options.GetInt64("seed", 20150101, 0, int.MaxValue);
        var history = (int)options.GetInt64("history", 2, 0, 2);
        var keep = options.Has("keep");
        var settings = ParseSettings(options.Get("settings"));
        var workers = options.Get("workers") is { } workersText ? ParseInts(workersText, "workers") : null;
        if (sizes[0] < due)
            throw new UsageException($"Every size must hold the {due:N0} due requests; the smallest is {sizes[0]:N0}.");
        var postgres = providers.Contains("postgres") ? PostgresConnectionString() : null;

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["count"] = count.ToString(CultureInfo.InvariantCulture),
            ["due"] = due.ToString(CultureInfo.InvariantCulture),
            ["batches"] = string.Join(",", batches),
            ["repeat"] = repeat.ToString(CultureInfo.InvariantCulture),
            ["warmup_sweeps"] = warmUps.ToString(CultureInfo.InvariantCulture),
            ["scan_sizes"] = string.Join(",", sizes),
            ["providers"] = string.Join(",", providers),
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["timeline_entries_per_request_at_start"] = history.ToString(CultureInfo.InvariantCulture),
            ["statute"] = "ge-gac",
            ["scan_repeats"] = ScanRepeats.ToString(CultureInfo.InvariantCulture),
            ["garbage_collector"] = System.Runtime.GCSettings.IsServerGC ? "server (as the service runs)" : "workstation",
        };
        foreach (var (key, value) in settings)
            parameters["setting." + key] = value ?? "";
        var figures = new List<Figure>();
        var best = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var provider in providers)
        {
            var scans = new Dictionary<long, ScanFigures>();
            foreach (var size in sizes)
            {
                Console.WriteLine($"{provider}: {size:N0} open requests, {due:N0} due: preparing a fresh database...");
                await using var database = provider == "sqlite"
                    ? ScratchDatabase.CreateSqlite(keep)
                    : await ScratchDatabase.CreatePostgresAsync(postgres!, keep, cancellationToken);
                var workerCounts = workers is null ? [SweepSchedule(provider, null).SweepWorkers] : workers.Select(count => SweepSchedule(provider, count).SweepWorkers).Distinct().ToList();
                parameters[$"{provider}.sweep_workers"] = string.Join(",", workerCounts);
                var run = await RunOneAsync(database, options.SeedsDirectory, settings, size, due, batches, warmUps, repeat, workerCounts, seed, history, parameters, cancellationToken);
                scans[size] = run.Scan;
                var tag = $"{provider}@{size.ToString(CultureInfo.InvariantCulture)}";
                figures.Add(new Figure($"{tag}.setup_seconds", Math.Round(run.SetupSeconds, 1), "s"));
                figures.Add(new Figure($"{tag}.timer_rows", run.TimerRows, "rows"));
                figures.Add(new Figure($"{tag}.claim_nothing_due_ms", Math.Round(run.Scan.NothingDueMs, 3), "ms"));
                figures.Add(new Figure($"{tag}.claim_first_batch_ms", Math.Round(run.Scan.FirstBatchMs, 3), "ms"));
                foreach (var sweep in run.Sweeps)
                {
                    // With several worker counts compared, each figure names its own.
                    var batchTag = workerCounts.Count > 1 ? $"batch{sweep.Batch}_workers{sweep.Workers}" : $"batch{sweep.Batch}";
                    figures.Add(new Figure($"{tag}.{batchTag}_actions_per_second", Math.Round(sweep.ActionsPerSecond, 0), "1/s"));
                    figures.Add(new Figure($"{tag}.{batchTag}_seconds", Math.Round(sweep.Seconds, 3), "s"));
                    figures.Add(new Figure($"{tag}.{batchTag}_commands", sweep.Commands));
                    figures.Add(new Figure($"{tag}.{batchTag}_process_cpu_us_per_action", Math.Round(sweep.ProcessCpuMicrosecondsPerAction, 1), "us"));
                    figures.Add(new Figure($"{tag}.{batchTag}_machine_cpu_us_per_action", Math.Round(sweep.MachineCpuMicrosecondsPerAction, 1), "us"));
                    figures.Add(new Figure($"{tag}.{batchTag}_process_written_kib_per_action", Math.Round(sweep.WrittenKilobytesPerAction, 1), "KiB"));
                    figures.Add(new Figure($"{tag}.{batchTag}_allocated_kib_per_action", Math.Round(sweep.AllocatedKilobytesPerAction, 1), "KiB"));
                    figures.Add(new Figure($"{tag}.{batchTag}_gc_collections", sweep.Collections));
                }

                if (size == count)
                {
                    var top = run.Sweeps.MaxBy(sweep => sweep.ActionsPerSecond)!;
                    best[provider] = top.ActionsPerSecond;
                    figures.Add(new Figure($"{provider}.actions_per_second", Math.Round(top.ActionsPerSecond, 0), "1/s"));
                    figures.Add(new Figure($"{provider}.best_batch", top.Batch));
                    figures.Add(new Figure($"{provider}.sweep_workers", top.Workers));
                }
            }

            var (small, large) = (sizes[0], sizes[^1]);
            if (small != large)
            {
                figures.Add(new Figure($"{provider}.claim_nothing_due_ratio_{large}_over_{small}", Math.Round(scans[large].NothingDueMs / scans[small].NothingDueMs, 3), "x"));
                figures.Add(new Figure($"{provider}.claim_first_batch_ratio_{large}_over_{small}", Math.Round(scans[large].FirstBatchMs / scans[small].FirstBatchMs, 3), "x"));
            }
        }

        if (!options.Has("no-baseline"))
        {
            Console.WriteLine($"WorkflowCore: {due:N0} delayed items; {WorkflowCoreSettings.Fastest}");
            var baseline = await WorkflowCoreBaseline.RunAsync(due, cancellationToken);
            parameters["baseline"] = "WorkflowCore " + typeof(WorkflowCore.Interface.IWorkflowHost).Assembly.GetName().Version + " in memory; " + baseline.Settings;
            figures.Add(new Figure("workflowcore.actions_per_second", Math.Round(baseline.ActionsPerSecond, 0), "1/s"));
            figures.Add(new Figure("workflowcore.complete_seconds", Math.Round(baseline.CompleteSeconds, 3), "s"));
            foreach (var (provider, rate) in best)
                figures.Add(new Figure($"{provider}.over_workflowcore", Math.Round(rate / baseline.ActionsPerSecond, 2), "x"));
        }

        return new BenchmarkResult(figures, parameters, FileTag: string.Join("-", providers));
    }

    /// <summary>The service's own reading of the settings, so the benchmark sweeps with the worker count a node would use.</summary>
    private static WorkflowSchedule SweepSchedule(string provider, int? workers)
    {
        var settings = new Dictionary<string, string?> { [InfrastructureSettings.ProviderKey] = provider };
        if (workers is not null)
            settings[InfrastructureSettings.SweepWorkersKey] = workers.Value.ToString(CultureInfo.InvariantCulture);
        return InfrastructureSettings.ReadWorkflowSchedule(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
    }

    internal static string PostgresConnectionString()
    {
        var value = Environment.GetEnvironmentVariable(BulkLoadBenchmark.PostgresVariable) is { Length: > 0 } bench
            ? bench
            : Environment.GetEnvironmentVariable(BulkLoadBenchmark.PostgresFallbackVariable);
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new UsageException(
                $"PostgreSQL was asked for but neither {BulkLoadBenchmark.PostgresVariable} nor {BulkLoadBenchmark.PostgresFallbackVariable} is set; " +
                "set one to a server where this user may CREATE DATABASE, or pass --providers sqlite.");
        }

        return value;
    }

    private static Dictionary<string, string?> ParseSettings(string? text)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals < 1)
                throw new UsageException($"--settings takes Key=Value pairs separated by ';', not '{pair}'.");
            settings[pair[..equals].Trim()] = pair[(equals + 1)..].Trim();
        }

        return settings;
    }

    private static List<int> ParseInts(string text, string name)
    {
        var values = new List<int>();
        foreach (var item in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var cleaned = item.Replace("_", "", StringComparison.Ordinal);
            if (!int.TryParse(cleaned, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < 1)
                throw new UsageException($"--{name} takes a comma-separated list of positive whole numbers, not '{text}'.");
            values.Add(value);
        }

        return values.Count > 0 ? values : throw new UsageException($"--{name} needs at least one number.");
    }

    private sealed record ScanFigures(double NothingDueMs, double FirstBatchMs);

    /// <param name="ProcessCpuSeconds">
    /// CPU time this process used during the sweep, all threads. On SQLite that is all the work; on PostgreSQL
    /// the server's share is not in it. Less sensitive than wall time to other load on a shared machine.
    /// </param>
    /// <param name="ProcessWrittenBytes">
    /// Bytes this process handed to write() during the sweep (Linux <c>/proc/self/io</c>, 0 elsewhere): on SQLite the
    /// log and the checkpoints, so the pages a fired timer dirties; on PostgreSQL the server writes, not this process.
    /// </param>
    /// <param name="AllocatedBytes">Managed memory the process allocated during the sweep, all threads (the garbage collector's count).</param>
    /// <param name="Collections">Garbage collections during the sweep, all generations.</param>
    private sealed record SweepFigures(
        int Batch, int Workers, long Fired, double Seconds, int Commands, double ProcessCpuSeconds, double MachineCpuSeconds, long ProcessWrittenBytes, long AllocatedBytes, int Collections)
    {
        /// <summary>The whole machine's busy time per action: this process, the database server, the kernel, anything else.</summary>
        public double MachineCpuMicrosecondsPerAction => MachineCpuSeconds * 1e6 / Fired;

        public double AllocatedKilobytesPerAction => AllocatedBytes / 1024.0 / Fired;

        public double ActionsPerSecond => Fired / Seconds;

        public double ProcessCpuMicrosecondsPerAction => ProcessCpuSeconds * 1e6 / Fired;

        public double WrittenKilobytesPerAction => ProcessWrittenBytes / 1024.0 / Fired;
    }

    private sealed record SizeRun(double SetupSeconds, long TimerRows, ScanFigures Scan, IReadOnlyList<SweepFigures> Sweeps);

    private static async Task<SizeRun> RunOneAsync(
        ScratchDatabase database, string seedsDirectory, IReadOnlyDictionary<string, string?> settings, long count, int due, List<int> batches, int warmUps, int repeat, List<int> workers, int seed,
        int history, Dictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        var provider = database.Provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres";

        // Setup, the service's way first: migrations, then the seeds through the mediator.
        var setup = Stopwatch.StartNew();
        await using var services = await database.StartServiceAsync(seedsDirectory, cancellationToken, settings);
        var seeds = await services.GetRequiredService<ISeedSource>().ReadAsync(cancellationToken);
        var catalog = services.GetRequiredService<IStatuteCatalog>();
        if (!catalog.TryGetStatute("ge-gac", out var statute))
            throw new InvalidOperationException("The seeds hold no ge-gac statute.");
        var context = services.GetRequiredService<WorkflowContexts>().For("ge-gac", statute.Version);
        parameters["statute_version"] = statute.Version.ToString(CultureInfo.InvariantCulture);

        var now = DateTimeOffset.UtcNow;
        var plan = SweepPlan.Create(context, now, history);
        parameters["due_at"] = plan.DueAt.ToString("O", CultureInfo.InvariantCulture);
        parameters["due_deadline"] = $"{plan.DueDeadline.Due:yyyy-MM-dd} (anchor {plan.DueDeadline.EventDate:yyyy-MM-dd}{(plan.DueDeadlineExact ? "" : ", set by hand: no anchor gives yesterday")})";

        var statutes = seeds.Jurisdictions.ToDictionary(jurisdiction => jurisdiction.Code, jurisdiction => jurisdiction.StatuteId);
        var bodies = seeds.Bodies.Select(body => (body.Key, statutes[body.Jurisdiction])).Where(body => body.Item2 == "ge-gac").ToList();
        var generator = new SyntheticRequestGenerator(bodies, seed, now);
        var ids = new Guid[count];
        var factory = services.GetRequiredService<IDbConnectionFactory>();
        Console.WriteLine($"{provider}: importing {count:N0} submitted requests...");
        var report = await new BulkRequestWriter(factory, services.GetRequiredService<WorkflowContexts>()).ImportAsync(SubmittedRequests(generator, ids, statute.Version), cancellationToken);
        if (report.Imported != count)
            throw new InvalidOperationException($"Imported {report.Imported}, expected {count}.");

        // The due requests are spread evenly over the generated ones.
        var stride = count / due;
        bool IsDue(int index) => index % stride == 0 && index / stride < due;
        var dueIds = Enumerable.Range(0, (int)count).Where(IsDue).Select(index => ids[index]).ToList();
        Console.WriteLine($"{provider}: arming timers...");
        var timerRows = await TimerBulkWriter.ArmFutureAsync(factory, plan, ids, IsDue, cancellationToken) + dueIds.Count;
        Console.WriteLine($"{provider}: writing {history} timeline entries per request...");
        await TimerBulkWriter.WriteHistoryAsync(factory, plan, ids, cancellationToken);
        await using (var connection = await factory.OpenAsync(cancellationToken))
        {
            await TimerBulkWriter.ArmDueAsync(connection, plan, dueIds, cancellationToken);
            await SettleAsync(connection, database.Provider, cancellationToken);
            await DatabaseSettings.DescribeAsync(connection, database.Provider, parameters, cancellationToken);
        }

        setup.Stop();
        Console.WriteLine($"{provider}: ready in {setup.Elapsed.TotalSeconds:N1} s ({timerRows:N0} timers)");

        var scan = await MeasureScanAsync(services, plan, batches.Max(), due, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{provider}@{count:N0}: claim with nothing due {scan.NothingDueMs:0.###} ms, claim of the first {Math.Min(batches.Max(), due):N0} due {scan.FirstBatchMs:0.###} ms (median of {ScanRepeats})"));

        // Every sweep after the first starts from the data as set up, and is checked by SQL after it.
        var fresh = true;
        async Task<SweepFigures> SweepCheckedAsync(int batch, int workerCount)
        {
            if (!fresh)
                await ResetAsync(factory, plan, dueIds, cancellationToken);
            fresh = false;
            var sweep = await SweepAsync(services, batch, workerCount, cancellationToken);
            await VerifyAsync(factory, due, history, cancellationToken);
            return sweep;
        }

        // Unmeasured sweeps first, of the smallest batch (most statements), so the measured ones run on code the
        // tiered JIT has finished optimising, as in a long-running service; the WorkflowCore baseline gets its own
        // warm-up run. One was not enough: the process's CPU per action still fell from run to run after it.
        for (var round = 1; round <= warmUps; round++)
        {
            var warmUp = await SweepCheckedAsync(batches.Min(), workers[0]);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{provider}@{count:N0}: warm-up sweep {round} of {warmUps}, batch {warmUp.Batch}: {warmUp.ActionsPerSecond:N0} actions/s, {warmUp.ProcessCpuMicrosecondsPerAction:N0} µs of this process's CPU each (not reported)"));
        }

        var sweeps = new List<SweepFigures>();
        foreach (var (batch, workerCount) in batches.SelectMany(batch => workers.Select(workerCount => (batch, workerCount))))
        {
            // Each batch size (and worker count) is swept `repeat` times on the same data; the median run is reported.
            var runs = new List<SweepFigures>();
            for (var attempt = 1; attempt <= repeat; attempt++)
            {
                var sweep = await SweepCheckedAsync(batch, workerCount);
                runs.Add(sweep);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{provider}@{count:N0}: batch {sweep.Batch}, {sweep.Workers} worker(s), run {attempt} of {repeat}: {sweep.Fired:N0} fired in {sweep.Seconds:N3} s over {sweep.Commands} commands = {sweep.ActionsPerSecond:N0} actions/s, {sweep.ProcessCpuMicrosecondsPerAction:N0} µs of this process's CPU ({sweep.MachineCpuMicrosecondsPerAction:N0} µs of the machine's) and {sweep.WrittenKilobytesPerAction:N1} KiB written and {sweep.AllocatedKilobytesPerAction:N1} KiB allocated each, {sweep.Collections} GCs (verified)"));
            }

            sweeps.Add(runs.OrderBy(run => run.ActionsPerSecond).ElementAt(runs.Count / 2));
        }

        return new SizeRun(setup.Elapsed.TotalSeconds, timerRows, scan, sweeps);
    }

    private static async IAsyncEnumerable<FoiRequest> SubmittedRequests(SyntheticRequestGenerator generator, Guid[] ids, int statuteVersion)
    {
        for (var i = 0; i < ids.Length; i++)
        {
            var made = generator.Next();
            ids[i] = made.Id.Value;
            // Every one open and sent: the generator's few drafts are recorded as sent when created.
            yield return FoiRequest.Import(made.Id, made.Number, made.Body, made.StatuteId, statuteVersion, made.Subject, made.Text,
                made.Requester, SweepPlan.SubmittedStage, made.CreatedAt, made.SubmittedAt ?? made.CreatedAt);
        }

        await Task.CompletedTask;
    }

    /// <summary>The claim query alone, in a transaction rolled back after each call (median of several runs after a warm-up).</summary>
    private static async Task<ScanFigures> MeasureScanAsync(ServiceProvider services, SweepPlan plan, int batch, int due, CancellationToken cancellationToken)
    {
        async Task<double> Median(DateTimeOffset at, int expected)
        {
            var samples = new List<double>();
            for (var i = 0; i < ScanRepeats + 3; i++)
            {
                await using var scope = services.CreateAsyncScope();
                var session = scope.ServiceProvider.GetRequiredService<DbSession>();
                var store = scope.ServiceProvider.GetRequiredService<IDueRequests>();
                await session.BeginAsync(cancellationToken);
                var started = Stopwatch.GetTimestamp();
                var claimed = await store.ClaimAsync(at, batch, cancellationToken);
                var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                await session.RollbackAsync(cancellationToken);
                if (claimed.Count != expected)
                    throw new InvalidOperationException($"The claim at {at:O} returned {claimed.Count} requests, expected {expected}.");
                if (i >= 3)
                    samples.Add(elapsed);
            }

            samples.Sort();
            return samples[samples.Count / 2];
        }

        var nothing = await Median(plan.DueAt.AddSeconds(-1), 0);
        var first = await Median(DateTimeOffset.UtcNow, Math.Min(batch, due));
        return new ScanFigures(nothing, first);
    }

    /// <summary>Runs the scheduler's sweep job itself, with its workers, until a run finds nothing more to do.</summary>
    private static async Task<SweepFigures> SweepAsync(ServiceProvider services, int batch, int workers, CancellationToken cancellationToken)
    {
        var job = new SweepTimersJob(
            services.GetRequiredService<IServiceScopeFactory>(),
            new WorkflowSchedule { SweepBatchSize = batch, SweepWorkers = workers },
            services.GetRequiredService<ILogger<SweepTimersJob>>());
        long fired = 0;
        var commands = 0;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var machine = MachineCpu.Busy();
        var written = ProcessWrittenBytes();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var collections = GC.CollectionCount(0);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var run = await job.RunAsync(cancellationToken);
            if (run.Failures != 0)
                throw new InvalidOperationException($"{run.Failures} sweep worker(s) failed; the log says why.");
            commands += run.Results.Count;
            fired += run.Results.Sum(result => result.Fired);
            var skipped = run.Results.Sum(result => result.Skipped);
            if (skipped != 0)
                throw new InvalidOperationException($"The sweep skipped {skipped} timers; none should be stale.");
            // A run ends when each worker's last batch was not full, or at the bound per run.
            if (run.Results.Count < WorkflowSchedule.MaxBatchesPerRun || run.Results.Sum(result => result.Fired) == 0)
                break;
        }

        clock.Stop();
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        return new SweepFigures(batch, workers, fired, clock.Elapsed.TotalSeconds, commands, cpuSeconds, (MachineCpu.Busy() - machine).TotalSeconds, ProcessWrittenBytes() - written,
            GC.GetTotalAllocatedBytes(precise: true) - allocated, GC.CollectionCount(0) - collections);
    }

    /// <summary>The "wchar" counter of <c>/proc/self/io</c>: bytes passed to write() so far; 0 where there is no such file.</summary>
    private static long ProcessWrittenBytes()
    {
        const string file = "/proc/self/io";
        if (!File.Exists(file))
            return 0;
        var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith("wchar:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.AsSpan(6).Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>Checks by SQL that the sweep did exactly what it should: each due timer fired once, with its transition and its effects once.</summary>
    private static async Task VerifyAsync(IDbConnectionFactory factory, int due, int history, CancellationToken cancellationToken)
    {
        await using var connection = await factory.OpenAsync(cancellationToken);
        async Task<long> Count(string sql, object? args = null) =>
            await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, args, commandTimeout: LongCommandSeconds, cancellationToken: cancellationToken));

        var now = DateTimeOffset.UtcNow;
        // Armed timers and deadlines are in the request's row as JSON (ADR 012), read with each database's JSON functions.
        var sqlite = factory.Provider == DatabaseProvider.Sqlite;
        var timers = sqlite ? "json_each(r.workflow, '$.timers') t" : "json_array_elements((r.workflow::json)->'timers') t";
        var deadlines = sqlite ? "json_each(r.workflow, '$.deadlines') d" : "json_array_elements((r.workflow::json)->'deadlines') d";
        var timerKind = sqlite ? "json_extract(t.value, '$.kind')" : "t->>'kind'";
        var timerStage = sqlite ? "json_extract(t.value, '$.stage')" : "t->>'stage'";
        var deadlineKey = sqlite ? "json_extract(d.value, '$.key')" : "d->>'key'";
        var checks = new (string What, long Actual, long Expected)[]
        {
            ("timers with fired_at", await Count("SELECT COUNT(*) FROM request_timers WHERE fired_at IS NOT NULL"), due),
            ("fired deadline_passed timers", await Count("SELECT COUNT(*) FROM request_timers WHERE fired_at IS NOT NULL AND kind = 'deadline_passed' AND stage = 'submitted'"), due),
            ("cancelled timers", await Count("SELECT COUNT(*) FROM request_timers WHERE cancelled_at IS NOT NULL"), 0),
            ("requests with a timer still due", await Count("SELECT COUNT(*) FROM requests WHERE next_due_at <= @Now", new { Now = now }), 0),
            ("requests in overdue", await Count("SELECT COUNT(*) FROM requests WHERE stage = 'overdue'"), due),
            ("overdue requests at version 2 with overdue_since", await Count("SELECT COUNT(*) FROM requests WHERE stage = 'overdue' AND version = 2 AND overdue_since IS NOT NULL"), due),
            ("timers armed by overdue", await Count($"SELECT COUNT(*) FROM requests r, {timers} WHERE r.stage = 'overdue' AND {timerStage} = 'overdue'"), 3L * due),
            ("chaser timers", await Count($"SELECT COUNT(*) FROM requests r, {timers} WHERE r.stage = 'overdue' AND {timerKind} = 'chaser'"), due),
            ("overdue requests waiting for a timer", await Count("SELECT COUNT(*) FROM requests WHERE stage = 'overdue' AND next_due_at > @Now", new { Now = now }), due),
            ("complaint_filing deadlines", await Count($"SELECT COUNT(*) FROM requests r, {deadlines} WHERE {deadlineKey} = 'complaint_filing'"), due),
            ("timeline entries", await Count("SELECT COUNT(*) FROM timeline WHERE kind = 'timer:deadline_passed' AND from_stage = 'submitted' AND to_stage = 'overdue'"), due),
            ("timeline entries written by the sweep", await Count("SELECT COUNT(*) FROM timeline WHERE seq > @History", new { History = history }), due),
            ("overdue requests one timeline entry on", await Count("SELECT COUNT(*) FROM requests WHERE stage = 'overdue' AND timeline_seq = @Next", new { Next = history + 1 }), due),
            ("outbox rows written by the sweep", await Count("SELECT COUNT(*) FROM outbox WHERE dispatched_at IS NULL"), 2L * due),
            ("distinct dedup keys of those", await Count("SELECT COUNT(DISTINCT dedup_key) FROM outbox WHERE dispatched_at IS NULL"), 2L * due),
            ("outbox 'overdue' to requester", await Count("SELECT COUNT(DISTINCT request_id) FROM outbox WHERE name = 'overdue' AND recipient = 'requester'"), due),
            ("outbox 'became_overdue' to staff", await Count("SELECT COUNT(DISTINCT request_id) FROM outbox WHERE name = 'became_overdue' AND recipient = 'staff'"), due),
            ("sweep's outbox rows of requests not overdue", await Count("SELECT COUNT(*) FROM outbox o JOIN requests r ON r.id = o.request_id WHERE o.dispatched_at IS NULL AND r.stage <> 'overdue'"), 0),
        };
        var wrong = checks.Where(check => check.Actual != check.Expected).ToList();
        if (wrong.Count > 0)
            throw new InvalidOperationException("The sweep's result is wrong: " + string.Join("; ", wrong.Select(check => $"{check.What}: {check.Actual}, expected {check.Expected}")));
    }

    /// <summary>Puts the due requests back as they were before the sweep, so the next batch size starts from the same state.</summary>
    private static async Task ResetAsync(IDbConnectionFactory factory, SweepPlan plan, IReadOnlyList<Guid> dueIds, CancellationToken cancellationToken)
    {
        await using var connection = await factory.OpenAsync(cancellationToken);
        await using (var transaction = await connection.BeginTransactionAsync(cancellationToken))
        {
            // What setup wrote stays (the dispatched request letters, the first timeline entries); what the sweep wrote goes.
            foreach (var sql in new[] { "DELETE FROM outbox WHERE dispatched_at IS NULL", "DELETE FROM timeline WHERE seq > @History", "DELETE FROM request_timers" })
                await connection.ExecuteAsync(new CommandDefinition(sql, new { plan.History }, transaction, LongCommandSeconds, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
        }

        await TimerBulkWriter.ArmDueAsync(connection, plan, dueIds, cancellationToken);
        await SettleAsync(connection, factory.Provider, cancellationToken);
    }

    /// <summary>
    /// Every sweep starts from a settled database: no vacuum debt on PostgreSQL, and on SQLite none of the
    /// setup's or the reset's pages left in the log for the sweep to copy back.
    /// </summary>
    private static async Task SettleAsync(DbConnection connection, DatabaseProvider provider, CancellationToken cancellationToken) =>
        await connection.ExecuteAsync(new CommandDefinition(
            provider == DatabaseProvider.Postgres ? "VACUUM ANALYZE" : "PRAGMA wal_checkpoint(TRUNCATE)",
            commandTimeout: LongCommandSeconds,
            cancellationToken: cancellationToken));
}

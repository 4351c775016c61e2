using System.Globalization;
using FoiTracker.Benchmarks.BulkLoad;
using FoiTracker.Benchmarks.Harness;
using FoiTracker.Benchmarks.Statistics;
using FoiTracker.Benchmarks.Sweep;

namespace FoiTracker.Benchmarks.Load;

/// <summary>
/// The service as its own process under load, on a fresh SQLite file and a fresh PostgreSQL database:
/// the floor first — the same clients posting filings without a subject, refused by validation
/// before the database is asked (what this machine and these clients allow at most); then
/// clients file requests (POST /api/requests) for a fixed time — requests/s and p50/p95/p99; then
/// public-body searches alone, then the same searches while the clients file — each p99 and their
/// ratio; the whole machine's CPU per filing and per floor call besides the service's own; and the
/// service's resident memory after the run. Targets: ≥ 500 filings/s with p99 &lt; 100 ms, reads
/// unaffected by filing, &lt; 300 MB resident.
/// </summary>
public sealed class LoadBenchmark : IBenchmark
{
    private static readonly string[] AllProviders = ["sqlite", "postgres"];

    /// <summary>The command name of every PostgreSQL server process (postmaster, backends, writers) in /proc.</summary>
    private const string PostgresProcessName = "postgres";

    public string Name => "load";

    public string Description => "The service as a process: filings/s and p50/p95/p99 from concurrent clients, body searches alone and during filing (p99, ratio), resident memory after";

    public IReadOnlyList<BenchmarkOption> Options =>
    [
        new("providers", "sqlite,postgres (default both); PostgreSQL from $" + BulkLoadBenchmark.PostgresVariable + " or $" + BulkLoadBenchmark.PostgresFallbackVariable),
        new("seconds", "how long each phase runs (default 10)"),
        new("warmup", "seconds of unmeasured filing and reading first, until the JIT has compiled the hot paths (default 20)"),
        new("clients", "concurrent clients filing (default 16)"),
        new("readers", "concurrent clients searching bodies (default 2)"),
        new("accounts", "citizen accounts the filing clients share (default 8)"),
        new("settings", "more service settings, Key=Value;… (e.g. Workflow:OutboxBatchSize=10), given on its command line"),
        new("keep", "keep the databases instead of deleting them", IsFlag: true),
    ];

    public async Task<BenchmarkResult> RunAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var providers = options.GetList("providers", AllProviders, AllProviders);
        var seconds = (int)options.GetInt64("seconds", 10, 1, 3600);
        var warmup = (int)options.GetInt64("warmup", 20, 0, 3600);
        var clients = (int)options.GetInt64("clients", 16, 1, 1024);
        var readers = (int)options.GetInt64("readers", 2, 1, 256);
        var accounts = (int)options.GetInt64("accounts", 8, 1, 1000);
        var postgres = providers.Contains("postgres") ? SweepBenchmark.PostgresConnectionString() : null;
        var settings = (options.Get("settings") ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (settings.FirstOrDefault(setting => !setting.Contains('=', StringComparison.Ordinal)) is { } wrong)
            throw new UsageException($"--settings takes Key=Value pairs separated by ';', not '{wrong}'.");
        string[] arguments = ["--Limits:Enabled=false", .. settings.Select(setting => "--" + setting)];
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["providers"] = string.Join(",", providers),
            ["seconds"] = seconds.ToString(CultureInfo.InvariantCulture),
            ["warmup_seconds"] = warmup.ToString(CultureInfo.InvariantCulture),
            ["clients"] = clients.ToString(CultureInfo.InvariantCulture),
            ["readers"] = readers.ToString(CultureInfo.InvariantCulture),
            ["accounts"] = accounts.ToString(CultureInfo.InvariantCulture),
            ["service"] = "FoiTracker.Web.dll of this build as its own process, scheduler on; clients in this process on the same machine",
            ["service_arguments"] = string.Join(" ", arguments),
        };

        var figures = new List<Figure>();
        foreach (var provider in providers)
        {
            Console.WriteLine($"{provider}: starting the service on a fresh database...");
            await using var database = await ScratchDatabase.CreateAsync(provider, postgres, options.Has("keep"), cancellationToken);
            await using var service = await ServiceProcessUnderLoad.StartAsync(database, options.SeedsDirectory, arguments, cancellationToken);
            using var load = new LoadClients(service.Address, clients + readers);
            await load.PrepareAsync(accounts, cancellationToken);
            parameters[$"{provider}.bodies"] = load.Bodies.Count.ToString(CultureInfo.InvariantCulture);
            figures.AddRange(await MeasureAsync(provider, service, load, TimeSpan.FromSeconds(warmup), TimeSpan.FromSeconds(seconds), clients, readers, cancellationToken));
        }

        return new BenchmarkResult(figures, parameters, FileTag: string.Join("-", providers));
    }

    private static async Task<IReadOnlyList<Figure>> MeasureAsync(
        string provider, ServiceProcessUnderLoad service, LoadClients load, TimeSpan warmup, TimeSpan phase, int clients, int readers, CancellationToken cancellationToken)
    {
        // Warm-up, unmeasured: both connection pools, and the JIT. A service that has run for a while
        // runs its hot paths as optimised code; in the first seconds under load a quarter of its CPU
        // went to compiling them (tiered compilation), which is start-up, not the cost of a filing.
        await RunAsync(warmup, until => Task.WhenAll(
            load.FileAsync(clients, new PhaseSamples(), until), load.ReadAsync(readers, new PhaseSamples(), until)), cancellationToken);

        var cpuBeforeFloor = service.CpuTime();
        var machineBeforeFloor = MachineCpu.Busy();
        var floor = new PhaseSamples();
        var floorSeconds = await RunAsync(phase, until => load.FileIncompleteAsync(clients, floor, until), cancellationToken);
        var cpuFloor = service.CpuTime() - cpuBeforeFloor;
        var machineFloor = MachineCpu.Busy() - machineBeforeFloor;

        // Besides the service's own CPU, what a filing costs the whole machine (the clients, the
        // kernel's I/O threads and, on PostgreSQL, the database server): at 500 filings/s two cores
        // allow 4 ms of it per filing, whoever spends it.
        var cpuBefore = service.CpuTime();
        var machineBefore = MachineCpu.Busy();
        var serverBefore = MachineCpu.OfProcessesNamed(PostgresProcessName);
        var filing = new PhaseSamples();
        var filingSeconds = await RunAsync(phase, until => load.FileAsync(clients, filing, until), cancellationToken);
        var cpuFiling = service.CpuTime() - cpuBefore;
        var machineFiling = MachineCpu.Busy() - machineBefore;
        var serverFiling = MachineCpu.OfProcessesNamed(PostgresProcessName) - serverBefore;

        var readsAlone = new PhaseSamples();
        await RunAsync(phase, until => load.ReadAsync(readers, readsAlone, until), cancellationToken);

        var readsDuring = new PhaseSamples();
        var filingDuring = new PhaseSamples();
        var mixedSeconds = await RunAsync(phase, until => Task.WhenAll(load.FileAsync(clients, filingDuring, until), load.ReadAsync(readers, readsDuring, until)), cancellationToken);

        // What the service holds once the load has stopped and it has had a moment to settle.
        await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        var (resident, peak) = service.Memory();

        foreach (var samples in new[] { floor, filing, readsAlone, readsDuring, filingDuring })
        {
            if (samples.Milliseconds.Count == 0)
                throw new InvalidOperationException($"{provider}: no call succeeded in a phase; the first failure: {samples.FirstFailure}\n{service.LastLines()}");
            if (samples.FirstFailure is { } failure)
                Console.WriteLine($"{provider}: {samples.Failures} calls failed, the first: {failure}");
        }

        var filed = filing.Milliseconds.Count / filingSeconds;
        var floorRate = floor.Milliseconds.Count / floorSeconds;
        var readP99Alone = HttpTimings.Percentile(readsAlone.Milliseconds.ToList(), 0.99);
        var readP99During = HttpTimings.Percentile(readsDuring.Milliseconds.ToList(), 0.99);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{provider}: {filed:N0} filings/s, p99 {HttpTimings.Percentile(filing.Milliseconds.ToList(), 0.99):N1} ms; searches p99 {readP99Alone:N1} ms alone, {readP99During:N1} ms while filing; {resident / 1048576.0:N0} MB resident"));

        var figures = new List<Figure> { new($"{provider}.filed_per_second", Math.Round(filed, 1), "1/s") };
        figures.AddRange(Percentiles($"{provider}.file", filing));
        figures.Add(new($"{provider}.floor_per_second", Math.Round(floorRate, 1), "1/s"));
        figures.AddRange(Percentiles($"{provider}.floor", floor));
        figures.Add(new($"{provider}.service_cpu_ms_per_floor_call", Math.Round(cpuFloor.TotalMilliseconds / floor.Milliseconds.Count, 2), "ms"));
        figures.Add(new($"{provider}.filed_over_floor", Math.Round(filed / floorRate, 3), "x"));
        figures.Add(new($"{provider}.file_failures", filing.Failures + filingDuring.Failures));
        figures.Add(new($"{provider}.service_cpu_ms_per_filing", Math.Round(cpuFiling.TotalMilliseconds / filing.Milliseconds.Count, 2), "ms"));
        var machinePerFiling = machineFiling.TotalMilliseconds / filing.Milliseconds.Count;
        figures.Add(new($"{provider}.machine_cpu_ms_per_filing", Math.Round(machinePerFiling, 2), "ms"));
        if (machinePerFiling > 0)
            figures.Add(new($"{provider}.machine_ceiling_filings_per_second", Math.Round(MachineCpu.Cores * 1000 / machinePerFiling, 0), "1/s"));
        if (provider == "postgres" && serverFiling > TimeSpan.Zero)
            figures.Add(new($"{provider}.database_server_cpu_ms_per_filing", Math.Round(serverFiling.TotalMilliseconds / filing.Milliseconds.Count, 2), "ms"));
        figures.Add(new($"{provider}.machine_cpu_ms_per_floor_call", Math.Round(machineFloor.TotalMilliseconds / floor.Milliseconds.Count, 2), "ms"));
        figures.Add(new($"{provider}.reads_alone_per_second", Math.Round(readsAlone.Milliseconds.Count / phase.TotalSeconds, 1), "1/s"));
        figures.AddRange(Percentiles($"{provider}.read_alone", readsAlone));
        figures.Add(new($"{provider}.reads_during_filing_per_second", Math.Round(readsDuring.Milliseconds.Count / mixedSeconds, 1), "1/s"));
        figures.AddRange(Percentiles($"{provider}.read_during_filing", readsDuring));
        figures.Add(new($"{provider}.read_p99_during_over_alone", Math.Round(readP99During / readP99Alone, 2), "x"));
        figures.Add(new($"{provider}.filed_per_second_during_reads", Math.Round(filingDuring.Milliseconds.Count / mixedSeconds, 1), "1/s"));
        figures.Add(new($"{provider}.read_failures", readsAlone.Failures + readsDuring.Failures));
        figures.Add(new($"{provider}.rss_after_mb", Math.Round(resident / 1048576.0, 1), "MB"));
        figures.Add(new($"{provider}.rss_peak_mb", Math.Round(peak / 1048576.0, 1), "MB"));
        return figures;
    }

    private static IEnumerable<Figure> Percentiles(string prefix, PhaseSamples samples)
    {
        var times = samples.Milliseconds.ToList();
        yield return new($"{prefix}_p50_ms", Math.Round(HttpTimings.Percentile(times, 0.50), 2), "ms");
        yield return new($"{prefix}_p95_ms", Math.Round(HttpTimings.Percentile(times, 0.95), 2), "ms");
        yield return new($"{prefix}_p99_ms", Math.Round(HttpTimings.Percentile(times, 0.99), 2), "ms");
    }

    /// <summary>Runs <paramref name="work"/> until <paramref name="length"/> has passed; the seconds it really took, the calls in flight finished.</summary>
    private static async Task<double> RunAsync(TimeSpan length, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        using var until = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        until.CancelAfter(length);
        await work(until.Token);
        cancellationToken.ThrowIfCancellationRequested();
        return clock.Elapsed.TotalSeconds;
    }
}

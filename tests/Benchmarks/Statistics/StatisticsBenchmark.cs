using System.Diagnostics;
using System.Globalization;
using FoiTracker.Application.Seeds;
using FoiTracker.Application.Workflows;
using FoiTracker.Benchmarks.BulkLoad;
using FoiTracker.Benchmarks.Harness;
using FoiTracker.Benchmarks.Load;
using FoiTracker.Benchmarks.Sweep;
using FoiTracker.Domain.Workflows;
using FoiTracker.Infrastructure.Configuration;
using FoiTracker.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Benchmarks.Statistics;

/// <summary>
/// How fast advocates get their figures at scale. A fresh database of each provider is filled with
/// requests that have run through their workflow (<see cref="RequestHistoryGenerator"/>, imported by
/// <see cref="BulkRequestWriter"/> with their facts), then the service is hosted in this process and
/// asked over HTTP for: every body's statistics for a year, cold; one body's, warm, many times. Then the
/// service is started as its own process on the same database, as an operator runs it, and the
/// request-level CSV of every request is streamed from it while its resident memory is watched: this
/// process carries what the import left, which a service started on its database does not. "Cold" is
/// the first call of a newly started host on new connection pools; the database server's buffers and
/// the file cache stay as the import left them.
/// </summary>
public sealed class StatisticsBenchmark : IBenchmark
{
    private const int WarmUps = 10;
    private static readonly string[] AllProviders = ["sqlite", "postgres"];

    public string Name => "statistics";

    public string Description =>
        "N requests with realistic histories (2023 on); over HTTP: every body's statistics for a year cold, one body's p95 warm; the request-level CSV streamed from the service as its own process (first byte, total, the service's peak resident memory)";

    public IReadOnlyList<BenchmarkOption> Options =>
    [
        new("count", "how many requests (default 1,000,000)"),
        new("providers", "sqlite,postgres (default both); PostgreSQL from $" + BulkLoadBenchmark.PostgresVariable + " or $" + BulkLoadBenchmark.PostgresFallbackVariable),
        new("first-year", "the first year requests are sent in (default 2023)"),
        new("as-of", "the day the statistics are evaluated at and the histories end (default today, yyyy-MM-dd)"),
        new("year", "the year whose statistics are asked for (default the year before --as-of)"),
        new("runs", "how many times one body's statistics are asked for, warm (default 200)"),
        new("seed", "random seed of the generators (default 20230101)"),
        new("keep", "keep the databases instead of deleting them", IsFlag: true),
        new("database", "measure a database kept by an earlier run instead of filling a new one: the SQLite file's path or the PostgreSQL database's name (with one provider; made with the same --first-year and --as-of)"),
    ];

    public async Task<BenchmarkResult> RunAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var count = options.GetInt64("count", 1_000_000, 100, 100_000_000);
        var providers = options.GetList("providers", AllProviders, AllProviders);
        var asOf = ParseDate(options.Get("as-of")) ?? DateOnly.FromDateTime(DateTime.UtcNow);
        var firstYear = (int)options.GetInt64("first-year", 2023, 2000, asOf.Year);
        var year = (int)options.GetInt64("year", asOf.Year - 1, firstYear, asOf.Year);
        var runs = (int)options.GetInt64("runs", 200, 20, 100_000);
        var seed = (int)options.GetInt64("seed", 20230101, 0, int.MaxValue);
        var postgres = providers.Contains("postgres") ? SweepBenchmark.PostgresConnectionString() : null;
        var query = new StatisticsQuery(year, asOf, firstYear);

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["count"] = count.ToString(CultureInfo.InvariantCulture),
            ["providers"] = string.Join(",", providers),
            ["first_year"] = firstYear.ToString(CultureInfo.InvariantCulture),
            ["as_of"] = asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["year"] = year.ToString(CultureInfo.InvariantCulture),
            ["runs"] = runs.ToString(CultureInfo.InvariantCulture),
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["all_bodies"] = query.AllBodies,
            ["csv"] = query.Csv,
            ["cold"] = "first call of a newly started in-memory host on new connection pools; database buffers and file cache not dropped",
            ["cold_service"] = "first statistics call from outside to FoiTracker.Web.dll of this build started as its own process on the same database, scheduler off (it has asked itself for /health, ADR 036, and the benchmark's client has asked it for /health once, to make its own first connection); database buffers and file cache not dropped",
            ["csv_service"] = "FoiTracker.Web.dll of this build started as its own process on the same database, scheduler off; the CSV is the first request from outside (the service asks itself for /health before it says it runs, ADR 036); its resident memory from /proc (VmHWM reset before the request, VmRSS sampled every 5 ms)",
        };
        var figures = new List<Figure>();
        if (options.Get("database") is { } kept)
        {
            if (providers.Count != 1)
                throw new UsageException("--database measures one kept database: name its provider alone with --providers.");
            parameters["database"] = "kept from an earlier run: " + kept;
            parameters.Remove("count");
            await using var database = ScratchDatabase.Kept(providers[0], kept, postgres);
            Console.WriteLine($"{providers[0]}: measuring the kept {database.Location}...");
            var shape = await HistoryData.ReadShapeAsync(database, options.SeedsDirectory, query, cancellationToken);
            figures.AddRange(shape.Figures(providers[0]));
            figures.AddRange(await MeasureAsync(providers[0], database, options.SeedsDirectory, query, shape, runs, cancellationToken));
            return new BenchmarkResult(figures, parameters, FileTag: providers[0]);
        }

        foreach (var provider in providers)
        {
            Console.WriteLine($"{provider}: preparing a fresh database...");
            await using var database = await ScratchDatabase.CreateAsync(provider, postgres, options.Has("keep"), cancellationToken);
            var data = await HistoryData.LoadAsync(database, options.SeedsDirectory, count, seed, firstYear, asOf, query, parameters, cancellationToken);
            figures.AddRange(data.Figures(provider));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{provider}: {count:N0} requests made in {data.GenerateSeconds:N1} s and imported in {data.ImportSeconds:N1} s; {data.Shape}"));
            figures.AddRange(await MeasureAsync(provider, database, options.SeedsDirectory, query, data.Shape, runs, cancellationToken));
        }

        return new BenchmarkResult(figures, parameters, FileTag: string.Join("-", providers));
    }

    private static async Task<IReadOnlyList<Figure>> MeasureAsync(
        string provider, ScratchDatabase database, string seedsDirectory, StatisticsQuery query, HistoryShape shape, int runs, CancellationToken cancellationToken)
    {
        var figures = new List<Figure>(await MeasureInProcessAsync(provider, database, seedsDirectory, query, shape.BusiestBody, runs, cancellationToken));
        figures.AddRange(await ColdOnServiceAsync(provider, database, seedsDirectory, query, cancellationToken));
        figures.AddRange(await StreamCsvAsync(provider, database, seedsDirectory, query, shape.SentEver, cancellationToken));
        return figures;
    }

    /// <summary>
    /// Every body's statistics as the first question from outside to the service started as its own
    /// process, as an advocate meets it after a restart (the service has answered its own /health, ADR 036).
    /// This process's own HTTP client makes its first connection with a /health first (the service has
    /// answered that one already): the first request of a client in a new .NET process is compiled as it
    /// goes, which an advocate's browser does not pay and the service's figure should not carry.
    /// </summary>
    private static async Task<IReadOnlyList<Figure>> ColdOnServiceAsync(
        string provider, ScratchDatabase database, string seedsDirectory, StatisticsQuery query, CancellationToken cancellationToken)
    {
        Console.WriteLine($"{provider}: starting the service as its own process, then asking it for every body's statistics for {query.Year}...");
        await using var service = await StartServiceAsync(database, seedsDirectory, cancellationToken);
        using var client = new HttpClient { BaseAddress = service.Address, Timeout = Timeout.InfiniteTimeSpan };
        var health = await HttpTimings.GetMillisecondsAsync(client, "/health", cancellationToken);
        var cold = await HttpTimings.GetMillisecondsAsync(client, query.AllBodies, cancellationToken);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture, $"{provider}: all bodies, first call to the service as a process {cold:N0} ms (this client's own first call, /health: {health:N0} ms)"));
        return
        [
            new($"{provider}.all_bodies_cold_service_ms", Math.Round(cold, 1), "ms"),
            new($"{provider}.client_first_health_ms", Math.Round(health, 1), "ms"),
        ];
    }

    private static Task<ServiceProcessUnderLoad> StartServiceAsync(ScratchDatabase database, string seedsDirectory, CancellationToken cancellationToken) =>
        ServiceProcessUnderLoad.StartAsync(database, seedsDirectory, ["--" + InfrastructureSettings.SchedulerEnabledKey + "=false"], cancellationToken);

    private static async Task<IReadOnlyList<Figure>> MeasureInProcessAsync(
        string provider, ScratchDatabase database, string seedsDirectory, StatisticsQuery query, string busiestBody, int runs, CancellationToken cancellationToken)
    {
        // What the import left in this process's heap is not the service's to carry.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        await using var host = StatisticsHost.StartCold(database, seedsDirectory);
        using var client = host.CreateClient();

        Console.WriteLine($"{provider}: every body's statistics for {query.Year}, cold...");
        var cold = await HttpTimings.GetMillisecondsAsync(client, query.AllBodies, cancellationToken);
        var warmAll = new List<double>();
        for (var i = 0; i < 5; i++)
            warmAll.Add(await HttpTimings.GetMillisecondsAsync(client, query.AllBodies, cancellationToken));
        // The same question as of other days, on the now warm host: what the cold call costs beyond
        // the host's first steps (JIT, pools) is what these cost.
        var computedAll = new List<double>();
        for (var i = 1; i <= 5; i++)
            computedAll.Add(await HttpTimings.GetMillisecondsAsync(client, query.AllBodiesAsOf(query.AsOf.AddDays(-i)), cancellationToken));

        Console.WriteLine($"{provider}: {busiestBody}'s statistics, {WarmUps} warm-ups then {runs} runs computed afresh (each as of another day)...");
        var oneBody = query.OneBody(busiestBody);
        // Days from the as-of date back to the year's first: each is an address of its own (repeated only past that many runs).
        var days = query.AsOf.DayNumber - query.From.DayNumber + 1;
        for (var i = 0; i < WarmUps; i++)
            await HttpTimings.GetMillisecondsAsync(client, query.OneBody(busiestBody, query.AsOf.AddDays(-((runs + i) % days))), cancellationToken);
        var computed = new List<double>(runs);
        for (var i = 0; i < runs; i++)
            computed.Add(await HttpTimings.GetMillisecondsAsync(client, query.OneBody(busiestBody, query.AsOf.AddDays(-(i % days))), cancellationToken));

        Console.WriteLine($"{provider}: {busiestBody}'s statistics, {runs} runs of one address (the public answer is kept for a while)...");
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
            times.Add(await HttpTimings.GetMillisecondsAsync(client, oneBody, cancellationToken));

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{provider}: all bodies cold {cold:N0} ms, computed warm {HttpTimings.Percentile(computedAll, 0.5):N0} ms; one body p95 computed {HttpTimings.Percentile(computed, 0.95):N1} ms, kept {HttpTimings.Percentile(times, 0.95):N1} ms"));
        return
        [
            new($"{provider}.all_bodies_cold_ms", Math.Round(cold, 1), "ms"),
            new($"{provider}.all_bodies_kept_median_ms", Math.Round(HttpTimings.Percentile(warmAll, 0.5), 1), "ms"),
            new($"{provider}.all_bodies_computed_warm_median_ms", Math.Round(HttpTimings.Percentile(computedAll, 0.5), 1), "ms"),
            new($"{provider}.one_body_computed_p50_ms", Math.Round(HttpTimings.Percentile(computed, 0.5), 2), "ms"),
            new($"{provider}.one_body_computed_p95_ms", Math.Round(HttpTimings.Percentile(computed, 0.95), 2), "ms"),
            new($"{provider}.one_body_computed_max_ms", Math.Round(computed.Max(), 2), "ms"),
            new($"{provider}.one_body_kept_p50_ms", Math.Round(HttpTimings.Percentile(times, 0.5), 2), "ms"),
            new($"{provider}.one_body_kept_p95_ms", Math.Round(HttpTimings.Percentile(times, 0.95), 2), "ms"),
        ];
    }

    /// <summary>The CSV from the service started as its own process on the database, as an operator runs it, with that process's memory.</summary>
    private static async Task<IReadOnlyList<Figure>> StreamCsvAsync(
        string provider, ScratchDatabase database, string seedsDirectory, StatisticsQuery query, long sentRequests, CancellationToken cancellationToken)
    {
        Console.WriteLine($"{provider}: starting the service as its own process, then streaming {query.Csv}...");
        await using var service = await StartServiceAsync(database, seedsDirectory, cancellationToken);
        using var client = new HttpClient { BaseAddress = service.Address, Timeout = Timeout.InfiniteTimeSpan };
        var csv = await HttpTimings.StreamAsync(client, query.Csv, service.ProcessId, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{provider}: CSV {csv.Lines:N0} lines, first byte {csv.FirstByteMilliseconds:N0} ms, all {csv.TotalMilliseconds / 1000:N2} s; the service's peak resident memory {csv.ServicePeakResidentBytes / 1048576.0:N0} MiB ({csv.ServiceResidentAtStartBytes / 1048576.0:N0} MiB when asked)"));
        return
        [
            new($"{provider}.csv_first_byte_ms", Math.Round(csv.FirstByteMilliseconds, 1), "ms"),
            new($"{provider}.csv_total_s", Math.Round(csv.TotalMilliseconds / 1000, 3), "s"),
            new($"{provider}.csv_lines", csv.Lines, "lines"),
            new($"{provider}.csv_expected_lines", sentRequests + 1, "lines"),
            new($"{provider}.csv_mib", Math.Round(csv.Bytes / 1048576.0, 1), "MiB"),
            new($"{provider}.csv_service_resident_at_start_mib", Math.Round(csv.ServiceResidentAtStartBytes / 1048576.0, 1), "MiB"),
            new($"{provider}.csv_service_peak_resident_mib", Math.Round(csv.ServicePeakResidentBytes / 1048576.0, 1), "MiB"),
        ];
    }

    private static DateOnly? ParseDate(string? text) =>
        text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date
        : throw new UsageException($"--as-of takes a date like 2026-12-31, not '{text}'.");
}

using System.Globalization;
using FoiTracker.Benchmarks.BulkLoad;
using FoiTracker.Benchmarks.Harness;
using FoiTracker.Benchmarks.Statistics;
using FoiTracker.Benchmarks.Sweep;

namespace FoiTracker.Benchmarks.Pages;

/// <summary>
/// How fast the site's pages answer at scale. A fresh database of each provider is filled as for the
/// statistics benchmark (requests run through their workflow, imported with their facts); the service is
/// hosted in this process and each page is asked for over HTTP: once on a newly started host (first),
/// then after warm-ups many times (p50, p95, max). The target is p95 &lt; 100 ms for every page.
/// </summary>
public sealed class PagesBenchmark : IBenchmark
{
    private const int WarmUps = 10;
    private static readonly string[] AllProviders = ["sqlite", "postgres"];

    public string Name => "pages";

    public string Description => "N requests with realistic histories; over HTTP, each main page of the site: first answer, then p50/p95/max (target p95 < 100 ms)";

    public IReadOnlyList<BenchmarkOption> Options =>
    [
        new("count", "how many requests (default 1,000,000)"),
        new("providers", "sqlite,postgres (default both); PostgreSQL from $" + BulkLoadBenchmark.PostgresVariable + " or $" + BulkLoadBenchmark.PostgresFallbackVariable),
        new("runs", "how many times each page is asked for after the warm-ups (default 100)"),
        new("seed", "random seed of the generators (default 20230101)"),
        new("keep", "keep the databases instead of deleting them", IsFlag: true),
        new("database", "measure a database kept by an earlier run instead of filling a new one: the SQLite file's path or the PostgreSQL database's name (with one provider; migrations are applied to it first)"),
    ];

    public async Task<BenchmarkResult> RunAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var count = options.GetInt64("count", 1_000_000, 100, 100_000_000);
        var providers = options.GetList("providers", AllProviders, AllProviders);
        var runs = (int)options.GetInt64("runs", 100, 10, 100_000);
        var seed = (int)options.GetInt64("seed", 20230101, 0, int.MaxValue);
        var postgres = providers.Contains("postgres") ? SweepBenchmark.PostgresConnectionString() : null;
        var asOf = DateOnly.FromDateTime(DateTime.UtcNow);
        var query = new StatisticsQuery(asOf.Year - 1, asOf, 2023);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["count"] = count.ToString(CultureInfo.InvariantCulture),
            ["providers"] = string.Join(",", providers),
            ["runs"] = runs.ToString(CultureInfo.InvariantCulture),
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["first"] = "first answer of a newly started host on new connection pools; database buffers and file cache not dropped",
        };

        var figures = new List<Figure>();
        if (options.Get("database") is { } kept)
        {
            if (providers.Count != 1)
                throw new UsageException("--database measures one kept database: name its provider alone with --providers.");
            parameters["database"] = "kept from an earlier run: " + kept;
            await using var database = ScratchDatabase.Kept(providers[0], kept, postgres);
            Console.WriteLine($"{providers[0]}: measuring the kept {database.Location}...");
            var shape = await HistoryData.ReadShapeAsync(database, options.SeedsDirectory, query, cancellationToken);
            figures.AddRange(await MeasureAsync(providers[0], database, options.SeedsDirectory, shape, runs, cancellationToken));
            return new BenchmarkResult(figures, parameters, FileTag: providers[0]);
        }

        foreach (var provider in providers)
        {
            Console.WriteLine($"{provider}: preparing a fresh database...");
            await using var database = await ScratchDatabase.CreateAsync(provider, postgres, options.Has("keep"), cancellationToken);
            var data = await HistoryData.LoadAsync(database, options.SeedsDirectory, count, seed, query.FirstYear, asOf, query, parameters, cancellationToken);
            figures.AddRange(data.Figures(provider));
            figures.AddRange(await MeasureAsync(provider, database, options.SeedsDirectory, data.Shape, runs, cancellationToken));
        }

        return new BenchmarkResult(figures, parameters, FileTag: string.Join("-", providers));
    }

    private static async Task<IReadOnlyList<Figure>> MeasureAsync(
        string provider, ScratchDatabase database, string seedsDirectory, HistoryShape shape, int runs, CancellationToken cancellationToken)
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        await using var host = StatisticsHost.StartCold(database, seedsDirectory);
        using var visitor = host.CreateClient();
        using var admin = host.CreateClient();
        await PageSignIn.SignInAsync(admin, StatisticsHost.AdminEmail, StatisticsHost.AdminPassword, cancellationToken);
        var figures = new List<Figure>();
        var pages = SitePaths.Public(shape).Select(page => (page.Name, page.Path, Client: visitor))
            .Concat(SitePaths.SignedIn(shape).Select(page => (page.Name, page.Path, Client: admin)));
        foreach (var (name, path, client) in pages)
        {
            var first = await HttpTimings.GetMillisecondsAsync(client, path, cancellationToken);
            for (var i = 0; i < WarmUps; i++)
                await HttpTimings.GetMillisecondsAsync(client, path, cancellationToken);
            var times = new List<double>(runs);
            for (var i = 0; i < runs; i++)
                times.Add(await HttpTimings.GetMillisecondsAsync(client, path, cancellationToken));
            var p95 = HttpTimings.Percentile(times, 0.95);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{provider}: {path}: first {first:N1} ms, p50 {HttpTimings.Percentile(times, 0.5):N1} ms, p95 {p95:N1} ms, max {times.Max():N1} ms{(p95 < 100 ? "" : "  (over 100 ms)")}"));
            figures.Add(new($"{provider}.{name}.first_ms", Math.Round(first, 1), "ms"));
            figures.Add(new($"{provider}.{name}.p50_ms", Math.Round(HttpTimings.Percentile(times, 0.5), 2), "ms"));
            figures.Add(new($"{provider}.{name}.p95_ms", Math.Round(p95, 2), "ms"));
            figures.Add(new($"{provider}.{name}.max_ms", Math.Round(times.Max(), 2), "ms"));
        }

        return figures;
    }

}

using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Dapper;
using FoiTracker.Application;
using FoiTracker.Application.Seeds;
using FoiTracker.Application.Seeds.LoadSeeds;
using FoiTracker.Application.Workflows;
using FoiTracker.Benchmarks.Harness;
using FoiTracker.Infrastructure;
using FoiTracker.Infrastructure.Configuration;
using FoiTracker.Infrastructure.Persistence;
using Mediator;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Benchmarks.BulkLoad;

/// <summary>
/// How fast <see cref="BulkRequestWriter"/> loads many requests into a fresh database of each
/// provider. The database is prepared the way the service does it (DI wiring, DbUp migrations,
/// LoadSeedsCommand), then the generated requests are imported through the port. The clock for
/// the import excludes the time the generator spends making requests, which is reported apart.
/// </summary>
public sealed class BulkLoadBenchmark : IBenchmark
{
    public const string PostgresVariable = "FOI_BENCH_POSTGRES";
    public const string PostgresFallbackVariable = "FOI_TEST_POSTGRES";

    private static readonly string[] AllProviders = ["sqlite", "postgres"];

    public string Name => "bulk-load";

    public string Description => "Import N synthetic requests into a fresh SQLite file and PostgreSQL database; rows/s and size";

    public IReadOnlyList<BenchmarkOption> Options =>
    [
        new("count", "how many requests (default 1,000,000)"),
        new("providers", "sqlite,postgres (default both); PostgreSQL from $" + PostgresVariable + " or $" + PostgresFallbackVariable),
        new("batch", $"rows per SQLite transaction (default {BulkRequestWriter.DefaultSqliteBatchSize:N0})"),
        new("seed", "random seed of the generator (default 20150101)"),
        new("keep", "keep the databases instead of deleting them", IsFlag: true),
    ];

    public async Task<BenchmarkResult> RunAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var count = options.GetInt64("count", 1_000_000, 1, 100_000_000);
        var providers = options.GetList("providers", AllProviders, AllProviders);
        var batch = (int)options.GetInt64("batch", BulkRequestWriter.DefaultSqliteBatchSize, 1, 10_000_000);
        var seed = (int)options.GetInt64("seed", 20150101, 0, int.MaxValue);
        var keep = options.Has("keep");
        string? postgres = null;
        if (providers.Contains("postgres"))
        {
            postgres = Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } bench
                ? bench
                : Environment.GetEnvironmentVariable(PostgresFallbackVariable);
            if (string.IsNullOrWhiteSpace(postgres))
            {
                throw new UsageException(
                    $"PostgreSQL was asked for but neither {PostgresVariable} nor {PostgresFallbackVariable} is set: set one to a connection string " +
                    "of a server where this user may CREATE DATABASE, e.g. Host=127.0.0.1;Port=55432;Username=postgres;Database=postgres " +
                    "(.ci/start-postgres.sh starts one), or pass --providers sqlite.");
            }
        }

        var now = DateTimeOffset.UtcNow;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["count"] = count.ToString(CultureInfo.InvariantCulture),
            ["providers"] = string.Join(",", providers),
            ["sqlite_batch"] = batch.ToString(CultureInfo.InvariantCulture),
            ["seed"] = seed.ToString(CultureInfo.InvariantCulture),
            ["generation_batch"] = GenerationBatch.ToString(CultureInfo.InvariantCulture),
        };
        var figures = new List<Figure>();
        var rowsPerSecond = new Dictionary<string, double>(StringComparer.Ordinal);
        SyntheticRequestGenerator? lastGenerator = null;
        foreach (var provider in providers)
        {
            Console.WriteLine($"{provider}: preparing a fresh database...");
            await using var database = provider == "sqlite"
                ? ScratchDatabase.CreateSqlite(keep)
                : await ScratchDatabase.CreatePostgresAsync(postgres!, keep, cancellationToken);
            var run = await RunOneAsync(database, options.SeedsDirectory, count, batch, seed, now, parameters, cancellationToken);
            lastGenerator = run.Generator;
            var insertSeconds = run.Insert.TotalSeconds;
            rowsPerSecond[provider] = run.Rows / insertSeconds;
            figures.Add(new Figure($"{provider}.rows", run.Rows, "rows"));
            figures.Add(new Figure($"{provider}.insert_seconds", Math.Round(insertSeconds, 3), "s"));
            figures.Add(new Figure($"{provider}.rows_per_second", Math.Round(rowsPerSecond[provider], 0), "rows/s"));
            figures.Add(new Figure($"{provider}.generate_seconds", Math.Round(run.Generation.TotalSeconds, 3), "s"));
            figures.Add(new Figure($"{provider}.prepare_seconds", Math.Round(run.Prepare.TotalSeconds, 3), "s"));
            figures.Add(new Figure($"{provider}.database_mib", Math.Round(run.SizeBytes / 1024.0 / 1024.0, 1), "MiB"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{provider}: {run.Rows:N0} rows in {insertSeconds:N1} s ({rowsPerSecond[provider]:N0} rows/s), generation {run.Generation.TotalSeconds:N1} s apart, {run.SizeBytes / 1024.0 / 1024.0:N1} MiB"));
        }

        if (lastGenerator is not null)
        {
            figures.Add(new Figure("payload_mib", Math.Round(lastGenerator.PayloadBytes / 1024.0 / 1024.0, 1), "MiB"));
            figures.Add(new Figure("mean_text_chars", Math.Round((double)lastGenerator.TextCharacters / lastGenerator.Count, 0), "chars"));
        }

        if (rowsPerSecond.TryGetValue("sqlite", out var sqliteRate) && rowsPerSecond.TryGetValue("postgres", out var postgresRate))
            figures.Add(new Figure("postgres_over_sqlite_rows_per_second", Math.Round(postgresRate / sqliteRate, 3), "x"));

        return new BenchmarkResult(figures, parameters, FileTag: string.Join("-", providers));
    }

    private const int GenerationBatch = 10_000;

    private sealed record ProviderRun(long Rows, TimeSpan Insert, TimeSpan Generation, TimeSpan Prepare, long SizeBytes, SyntheticRequestGenerator Generator);

    private static async Task<ProviderRun> RunOneAsync(
        ScratchDatabase database, string seedsDirectory, long count, int batch, int seed, DateTimeOffset now,
        Dictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        var prepare = Stopwatch.StartNew();
        await using var services = await database.StartServiceAsync(seedsDirectory, cancellationToken);
        var seeds = await services.GetRequiredService<ISeedSource>().ReadAsync(cancellationToken);
        prepare.Stop();

        var statutes = seeds.Jurisdictions.ToDictionary(jurisdiction => jurisdiction.Code, jurisdiction => jurisdiction.StatuteId);
        var generator = new SyntheticRequestGenerator(
            seeds.Bodies.Select(body => (body.Key, statutes[body.Jurisdiction])).ToList(), seed, now);
        var feed = new TimedRequestFeed(generator.Next, count, GenerationBatch);
        var factory = services.GetRequiredService<IDbConnectionFactory>();
        var importer = new BulkRequestWriter(factory, services.GetRequiredService<WorkflowContexts>()) { SqliteBatchSize = batch };

        Console.WriteLine($"{ProviderName(database)}: importing {count:N0} requests into {database.Location}...");
        var clock = Stopwatch.StartNew();
        var report = await importer.ImportAsync(feed, cancellationToken);
        clock.Stop();

        // Check that what was counted is what was stored, and that the counters caught up.
        await using (var connection = await factory.OpenAsync(cancellationToken))
        {
            var stored = await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM requests");
            var counted = await connection.ExecuteScalarAsync<long>("SELECT COALESCE(SUM(last_value), 0) FROM request_counters");
            if (stored != count || report.Imported != count || counted != count)
                throw new InvalidOperationException($"Expected {count} rows; the importer reported {report.Imported}, the table holds {stored}, the counters sum to {counted}.");
            await DatabaseSettings.DescribeAsync(connection, database.Provider, parameters, cancellationToken);
        }

        var size = await database.SizeInBytesAsync(cancellationToken);
        return new ProviderRun(report.Imported, clock.Elapsed - feed.GenerationTime, feed.GenerationTime, prepare.Elapsed, size, generator);
    }

    private static string ProviderName(ScratchDatabase database) => database.Provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres";
}

using System.Diagnostics;
using FoiTracker.Application.Seeds;
using FoiTracker.Application.Workflows;
using FoiTracker.Benchmarks.BulkLoad;
using FoiTracker.Benchmarks.Harness;
using FoiTracker.Domain.Workflows;
using FoiTracker.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Benchmarks.Statistics;

/// <summary>
/// Fills a scratch database with requests that have run through their workflow
/// (<see cref="RequestHistoryGenerator"/>), imported by <see cref="BulkRequestWriter"/> with their
/// facts: the data the statistics and pages benchmarks measure against.
/// </summary>
public static class HistoryData
{
    private const int GenerationBatch = 10_000;

    public static async Task<LoadedData> LoadAsync(
        ScratchDatabase database, string seedsDirectory, long count, int seed, int firstYear, DateOnly asOf, StatisticsQuery query,
        Dictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        await using var services = await database.StartServiceAsync(seedsDirectory, cancellationToken);
        var seeds = await services.GetRequiredService<ISeedSource>().ReadAsync(cancellationToken);
        var statutes = seeds.Jurisdictions.ToDictionary(jurisdiction => jurisdiction.Code, jurisdiction => jurisdiction.StatuteId);
        var workflows = services.GetRequiredService<WorkflowContexts>();
        var contexts = new Dictionary<string, IWorkflowContext>(StringComparer.Ordinal);
        // The histories end at noon (UTC) of the evaluation day.
        var now = new DateTimeOffset(asOf.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        var filings = new SyntheticRequestGenerator(seeds.Bodies.Select(body => (body.Key, statutes[body.Jurisdiction])).ToList(), seed, now, firstYear);
        var histories = new RequestHistoryGenerator(
            filings,
            seeds.Bodies.ToDictionary(body => body.Key, body => body.Kind),
            statute => contexts.TryGetValue(statute, out var context) ? context : contexts[statute] = workflows.For(statute, null),
            now,
            seed + 1);
        var feed = new TimedRequestFeed(histories.Next, count, GenerationBatch);

        Console.WriteLine($"importing {count:N0} requests with their histories into {database.Location}...");
        var clock = Stopwatch.StartNew();
        var report = await new BulkRequestWriter(services.GetRequiredService<IDbConnectionFactory>(), workflows).ImportAsync(feed, cancellationToken);
        clock.Stop();
        if (report.Imported != count)
            throw new InvalidOperationException($"Imported {report.Imported} requests, expected {count}.");

        var factory = services.GetRequiredService<IDbConnectionFactory>();
        await using var connection = await factory.OpenAsync(cancellationToken);
        await DatabaseSettings.DescribeAsync(connection, database.Provider, parameters, cancellationToken);
        var shape = await HistoryShape.ReadAsync(connection, query, cancellationToken);
        return new LoadedData(feed.GenerationTime.TotalSeconds, (clock.Elapsed - feed.GenerationTime).TotalSeconds, shape, count);
    }

    /// <summary>The shape of the requests in a database filled earlier (migrations and seeds are brought up to date first).</summary>
    public static async Task<HistoryShape> ReadShapeAsync(ScratchDatabase database, string seedsDirectory, StatisticsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var services = await database.StartServiceAsync(seedsDirectory, cancellationToken);
        await using var connection = await services.GetRequiredService<IDbConnectionFactory>().OpenAsync(cancellationToken);
        return await HistoryShape.ReadAsync(connection, query, cancellationToken);
    }
}

public sealed record LoadedData(double GenerateSeconds, double ImportSeconds, HistoryShape Shape, long Count)
{
    public IEnumerable<Figure> Figures(string provider) =>
    [
        new($"{provider}.generate_seconds", Math.Round(GenerateSeconds, 1), "s"),
        new($"{provider}.import_seconds", Math.Round(ImportSeconds, 1), "s"),
        new($"{provider}.import_rows_per_second", Math.Round(Count / ImportSeconds, 0), "rows/s"),
        .. Shape.Figures(provider),
    ];
}

namespace FoiTracker.Benchmarks.Harness;

/// <summary>
/// One benchmark: a name to call it by, the options it takes (besides the common --json and
/// --seeds) and a run that returns named figures. Register it in Program.cs.
/// </summary>
public interface IBenchmark
{
    string Name { get; }

    string Description { get; }

    IReadOnlyList<BenchmarkOption> Options { get; }

    Task<BenchmarkResult> RunAsync(BenchmarkOptions options, CancellationToken cancellationToken);
}

/// <summary>An option a benchmark accepts; a flag takes no value.</summary>
public sealed record BenchmarkOption(string Name, string Description, bool IsFlag = false);

/// <summary>A measured number. Names like "sqlite.rows_per_second" are printed as a table with one column per "sqlite".</summary>
public sealed record Figure(string Name, double Value, string Unit = "");

/// <param name="Figures">What was measured, in print order.</param>
/// <param name="Parameters">What the run was measured with (counts, versions, settings), stored beside the figures.</param>
/// <param name="FileTag">Appended to the default JSON file name, e.g. the providers ("sqlite-postgres").</param>
public sealed record BenchmarkResult(
    IReadOnlyList<Figure> Figures,
    IReadOnlyDictionary<string, string> Parameters,
    string? FileTag = null);

/// <summary>
/// Adapts a benchmark written as one method returning named figures, so registering it is one line:
/// <c>new DelegateBenchmark("deadlines", "…", options => DeadlinesBenchmark.RunAsync(options.SeedsDirectory))</c>.
/// </summary>
public sealed class DelegateBenchmark(
    string name,
    string description,
    Func<BenchmarkOptions, Task<IReadOnlyDictionary<string, double>>> run) : IBenchmark
{
    public string Name => name;

    public string Description => description;

    public IReadOnlyList<BenchmarkOption> Options => [];

    public async Task<BenchmarkResult> RunAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        var figures = await run(options);
        return new BenchmarkResult(
            figures.Select(pair => new Figure(pair.Key, pair.Value)).ToList(),
            new Dictionary<string, string>(StringComparer.Ordinal));
    }
}

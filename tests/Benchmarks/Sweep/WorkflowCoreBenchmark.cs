using System.Globalization;
using FoiTracker.Benchmarks.Harness;

namespace FoiTracker.Benchmarks.Sweep;

/// <summary>
/// Benchmark "workflowcore": <see cref="WorkflowCoreBaseline"/> on its own, so the baseline the timer sweep
/// will be compared with can be run and tuned before the sweep exists.
/// </summary>
public sealed class WorkflowCoreBenchmark : IBenchmark
{
    public string Name => "workflowcore";

    public string Description => "N delayed items (Delay, then one step) through WorkflowCore 3.22 in memory; start time, due-to-done time, actions/s";

    public IReadOnlyList<BenchmarkOption> Options =>
    [
        new("count", "how many delayed items (default 10,000)"),
        new("max-concurrent", $"WorkflowCore's MaxConcurrentWorkflows (default {WorkflowCoreSettings.Fastest.MaxConcurrentWorkflows})"),
        new("idle-ms", $"WorkflowCore's IdleTime in ms (default {WorkflowCoreSettings.Fastest.IdleTime.TotalMilliseconds:0})"),
        new("defaults", "run on WorkflowCore's own defaults instead (4 in flight, 100 ms idle, indexes and lifecycle events on)", IsFlag: true),
    ];

    public async Task<BenchmarkResult> RunAsync(BenchmarkOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var count = (int)options.GetInt64("count", 10_000, 1, 1_000_000);
        var settings = options.Has("defaults") ? WorkflowCoreSettings.Defaults : WorkflowCoreSettings.Fastest;
        settings = settings with
        {
            MaxConcurrentWorkflows = (int)options.GetInt64("max-concurrent", settings.MaxConcurrentWorkflows, 1, 100_000),
            IdleTime = TimeSpan.FromMilliseconds(options.GetInt64("idle-ms", (long)settings.IdleTime.TotalMilliseconds, 0, 10_000)),
        };

        Console.WriteLine($"WorkflowCore: {count:N0} delayed items; {settings}");
        var figures = await WorkflowCoreBaseline.RunAsync(count, settings, cancellationToken);
        return new BenchmarkResult(
            [
                new Figure("items", figures.Items),
                new Figure("start_seconds", figures.StartSeconds, "s"),
                new Figure("complete_seconds", figures.CompleteSeconds, "s"),
                new Figure("actions_per_second", figures.ActionsPerSecond, "1/s"),
                new Figure("park_seconds", figures.ParkSeconds, "s"),
                new Figure("lead_seconds", figures.LeadSeconds, "s"),
            ],
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["count"] = count.ToString(CultureInfo.InvariantCulture),
                ["engine"] = "WorkflowCore " + typeof(WorkflowCore.Interface.IWorkflowHost).Assembly.GetName().Version,
                ["settings"] = figures.Settings.ToString(),
                ["attempts"] = figures.Attempts.ToString(CultureInfo.InvariantCulture),
            });
    }
}

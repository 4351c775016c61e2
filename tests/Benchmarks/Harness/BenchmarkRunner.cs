using FoiTracker.Infrastructure.Configuration;

namespace FoiTracker.Benchmarks.Harness;

/// <summary>
/// <c>dotnet run -c Release --project tests/Benchmarks -- &lt;name&gt; [--json FILE] [options]</c>.
/// Exit codes: 0 done, 1 the benchmark failed, 2 the command line or the environment is not usable.
/// </summary>
public static class BenchmarkRunner
{
    public static async Task<int> RunAsync(IReadOnlyList<IBenchmark> benchmarks, string[] args)
    {
        ArgumentNullException.ThrowIfNull(benchmarks);
        ArgumentNullException.ThrowIfNull(args);
        var benchmark = args.Length == 0 ? null : benchmarks.FirstOrDefault(candidate => candidate.Name == args[0]);
        if (benchmark is null)
        {
            await Console.Error.WriteLineAsync(args.Length == 0 ? "Name a benchmark to run." : $"There is no benchmark '{args[0]}'.");
            await Console.Error.WriteLineAsync(Usage(benchmarks));
            return 2;
        }

        using var cancellation = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl+C lets the benchmark clean up (drop its database); a second one kills it.
            e.Cancel = !cancellation.IsCancellationRequested;
            cancellation.Cancel();
        };

        try
        {
            var options = BenchmarkOptions.Parse(args[1..], benchmark.Options);
            var startedAt = DateTimeOffset.UtcNow;
            var result = await benchmark.RunAsync(options, cancellation.Token);
            Console.WriteLine();
            Console.Write(ResultWriter.FormatTable(benchmark.Name, result));
            var path = options.JsonPath ?? ResultWriter.DefaultJsonPath(benchmark.Name, result.FileTag);
            await ResultWriter.WriteJsonAsync(path, benchmark.Name, result, startedAt, CancellationToken.None);
            Console.WriteLine();
            Console.WriteLine($"JSON: {Path.GetFullPath(path)}");
            return 0;
        }
        catch (Exception ex) when (ex is UsageException or ConfigurationProblemException)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            await Console.Error.WriteLineAsync();
            await Console.Error.WriteLineAsync(Usage([benchmark]));
            return 2;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Cancelled.");
            return 1;
        }
    }

    private static string Usage(IReadOnlyList<IBenchmark> benchmarks)
    {
        var lines = new List<string>
        {
            "usage: dotnet run -c Release --project tests/Benchmarks -- <name> [--json FILE] [--seeds DIR] [options]",
            "",
            "benchmarks:",
        };
        foreach (var benchmark in benchmarks)
        {
            lines.Add($"  {benchmark.Name,-12} {benchmark.Description}");
            foreach (var option in benchmark.Options)
                lines.Add($"      --{(option.IsFlag ? option.Name : option.Name + " VALUE"),-22} {option.Description}");
        }

        lines.Add("");
        lines.Add("common options:");
        foreach (var option in BenchmarkOptions.Common)
            lines.Add($"      --{option.Name + " VALUE",-22} {option.Description}");
        return string.Join(Environment.NewLine, lines);
    }
}

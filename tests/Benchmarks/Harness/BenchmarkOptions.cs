using System.Globalization;

namespace FoiTracker.Benchmarks.Harness;

/// <summary>A command line that cannot be run; the message says what to change.</summary>
public sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException()
        : base("The command line is not usable.")
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The options after the benchmark's name: <c>--name value</c> pairs and bare <c>--flag</c>s.</summary>
public sealed class BenchmarkOptions
{
    public static readonly IReadOnlyList<BenchmarkOption> Common =
    [
        new("json", "where to write the figures as JSON (default bench-results/<name>[-<providers>].json)"),
        new("seeds", "the seeds folder (default: the copy beside the binaries)"),
    ];

    private readonly Dictionary<string, string?> _values;

    private BenchmarkOptions(Dictionary<string, string?> values, string seedsDirectory)
    {
        _values = values;
        SeedsDirectory = seedsDirectory;
    }

    /// <summary>The folder holding jurisdictions.json and bodies/.</summary>
    public string SeedsDirectory { get; }

    public string? JsonPath => Get("json");

    public static BenchmarkOptions Parse(IReadOnlyList<string> arguments, IReadOnlyList<BenchmarkOption> accepted)
    {
        var known = Common.Concat(accepted).ToDictionary(option => option.Name, StringComparer.Ordinal);
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < arguments.Count; i++)
        {
            var argument = arguments[i];
            if (!argument.StartsWith("--", StringComparison.Ordinal) || argument.Length == 2)
                throw new UsageException($"'{argument}' is not an option; options look like --count 1000.");
            var name = argument[2..];
            if (!known.TryGetValue(name, out var option))
                throw new UsageException($"Unknown option --{name}.");
            if (option.IsFlag)
            {
                values[name] = null;
                continue;
            }

            if (i + 1 >= arguments.Count || arguments[i + 1].StartsWith("--", StringComparison.Ordinal))
                throw new UsageException($"--{name} needs a value.");
            values[name] = arguments[++i];
        }

        var seeds = Path.GetFullPath(values.GetValueOrDefault("seeds") ?? Path.Combine(AppContext.BaseDirectory, "seeds"));
        if (!File.Exists(Path.Combine(seeds, "jurisdictions.json")))
            throw new UsageException($"'{seeds}' holds no jurisdictions.json: pass --seeds with the repository's seeds folder.");
        return new BenchmarkOptions(values, seeds);
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string? Get(string name) => _values.GetValueOrDefault(name);

    public long GetInt64(string name, long fallback, long minimum, long maximum)
    {
        var text = Get(name);
        if (text is null)
            return fallback;
        // Accept 1_000_000 and 1,000,000 as well as 1000000.
        var cleaned = text.Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal);
        if (!long.TryParse(cleaned, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < minimum || value > maximum)
            throw new UsageException($"--{name} must be a whole number from {minimum} to {maximum}, not '{text}'.");
        return value;
    }

    public IReadOnlyList<string> GetList(string name, IReadOnlyList<string> fallback, IReadOnlyList<string> allowed)
    {
        var text = Get(name);
        if (text is null)
            return fallback;
        var items = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(item => item.ToLowerInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var wrong = items.Where(item => !allowed.Contains(item, StringComparer.Ordinal)).ToList();
        if (items.Count == 0 || wrong.Count > 0)
            throw new UsageException($"--{name} takes a comma-separated list of {string.Join(", ", allowed)}, not '{text}'.");
        return items;
    }
}

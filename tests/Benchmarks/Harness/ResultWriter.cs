using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace FoiTracker.Benchmarks.Harness;

/// <summary>Prints a result as a table and stores it as JSON.</summary>
public static class ResultWriter
{
    public static string DefaultJsonPath(string benchmark, string? fileTag) =>
        Path.Combine("bench-results", fileTag is null ? $"{benchmark}.json" : $"{benchmark}-{fileTag}.json");

    public static string FormatTable(string benchmark, BenchmarkResult result)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"== {benchmark} ==");
        foreach (var (key, value) in result.Parameters)
            text.AppendLine(CultureInfo.InvariantCulture, $"  {key}: {value}");
        text.AppendLine();

        // "group.metric" figures become one column per group; the rest are listed below.
        var grouped = result.Figures.Where(figure => figure.Name.Contains('.', StringComparison.Ordinal)).ToList();
        var single = result.Figures.Except(grouped).ToList();
        if (grouped.Count > 0)
        {
            var groups = grouped.Select(figure => Split(figure.Name).Group).Distinct(StringComparer.Ordinal).ToList();
            var metrics = grouped.Select(figure => (Split(figure.Name).Metric, figure.Unit)).Distinct().ToList();
            List<string[]> rows = [["", .. groups]];
            foreach (var (metric, unit) in metrics)
            {
                var label = unit.Length == 0 ? metric : $"{metric} ({unit})";
                rows.Add([label, .. groups.Select(group =>
                    grouped.FirstOrDefault(figure => figure.Name == $"{group}.{metric}") is { } found ? Format(found.Value) : "-")]);
            }

            AppendAligned(text, rows);
        }

        if (single.Count > 0)
        {
            if (grouped.Count > 0)
                text.AppendLine();
            AppendAligned(text, single.Select(figure => new[] { figure.Unit.Length == 0 ? figure.Name : $"{figure.Name} ({figure.Unit})", Format(figure.Value) }).ToList());
        }

        return text.ToString();
    }

    public static async Task WriteJsonAsync(string path, string benchmark, BenchmarkResult result, DateTimeOffset startedAt, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
            Directory.CreateDirectory(directory);
        await using var stream = File.Create(path);
        await using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("benchmark", benchmark);
        json.WriteString("startedAt", startedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        json.WriteStartObject("machine");
        json.WriteNumber("processorCount", Environment.ProcessorCount);
        json.WriteString("os", RuntimeInformation.OSDescription);
        json.WriteString("runtime", RuntimeInformation.FrameworkDescription);
        json.WriteEndObject();
        json.WriteStartObject("parameters");
        foreach (var (key, value) in result.Parameters)
            json.WriteString(key, value);
        json.WriteEndObject();
        json.WriteStartObject("figures");
        foreach (var figure in result.Figures)
            json.WriteNumber(figure.Name, figure.Value);
        json.WriteEndObject();
        json.WriteStartObject("units");
        foreach (var figure in result.Figures.Where(figure => figure.Unit.Length > 0))
            json.WriteString(figure.Name, figure.Unit);
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    private static (string Group, string Metric) Split(string name)
    {
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        return (name[..dot], name[(dot + 1)..]);
    }

    private static string Format(double value) => value switch
    {
        _ when double.IsNaN(value) || double.IsInfinity(value) => value.ToString(CultureInfo.InvariantCulture),
        _ when value == Math.Floor(value) && Math.Abs(value) < 1e15 => value.ToString("N0", CultureInfo.InvariantCulture),
        _ when Math.Abs(value) >= 100 => value.ToString("N1", CultureInfo.InvariantCulture),
        _ => value.ToString("0.###", CultureInfo.InvariantCulture),
    };

    private static void AppendAligned(StringBuilder text, List<string[]> rows)
    {
        var columns = rows.Max(row => row.Length);
        var widths = Enumerable.Range(0, columns).Select(column => rows.Max(row => column < row.Length ? row[column].Length : 0)).ToArray();
        foreach (var row in rows)
        {
            var line = new StringBuilder("  ");
            for (var column = 0; column < row.Length; column++)
            {
                // The label column is left-aligned, the numbers right-aligned.
                line.Append(column == 0 ? row[column].PadRight(widths[column]) : "  " + row[column].PadLeft(widths[column]));
            }

            text.AppendLine(line.ToString().TrimEnd());
        }
    }
}

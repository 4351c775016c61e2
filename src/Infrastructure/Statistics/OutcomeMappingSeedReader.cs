using System.Text.Json;
using FoiTracker.Domain.Statistics;
using FoiTracker.Infrastructure.Statutes;

namespace FoiTracker.Infrastructure.Statistics;

/// <summary>
/// Reads an outcome mapping (<c>statistics/idfi.json</c>): its categories in the publisher's order and
/// the outcomes each one counts. An outcome in no category is not counted; one in two is refused.
/// </summary>
public static class OutcomeMappingSeedReader
{
    public const string IdfiFile = "statistics/idfi.json";

    public static OutcomeMapping Load(string seedsDirectory, string file = IdfiFile)
    {
        var path = Path.Combine(seedsDirectory, file);
        if (!File.Exists(path))
            throw new SeedFileException(file, "(root)", "(none)", "the file is missing");
        using var document = Parse(path, file);
        var root = SeedObject.Root(document.RootElement, file);
        root.AllowOnly("key", "version", "name", "source", "note", "categories");
        var key = root.RequiredString("key");
        var version = root.RequiredInt("version", 1, int.MaxValue);
        root.Name("name", requireKa: true);
        var categories = new List<string>();
        var map = Enum.GetValues<StatisticsOutcome>().ToDictionary(outcome => outcome, _ => (string?)null);
        foreach (var category in root.OptionalArray("categories", (index, _) => $"categories[{index}]"))
        {
            category.AllowOnly("key", "outcomes");
            var name = category.RequiredString("key");
            if (categories.Contains(name, StringComparer.Ordinal))
                throw category.Fail("key", $"the category '{name}' appears twice");
            categories.Add(name);
            foreach (var outcomeName in category.RequiredStrings("outcomes"))
            {
                if (!StatisticsOutcomeNames.TryParse(outcomeName, out var outcome))
                    throw category.Fail("outcomes", $"'{outcomeName}' is not an outcome; one of: {string.Join(", ", StatisticsOutcomeNames.All)}");
                if (map[outcome] is { } taken)
                    throw category.Fail("outcomes", $"'{outcomeName}' is already counted as '{taken}'");
                map[outcome] = name;
            }
        }

        if (categories.Count == 0)
            throw root.Fail("categories", "at least one category is required");
        return new OutcomeMapping(key, version, categories, map);
    }

    private static JsonDocument Parse(string path, string file)
    {
        try
        {
            return JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new SeedFileException(file, "(root)", "(none)", $"not valid JSON at line {ex.LineNumber + 1}: {ex.Message}", ex);
        }
    }
}

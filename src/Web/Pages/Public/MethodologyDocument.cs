using System.Reflection;
using FoiTracker.Web.Pages.Support;
using Markdig;

namespace FoiTracker.Web.Pages.Public;

/// <summary>
/// The statistics methodology (docs/statistics.md, built into the service) as HTML in one language.
/// The document holds both languages, each under its own second-level heading ("## English",
/// "## ქართული"); a page shows one of them, its third-level headings raised to the page's second level.
/// Rendered once per language: the document cannot change while the service runs.
/// </summary>
public static class MethodologyDocument
{
    private const string ResourceName = "FoiTracker.Docs.statistics.md";

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().DisableHtml().Build();

    private static readonly Lazy<IReadOnlyDictionary<string, string>> Sections = new(() => Split(Read()));

    /// <summary>The section in "ka" or "en" as HTML.</summary>
    public static string Html(string language) => Sections.Value[language == SiteCulture.Georgian ? "ქართული" : "English"];

    internal static IReadOnlyDictionary<string, string> Split(string markdown)
    {
        var sections = new Dictionary<string, string>(StringComparer.Ordinal);
        string? heading = null;
        var lines = new List<string>();
        foreach (var line in markdown.ReplaceLineEndings("\n").Split('\n'))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                Close();
                heading = line[3..].Trim();
                continue;
            }

            // A rule between the sections belongs to neither.
            if (heading is not null && line.Trim() != "---")
                lines.Add(line.StartsWith("### ", StringComparison.Ordinal) ? line[1..] : line);
        }

        Close();
        return sections;

        void Close()
        {
            if (heading is not null)
                sections[heading] = Markdown.ToHtml(string.Join('\n', lines), Pipeline);
            lines.Clear();
        }
    }

    private static string Read()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The methodology ({ResourceName}) is not built into the service.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

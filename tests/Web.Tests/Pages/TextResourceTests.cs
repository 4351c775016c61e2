using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using FoiTracker.Tests.Support;
using FoiTracker.Web.Resources;

namespace FoiTracker.Web.Tests.Pages;

/// <summary>The site's texts: both languages have every key, no text is empty, and every key a page names exists.</summary>
public sealed partial class TextResourceTests
{
    private static readonly ResourceManager Resources = new(typeof(SharedResource).FullName!, typeof(SharedResource).Assembly);

    [Fact]
    public void GeorgianAndEnglish_HaveTheSameKeys_AndNoEmptyText()
    {
        var georgian = Texts("ka");
        var english = Texts("en");

        georgian.Should().NotBeEmpty();
        georgian.Keys.Should().BeEquivalentTo(english.Keys, "every text must be in both SharedResource.ka.resx and SharedResource.en.resx");
        georgian.Should().AllSatisfy(text => text.Value.Should().NotBeNullOrWhiteSpace("'{0}' needs a Georgian text", text.Key));
        english.Should().AllSatisfy(text => text.Value.Should().NotBeNullOrWhiteSpace("'{0}' needs an English text", text.Key));
    }

    [Fact]
    public void GeorgianTexts_AreWrittenInGeorgian()
    {
        // A key copied into the Georgian file with its English text still in it shows up here.
        var untranslated = Texts("ka")
            .Where(text => !MkhedruliLetter().IsMatch(text.Value))
            .Select(text => text.Key)
            .Except(["Site.Name", "Nav.Api", "Layout.OtherLanguage"]);

        untranslated.Should().BeEmpty();
    }

    [Fact]
    public void EveryKeyAPageNames_IsInTheTexts()
    {
        var keys = Texts("en").Keys.ToHashSet(StringComparer.Ordinal);
        var pages = Path.Combine(Path.GetDirectoryName(TestSeeds.RepositorySeeds)!, "src", "Web", "Pages");

        var named = Directory.EnumerateFiles(pages, "*.*", SearchOption.AllDirectories)
            .Where(file => file.EndsWith(".cshtml", StringComparison.Ordinal) || file.EndsWith(".cs", StringComparison.Ordinal))
            .SelectMany(file => NamedKey().Matches(File.ReadAllText(file)).Select(match => (File: Path.GetFileName(file), Key: match.Groups["key"].Value)))
            .ToList();

        named.Should().NotBeEmpty();
        named.Where(use => !keys.Contains(use.Key)).Should().BeEmpty("each Text[\"…\"] a page uses needs its key in both resx files");
    }

    private static Dictionary<string, string> Texts(string language)
    {
        var set = Resources.GetResourceSet(CultureInfo.GetCultureInfo(language), createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No SharedResource.{language}.resx was built into the site.");
        return set.Cast<DictionaryEntry>().ToDictionary(entry => (string)entry.Key, entry => entry.Value as string ?? string.Empty, StringComparer.Ordinal);
    }

    // Text["Key"] and Text["Key", argument]: a literal key in a page or its model.
    [GeneratedRegex("""Text\["(?<key>[^"]+)"[\],]""")]
    private static partial Regex NamedKey();

    [GeneratedRegex(@"[\u10D0-\u10FF]")]
    private static partial Regex MkhedruliLetter();
}

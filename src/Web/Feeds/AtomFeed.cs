using System.Xml.Linq;

namespace FoiTracker.Web.Feeds;

/// <summary>One entry of an Atom feed: a permanent id, a title, when it happened, a link and plain text.</summary>
public sealed record AtomEntry(string Id, string Title, DateTimeOffset Updated, string Link, string? Text);

/// <summary>
/// An Atom feed (RFC 4287) written with XML to LINQ: few enough elements that a library would add
/// more than it saves. A feed with no entries is still valid: its updated time is then the time given.
/// </summary>
public static class AtomFeed
{
    public const string ContentType = "application/atom+xml; charset=utf-8";

    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";

    public static string Write(string id, string title, string language, string selfLink, string pageLink, DateTimeOffset empty, IReadOnlyList<AtomEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var updated = entries.Count == 0 ? empty : entries.Max(entry => entry.Updated);
        var feed = new XElement(
            Atom + "feed",
            new XAttribute(XNamespace.Xml + "lang", language),
            new XElement(Atom + "id", id),
            new XElement(Atom + "title", title),
            new XElement(Atom + "updated", Instant(updated)),
            new XElement(Atom + "author", new XElement(Atom + "name", "FoiTracker")),
            new XElement(Atom + "link", new XAttribute("rel", "self"), new XAttribute("type", "application/atom+xml"), new XAttribute("href", selfLink)),
            new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", pageLink)),
            entries.Select(entry => new XElement(
                Atom + "entry",
                new XElement(Atom + "id", entry.Id),
                new XElement(Atom + "title", entry.Title),
                new XElement(Atom + "updated", Instant(entry.Updated)),
                new XElement(Atom + "link", new XAttribute("rel", "alternate"), new XAttribute("type", "text/html"), new XAttribute("href", entry.Link)),
                string.IsNullOrEmpty(entry.Text) ? null : new XElement(Atom + "content", new XAttribute("type", "text"), entry.Text))));
        return new XDocument(new XDeclaration("1.0", "utf-8", null), feed).Declaration + "\n" + feed.ToString(SaveOptions.DisableFormatting);
    }

    private static string Instant(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}

using System.Globalization;
using FoiTracker.Application.Bodies;
using FoiTracker.Application.Letters;
using FoiTracker.Application.Statutes;

namespace FoiTracker.Application.Statistics.Snapshots;

/// <summary>Turns a stored snapshot into what callers read, with its "cite as" line in Georgian and English.</summary>
public sealed class SnapshotCitation(IStatuteCatalog catalog, StatisticsPublisher publisher)
{
    public const string Path = "/api/statistics/snapshots/";

    /// <summary>Hex digits of the SHA-256 a citation quotes: 64 bits, enough to tell any two snapshots apart by eye.</summary>
    public const int HashPrefixLength = 16;

    public SnapshotDto ToDto(StoredSnapshot stored, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var url = baseUrl.TrimEnd('/') + Path + stored.Id;
        return new SnapshotDto(
            stored.Id, url, url + "/content", stored.Period, stored.PeriodFrom, stored.PeriodUntil.AddDays(-1), stored.AsOf,
            stored.StatuteId, stored.StatuteVersion, stored.CalendarId, stored.CalendarVersion, stored.MethodologyVersion,
            stored.PublishedByName, stored.PublishedAt, stored.ContentSha256, stored.Replaces, stored.ReplacedBy, CiteAs(stored, url));
    }

    private LocalizedDto CiteAs(StoredSnapshot stored, string url)
    {
        // The statute as published, in its pinned version where the catalog still has it.
        var statute = catalog.TryGetStatute(stored.StatuteId, stored.StatuteVersion, out var pinned) || catalog.TryGetStatute(stored.StatuteId, out pinned)
            ? pinned
            : null;
        var published = statute?.LegalDateOf(stored.PublishedAt) ?? DateOnly.FromDateTime(stored.PublishedAt.UtcDateTime);
        var hash = stored.ContentSha256[..HashPrefixLength];
        var nameEn = statute?.Name.En ?? stored.StatuteId;
        var nameKa = statute?.Name.In("ka") ?? stored.StatuteId;
        var en = string.Create(
            CultureInfo.InvariantCulture,
            $"{publisher.En}. \"Freedom of information statistics: {nameEn}, period {stored.Period}, as of {stored.AsOf:d MMMM yyyy}\". Snapshot {stored.Id}, published {published:d MMMM yyyy}. {url} (SHA-256 {hash}…).");
        var ka = string.Create(
            CultureInfo.InvariantCulture,
            $"{publisher.Ka}. „საჯარო ინფორმაციის სტატისტიკა: {nameKa}, პერიოდი {stored.Period}, {GeorgianDates.Format(stored.AsOf, DateCase.Genitive)} მდგომარეობით“. ჩანაწერი {stored.Id}, გამოქვეყნდა {GeorgianDates.Format(published, DateCase.Dative)}. {url} (SHA-256 {hash}…).");
        return new LocalizedDto(ka, en);
    }
}

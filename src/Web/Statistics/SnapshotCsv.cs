using System.Globalization;
using System.Text.Json;
using FoiTracker.Application.Statistics;
using FoiTracker.Application.Statistics.Snapshots;

namespace FoiTracker.Web.Statistics;

/// <summary>Snapshots as CSV tables: the list of snapshots, and one snapshot's statistics read back for its per-body rows.</summary>
public static class SnapshotCsv
{
    public static readonly string[] ListHeader =
    [
        "id", "period", "period_from", "period_to", "as_of", "statute", "statute_version", "calendar", "calendar_version",
        "methodology_version", "published_by", "published_at", "sha256", "replaces", "replaced_by", "url", "cite_as_ka", "cite_as_en",
    ];

    public static IReadOnlyList<string?> ListRow(SnapshotDto snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return
        [
            snapshot.Id, snapshot.Period, Date(snapshot.PeriodFrom), Date(snapshot.PeriodTo), Date(snapshot.AsOf), snapshot.Statute,
            Int(snapshot.StatuteVersion), snapshot.Calendar, Int(snapshot.CalendarVersion), snapshot.MethodologyVersion, snapshot.PublishedBy,
            snapshot.PublishedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture), snapshot.Sha256, snapshot.Replaces,
            snapshot.ReplacedBy, snapshot.Url, snapshot.CiteAs.Ka, snapshot.CiteAs.En,
        ];
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The published statistics of a snapshot, read back from its stored JSON.</summary>
    public static BodiesStatistics Statistics(SnapshotDetailsDto details)
    {
        ArgumentNullException.ThrowIfNull(details);
        return details.Content.Deserialize<BodiesStatistics>(Json)
            ?? throw new InvalidOperationException($"Snapshot {details.Snapshot.Id} holds no statistics.");
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}

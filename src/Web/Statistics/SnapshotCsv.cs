using System.Globalization;
using System.Text.Json;
using FoiTracker.Application.Statistics.Snapshots;

namespace FoiTracker.Web.Statistics;

/// <summary>Snapshots as CSV tables: the list of snapshots, and one snapshot's per-body rows.</summary>
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

    /// <summary>
    /// One row per item of the content's <c>bodies</c> array, each led by the snapshot's id and SHA-256
    /// so a row copied elsewhere still says where it came from. Nested objects become dotted columns
    /// ("onTime.lower"); the columns are every key in the order first seen, whatever the content's version.
    /// </summary>
    public static (IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string?>> Rows) Bodies(SnapshotDetailsDto details)
    {
        ArgumentNullException.ThrowIfNull(details);
        var items = details.Content.ValueKind == JsonValueKind.Object && details.Content.TryGetProperty("bodies", out var bodies) && bodies.ValueKind == JsonValueKind.Array
            ? bodies.EnumerateArray().Select(Flatten).ToList()
            : [];
        var columns = items.SelectMany(item => item.Keys).Distinct(StringComparer.Ordinal).ToList();
        var header = new List<string> { "snapshot", "sha256" };
        header.AddRange(columns);
        var rows = items
            .Select(item => (IReadOnlyList<string?>)[details.Snapshot.Id, details.Snapshot.Sha256, .. columns.Select(column => item.GetValueOrDefault(column))])
            .ToList();
        return (header, rows);
    }

    private static Dictionary<string, string?> Flatten(JsonElement element)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        void Walk(JsonElement value, string prefix)
        {
            if (value.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in value.EnumerateObject())
                    Walk(property.Value, prefix.Length == 0 ? property.Name : $"{prefix}.{property.Name}");
                return;
            }

            values[prefix.Length == 0 ? "value" : prefix] = value.ValueKind switch
            {
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                JsonValueKind.String => value.GetString(),
                _ => value.GetRawText(),
            };
        }

        Walk(element, "");
        return values;
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}

using System.Text.Json;
using FoiTracker.Application.Statistics.GetBodiesStatistics;

namespace FoiTracker.Application.Statistics.Snapshots;

/// <summary>
/// What a snapshot publishes: every body's statistics for the scope (the same figures
/// <c>GET /api/statistics/bodies</c> gives), for the bodies that were sent requests under the scope's
/// statute in its period. Written as compact JSON in UTF-8 with a fixed property order, so the same
/// stored facts give the same bytes and the SHA-256 a citation quotes can be checked later.
/// </summary>
public sealed class SnapshotContentWriter(BodiesStatisticsReader reader)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = false };

    /// <summary>The version of the definitions the content follows (docs/statistics.md); stored with each snapshot.</summary>
    public static string MethodologyVersion => StatisticsMethodology.Version;

    public async Task<byte[]> ForAsync(StatisticsScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var statistics = await reader.ReadAsync(scope.Window, kind: null, municipality: null, scope.Statute.Id.Value, cancellationToken);
        var content = new Content(
            MethodologyVersion,
            scope.Statute.Id.Value,
            scope.Statute.Version,
            statistics.Basis,
            statistics.Bodies.Where(body => body.Figures.Sent > 0).ToList());
        return JsonSerializer.SerializeToUtf8Bytes(content, Json);
    }

    private sealed record Content(
        string MethodologyVersion, string Statute, int StatuteVersion, StatisticsBasis Basis, IReadOnlyList<BodyStatistics> Bodies);
}

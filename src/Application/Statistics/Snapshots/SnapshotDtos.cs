using FoiTracker.Application.Bodies;

namespace FoiTracker.Application.Statistics.Snapshots;

/// <summary>A published snapshot: what it covers, who published it, how to cite it and check it.</summary>
/// <param name="Url">Its permanent address.</param>
/// <param name="ContentUrl">The exact bytes whose SHA-256 is <paramref name="Sha256"/>.</param>
/// <param name="PeriodTo">The period's last day.</param>
public sealed record SnapshotDto(
    string Id, string Url, string ContentUrl, string Period, DateOnly PeriodFrom, DateOnly PeriodTo, DateOnly AsOf,
    string Statute, int StatuteVersion, string Calendar, int CalendarVersion, string MethodologyVersion,
    string PublishedBy, DateTimeOffset PublishedAt, string Sha256, string? Replaces, string? ReplacedBy, LocalizedDto CiteAs);

/// <summary>A snapshot with its statistics, as the JSON it was published with.</summary>
public sealed record SnapshotDetailsDto(SnapshotDto Snapshot, System.Text.Json.JsonElement Content);

/// <summary>The published bytes of a snapshot and their SHA-256 in hex.</summary>
public sealed record SnapshotContent(string Id, byte[] Bytes, string Sha256);

/// <summary>Who publishes the statistics, as a citation names them (<c>Statistics:Publisher:Ka</c> / <c>:En</c>).</summary>
public sealed record StatisticsPublisher(string Ka, string En)
{
    public static readonly StatisticsPublisher Default = new("FoiTracker", "FoiTracker");
}

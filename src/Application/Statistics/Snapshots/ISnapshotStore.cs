namespace FoiTracker.Application.Statistics.Snapshots;

/// <summary>A published snapshot as stored: every field fixed when it was published.</summary>
public sealed record StoredSnapshot(
    string Id, string Period, DateOnly PeriodFrom, DateOnly PeriodUntil, DateOnly AsOf, string StatuteId, int StatuteVersion,
    string CalendarId, int CalendarVersion, string MethodologyVersion, Guid PublishedBy, string PublishedByName,
    DateTimeOffset PublishedAt, string ContentSha256, string? Replaces, string? ReplacedBy);

/// <summary>
/// Snapshots are written once and never changed (the database refuses updates and deletes). What
/// replaced a snapshot is read from its correction's <c>replaces</c>, so nothing is written back.
/// </summary>
public interface ISnapshotStore
{
    /// <summary>Stores a new snapshot; throws a ConflictException when its id or its <c>replaces</c> is already taken.</summary>
    Task AddAsync(StoredSnapshot snapshot, byte[] content, CancellationToken cancellationToken);

    Task<StoredSnapshot?> GetAsync(string id, CancellationToken cancellationToken);

    Task<byte[]?> GetContentAsync(string id, CancellationToken cancellationToken);

    /// <summary>Every snapshot, newest first.</summary>
    Task<IReadOnlyList<StoredSnapshot>> ListAsync(CancellationToken cancellationToken);

    /// <summary>The ids that start with <paramref name="prefix"/>, to number the next one.</summary>
    Task<IReadOnlyList<string>> IdsStartingWithAsync(string prefix, CancellationToken cancellationToken);
}

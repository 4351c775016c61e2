using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Statistics.Snapshots;

namespace FoiTracker.Infrastructure.Persistence.Repositories;

/// <summary>Published snapshots: inserted once, then only read (the tables' triggers refuse changes).</summary>
public sealed class SnapshotRepository(DbSession session) : SqlRepository(session), ISnapshotStore
{
    private const string Columns =
        $"""
        s.id AS {nameof(Row.Id)}, s.period AS {nameof(Row.Period)}, s.period_from AS {nameof(Row.PeriodFrom)}, s.period_until AS {nameof(Row.PeriodUntil)},
        s.as_of AS {nameof(Row.AsOf)}, s.statute_id AS {nameof(Row.StatuteId)}, s.statute_version AS {nameof(Row.StatuteVersion)},
        s.calendar_id AS {nameof(Row.CalendarId)}, s.calendar_version AS {nameof(Row.CalendarVersion)}, s.methodology_version AS {nameof(Row.MethodologyVersion)},
        s.published_by AS {nameof(Row.PublishedBy)}, s.published_by_name AS {nameof(Row.PublishedByName)}, s.published_at AS {nameof(Row.PublishedAt)},
        s.content_sha256 AS {nameof(Row.ContentSha256)}, s.replaces AS {nameof(Row.Replaces)},
        (SELECT c.id FROM statistics_snapshots c WHERE c.replaces = s.id) AS {nameof(Row.ReplacedBy)}
        """;

    public async Task AddAsync(StoredSnapshot snapshot, byte[] content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        try
        {
            await ExecuteAsync(
                """
                INSERT INTO statistics_snapshots (id, period, period_from, period_until, as_of, statute_id, statute_version, calendar_id, calendar_version,
                    methodology_version, published_by, published_by_name, published_at, content, content_sha256, replaces)
                VALUES (@Id, @Period, @PeriodFrom, @PeriodUntil, @AsOf, @StatuteId, @StatuteVersion, @CalendarId, @CalendarVersion,
                    @MethodologyVersion, @PublishedBy, @PublishedByName, @PublishedAt, @Content, @ContentSha256, @Replaces)
                """,
                new
                {
                    snapshot.Id, snapshot.Period, snapshot.PeriodFrom, snapshot.PeriodUntil, snapshot.AsOf, snapshot.StatuteId, snapshot.StatuteVersion,
                    snapshot.CalendarId, snapshot.CalendarVersion, snapshot.MethodologyVersion, snapshot.PublishedBy, snapshot.PublishedByName,
                    snapshot.PublishedAt, Content = content, snapshot.ContentSha256, snapshot.Replaces,
                },
                cancellationToken);
        }
        catch (Exception ex) when (Constraints.IsUniqueViolation(ex))
        {
            throw new ConflictException(
                snapshot.Replaces is null
                    ? $"Another snapshot was published as '{snapshot.Id}' at the same moment; publish again to get the next id."
                    : $"Snapshot '{snapshot.Replaces}' was replaced by another correction at the same moment; read it and correct that one if needed.",
                ex);
        }
    }

    public async Task<StoredSnapshot?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} FROM statistics_snapshots s WHERE s.id = @Id", new { Id = id }, cancellationToken))?.ToStored();

    public Task<byte[]?> GetContentAsync(string id, CancellationToken cancellationToken) =>
        QuerySingleOrDefaultAsync<byte[]>("SELECT content FROM statistics_snapshots WHERE id = @Id", new { Id = id }, cancellationToken);

    public async Task<IReadOnlyList<StoredSnapshot>> ListAsync(CancellationToken cancellationToken) =>
        (await QueryAsync<Row>($"SELECT {Columns} FROM statistics_snapshots s ORDER BY s.published_at DESC, s.id DESC", null, cancellationToken))
            .Select(row => row.ToStored())
            .ToList();

    public Task<IReadOnlyList<string>> IdsStartingWithAsync(string prefix, CancellationToken cancellationToken) =>
        // substr, not LIKE: a statute id may hold '_' or '%', which LIKE would read as wildcards.
        QueryAsync<string>("SELECT id FROM statistics_snapshots WHERE substr(id, 1, @Length) = @Prefix", new { Prefix = prefix, prefix.Length }, cancellationToken);

    private sealed class Row
    {
        public string Id { get; init; } = "";
        public string Period { get; init; } = "";
        public DateOnly PeriodFrom { get; init; }
        public DateOnly PeriodUntil { get; init; }
        public DateOnly AsOf { get; init; }
        public string StatuteId { get; init; } = "";
        public int StatuteVersion { get; init; }
        public string CalendarId { get; init; } = "";
        public int CalendarVersion { get; init; }
        public string MethodologyVersion { get; init; } = "";
        public Guid PublishedBy { get; init; }
        public string PublishedByName { get; init; } = "";
        public DateTimeOffset PublishedAt { get; init; }
        public string ContentSha256 { get; init; } = "";
        public string? Replaces { get; init; }
        public string? ReplacedBy { get; init; }

        public StoredSnapshot ToStored() => new(
            Id, Period, PeriodFrom, PeriodUntil, AsOf, StatuteId, StatuteVersion, CalendarId, CalendarVersion, MethodologyVersion,
            PublishedBy, PublishedByName, PublishedAt, ContentSha256, Replaces, ReplacedBy);
    }
}

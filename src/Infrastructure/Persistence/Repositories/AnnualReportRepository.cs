using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Statistics.AnnualReports;

namespace FoiTracker.Infrastructure.Persistence.Repositories;

/// <summary>Revisions of GAC Art 49 annual reports: appended, never changed (the table's triggers refuse changes).</summary>
public sealed class AnnualReportRepository(DbSession session) : SqlRepository(session), IAnnualReportStore
{
    public async Task AddAsync(AnnualReportRevision revision, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(revision);
        var figures = revision.Figures;
        try
        {
            await ExecuteAsync(
                """
                INSERT INTO annual_reports (body_key, year, revision, requests_received, granted, partly_granted, refused, forwarded, appeals, costs_tetri,
                    published_on, source, note, recorded_by, recorded_by_name, recorded_at)
                VALUES (@BodyKey, @Year, @Revision, @RequestsReceived, @Granted, @PartlyGranted, @Refused, @Forwarded, @Appeals, @CostsTetri,
                    @PublishedOn, @Source, @Note, @RecordedBy, @RecordedByName, @RecordedAt)
                """,
                new
                {
                    revision.BodyKey, revision.Year, revision.Revision, figures.RequestsReceived, figures.Granted, figures.PartlyGranted, figures.Refused,
                    figures.Forwarded, figures.Appeals, figures.CostsTetri, revision.PublishedOn, revision.Source, revision.Note, revision.RecordedBy,
                    revision.RecordedByName, revision.RecordedAt,
                },
                cancellationToken);
        }
        catch (Exception ex) when (Constraints.IsUniqueViolation(ex))
        {
            throw new ConflictException(
                $"Someone recorded {revision.BodyKey}'s report for {revision.Year} at the same moment; read it and record yours again if it still differs.", ex);
        }
    }

    public async Task<IReadOnlyList<AnnualReportRevision>> ListAsync(string bodyKey, CancellationToken cancellationToken) =>
        (await QueryAsync<Row>(
            $"""
            SELECT body_key AS {nameof(Row.BodyKey)}, year AS {nameof(Row.Year)}, revision AS {nameof(Row.Revision)},
                requests_received AS {nameof(Row.RequestsReceived)}, granted AS {nameof(Row.Granted)}, partly_granted AS {nameof(Row.PartlyGranted)},
                refused AS {nameof(Row.Refused)}, forwarded AS {nameof(Row.Forwarded)}, appeals AS {nameof(Row.Appeals)}, costs_tetri AS {nameof(Row.CostsTetri)},
                published_on AS {nameof(Row.PublishedOn)}, source AS {nameof(Row.Source)}, note AS {nameof(Row.Note)}, recorded_by AS {nameof(Row.RecordedBy)},
                recorded_by_name AS {nameof(Row.RecordedByName)}, recorded_at AS {nameof(Row.RecordedAt)}
            FROM annual_reports WHERE body_key = @BodyKey ORDER BY year, revision
            """,
            new { BodyKey = bodyKey },
            cancellationToken))
        .Select(row => row.ToRevision())
        .ToList();

    private sealed class Row
    {
        public string BodyKey { get; init; } = "";
        public int Year { get; init; }
        public int Revision { get; init; }
        public int? RequestsReceived { get; init; }
        public int? Granted { get; init; }
        public int? PartlyGranted { get; init; }
        public int? Refused { get; init; }
        public int? Forwarded { get; init; }
        public int? Appeals { get; init; }
        public long? CostsTetri { get; init; }
        public DateOnly? PublishedOn { get; init; }
        public string Source { get; init; } = "";
        public string? Note { get; init; }
        public Guid RecordedBy { get; init; }
        public string RecordedByName { get; init; } = "";
        public DateTimeOffset RecordedAt { get; init; }

        public AnnualReportRevision ToRevision() => new(
            BodyKey, Year, Revision, new AnnualReportFigures(RequestsReceived, Granted, PartlyGranted, Refused, Forwarded, Appeals, CostsTetri),
            PublishedOn, Source, Note, RecordedBy, RecordedByName, RecordedAt);
    }
}

namespace FoiTracker.Application.Statistics.AnnualReports;

/// <summary>Revisions of annual reports: added, never changed (the database refuses updates and deletes).</summary>
public interface IAnnualReportStore
{
    /// <summary>Adds a revision; throws a ConflictException when that revision number was just taken by someone else.</summary>
    Task AddAsync(AnnualReportRevision revision, CancellationToken cancellationToken);

    /// <summary>Every revision for the body, by year, then revision.</summary>
    Task<IReadOnlyList<AnnualReportRevision>> ListAsync(string bodyKey, CancellationToken cancellationToken);
}

/// <summary>Groups a body's revisions into reports, the latest revision current.</summary>
public static class AnnualReports
{
    /// <summary>The first year a report can cover: GAC Chapter III (public information) dates from 1999.</summary>
    public const int FirstYear = 1999;

    /// <summary>GAC Art 49: the report is due every year on 10 December.</summary>
    public static DateOnly DueOn(int year) => new(year, 12, 10);

    public static IReadOnlyList<AnnualReportDto> Group(IEnumerable<AnnualReportRevision> revisions) =>
        revisions
            .GroupBy(revision => (revision.BodyKey, revision.Year))
            .OrderBy(group => group.Key.Year)
            .Select(group =>
            {
                var history = group.OrderBy(revision => revision.Revision).Select(AnnualReportRevisionDto.From).ToList();
                var current = history[^1];
                var due = DueOn(group.Key.Year);
                return new AnnualReportDto(group.Key.BodyKey, group.Key.Year, due, current.PublishedOn is { } on ? on <= due : null, current, history);
            })
            .ToList();
}

namespace FoiTracker.Application.Statistics.AnnualReports;

/// <summary>
/// The figures of a GAC Art 49 annual report as the body published them; null where the report
/// does not give the figure (which is not zero). Art 49 asks for the numbers of requests and of
/// refusals, what was granted, the appeals against refusals and the costs.
/// </summary>
public sealed record AnnualReportFigures(
    int? RequestsReceived, int? Granted, int? PartlyGranted, int? Refused, int? Forwarded, int? Appeals, long? CostsTetri);

/// <summary>One recorded revision of a body's report for a year; a correction is the next revision.</summary>
/// <param name="PublishedOn">When the body published the report, if known.</param>
/// <param name="Source">Where the figures come from: a URL or a document reference.</param>
public sealed record AnnualReportRevision(
    string BodyKey, int Year, int Revision, AnnualReportFigures Figures, DateOnly? PublishedOn, string Source, string? Note,
    Guid RecordedBy, string RecordedByName, DateTimeOffset RecordedAt);

/// <summary>A body's report for a year: the current figures, the statutory due date, and every revision recorded.</summary>
/// <param name="DueOn">10 December of the year (GAC Art 49).</param>
/// <param name="PublishedOnTime">Whether the report came out by <paramref name="DueOn"/>; null when its date is not known.</param>
public sealed record AnnualReportDto(
    string BodyKey, int Year, DateOnly DueOn, bool? PublishedOnTime, AnnualReportRevisionDto Current, IReadOnlyList<AnnualReportRevisionDto> History);

public sealed record AnnualReportRevisionDto(
    int Revision, AnnualReportFigures Figures, DateOnly? PublishedOn, string Source, string? Note, string RecordedBy, DateTimeOffset RecordedAt)
{
    public static AnnualReportRevisionDto From(AnnualReportRevision revision) =>
        new(revision.Revision, revision.Figures, revision.PublishedOn, revision.Source, revision.Note, revision.RecordedByName, revision.RecordedAt);
}

/// <summary>One measure of the comparison: the body's own figure beside the service's count.</summary>
/// <param name="Measure">A stable key (requests_received, granted, ...).</param>
public sealed record ComparisonRow(string Measure, string LabelKa, string LabelEn, long? Reported, long Own);

/// <summary>A body's annual report for a year beside what the service's records show for the same year.</summary>
/// <param name="Reported">The current revision, or null when no report was recorded.</param>
public sealed record AnnualReportComparisonDto(
    string BodyKey, int Year, DateOnly AsOf, string MethodologyVersion, AnnualReportDto? Reported, OwnYearCounts Own,
    IReadOnlyList<ComparisonRow> Rows);

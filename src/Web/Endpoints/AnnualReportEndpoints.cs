using System.Globalization;
using System.Security.Claims;
using FoiTracker.Application.Statistics.AnnualReports;
using FoiTracker.Application.Statistics.AnnualReports.ReadAnnualReports;
using FoiTracker.Application.Statistics.AnnualReports.RecordAnnualReport;
using FoiTracker.Web.Infrastructure;
using Mediator;

namespace FoiTracker.Web.Endpoints;

/// <summary>GAC Art 49 annual reports: the figures bodies published, and how they compare with the service's own records.</summary>
public static class AnnualReportEndpoints
{
    public sealed record AnnualReportBody(
        int? RequestsReceived, int? Granted, int? PartlyGranted, int? Refused, int? Forwarded, int? Appeals, long? CostsTetri,
        DateOnly? PublishedOn, string? Source, string? Note);

    private static readonly string[] ReportHeader =
    [
        "body", "year", "revision", "current", "requests_received", "granted", "partly_granted", "refused", "forwarded", "appeals", "costs_tetri",
        "due_on", "published_on", "source", "note", "recorded_by", "recorded_at",
    ];

    private static readonly string[] ComparisonHeader = ["body", "year", "as_of", "measure", "label_ka", "label_en", "reported", "own", "methodology_version"];

    public static IEndpointRouteBuilder MapAnnualReports(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/statistics/bodies/{key}/annual-reports").WithTags("Statistics");

        group.MapGet("/", async (string key, IMediator mediator, CancellationToken cancellationToken, string? format) =>
                {
                    var csv = CsvExport.Wanted(format);
                    var reports = await mediator.Send(new ListAnnualReportsQuery(key), cancellationToken);
                    return csv ? CsvExport.File($"{key}-annual-reports.csv", ReportHeader, reports.SelectMany(ReportRows)) : TypedResults.Ok(reports);
                })
            .WithName("ListAnnualReports")
            .WithSummary("The annual reports (GAC Art 49, due 10 December) recorded for a body, each with every revision (format=json|csv).")
            .Produces<IReadOnlyList<AnnualReportDto>>()
            .Produces(StatusCodes.Status200OK, contentType: CsvExport.ContentType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPut("/{year:int}", async (string key, int year, AnnualReportBody body, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(
                    new RecordAnnualReportCommand(
                        key, year,
                        new AnnualReportFigures(body.RequestsReceived, body.Granted, body.PartlyGranted, body.Refused, body.Forwarded, body.Appeals, body.CostsTetri),
                        body.PublishedOn, body.Source, body.Note, CurrentActor.Require(user)),
                    cancellationToken)))
            .WithName("RecordAnnualReport")
            .WithSummary("Record the figures of a body's annual report for a year, with their source; a change becomes a new revision and the old one stays (staff).")
            .Produces<AnnualReportDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(Policies.Staff);

        group.MapGet("/{year:int}/comparison", async (string key, int year, IMediator mediator, CancellationToken cancellationToken, string? asOf, string? format) =>
                {
                    var csv = CsvExport.Wanted(format);
                    var comparison = await mediator.Send(new CompareAnnualReportQuery(key, year, asOf), cancellationToken);
                    return csv
                        ? CsvExport.File($"{key}-{year.ToString(CultureInfo.InvariantCulture)}-comparison.csv", ComparisonHeader, comparison.Rows.Select(row => ComparisonRow(comparison, row)))
                        : TypedResults.Ok(comparison);
                })
            .WithName("CompareAnnualReport")
            .WithSummary("A body's reported figures for a year beside what the service's records show for requests sent that year, as of a date (format=json|csv).")
            .Produces<AnnualReportComparisonDto>()
            .Produces(StatusCodes.Status200OK, contentType: CsvExport.ContentType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    private static IEnumerable<IReadOnlyList<string?>> ReportRows(AnnualReportDto report) =>
        report.History.Select(revision => (IReadOnlyList<string?>)
        [
            report.BodyKey, N(report.Year), N(revision.Revision), revision.Revision == report.Current.Revision ? "yes" : "no",
            N(revision.Figures.RequestsReceived), N(revision.Figures.Granted), N(revision.Figures.PartlyGranted), N(revision.Figures.Refused),
            N(revision.Figures.Forwarded), N(revision.Figures.Appeals), N(revision.Figures.CostsTetri), D(report.DueOn), D(revision.PublishedOn),
            revision.Source, revision.Note, revision.RecordedBy, revision.RecordedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ]);

    private static IReadOnlyList<string?> ComparisonRow(AnnualReportComparisonDto comparison, ComparisonRow row) =>
        [comparison.BodyKey, N(comparison.Year), D(comparison.AsOf), row.Measure, row.LabelKa, row.LabelEn, N(row.Reported), N(row.Own), comparison.MethodologyVersion];

    private static string? N(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? D(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

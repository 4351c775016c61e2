using FluentValidation;
using FluentValidation.Results;
using FoiTracker.Application.Statistics;
using FoiTracker.Application.Statistics.ExportRequests;
using FoiTracker.Application.Statistics.GetBodiesStatistics;
using FoiTracker.Application.Statistics.GetBodyStatistics;
using FoiTracker.Application.Statistics.GetGroupStatistics;
using FoiTracker.Web.Statistics;
using Mediator;

namespace FoiTracker.Web.Endpoints;

/// <summary>
/// Public statistics (no sign-in): per body, per group, and the request-level open data. Each answer
/// is JSON, or CSV with <c>?format=csv</c> or <c>Accept: text/csv</c>, and carries the methodology
/// version and link, the period, the day evaluated at and the statute and calendar versions.
/// </summary>
public static class StatisticsEndpoints
{
    public static IEndpointRouteBuilder MapStatistics(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/statistics").WithTags("Statistics");

        group.MapGet("/bodies", async (string? period, string? asOf, string? kind, string? municipality, string? format, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var csv = WantsCsv(http, format);
                var result = await mediator.Send(new GetBodiesStatisticsQuery(period, asOf, kind, municipality), cancellationToken);
                return csv
                    ? Csv($"statistics-bodies-{result.Basis.Period}.csv", stream => StatisticsCsv.WriteBodiesAsync(stream, result.Basis, result.Bodies, cancellationToken))
                    : Results.Ok(result);
            })
            .WithName("GetBodiesStatistics")
            .CacheOutput(StatisticsCache.Policy)
            .WithSummary("Every body's statistics for requests sent in a period (2026, 2026-Q1, 2026-03 or 2026-01-01..2026-06-30), as of a day; JSON or CSV.")
            .Produces<BodiesStatistics>()
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem();

        group.MapGet("/bodies/{key}", async (string key, string? period, string? asOf, string? format, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var csv = WantsCsv(http, format);
                var result = await mediator.Send(new GetBodyStatisticsQuery(key, period, asOf), cancellationToken);
                return csv
                    ? Csv($"statistics-{result.Body.Key}-{result.Basis.Period}.csv", stream => StatisticsCsv.WriteBodiesAsync(stream, result.Basis, [result.Body], cancellationToken))
                    : Results.Ok(result);
            })
            .WithName("GetBodyStatistics")
            .CacheOutput(StatisticsCache.Policy)
            .WithSummary("One body's statistics for requests sent in a period, as of a day; JSON or CSV.")
            .Produces<BodyStatisticsReport>()
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/groups", async (string? by, string? period, string? asOf, string? format, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var csv = WantsCsv(http, format);
                var result = await mediator.Send(new GetGroupStatisticsQuery(by, period, asOf), cancellationToken);
                return csv
                    ? Csv($"statistics-by-{result.By}-{result.Basis.Period}.csv", stream => StatisticsCsv.WriteGroupsAsync(stream, result, cancellationToken))
                    : Results.Ok(result);
            })
            .WithName("GetGroupStatistics")
            .CacheOutput(StatisticsCache.Policy)
            .WithSummary("Statistics per kind of body, per municipality or per statute (by=kind|municipality|statute); JSON or CSV.")
            .Produces<GroupedStatistics>()
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem();

        group.MapGet("/requests.csv", async (string? period, string? body, HttpContext http, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var export = await mediator.Send(new ExportRequestsQuery(period, body), cancellationToken);
                var name = body is null ? $"requests-{export.Basis.Period}.csv" : $"requests-{body}-{export.Basis.Period}.csv";
                return Csv(name, stream => StatisticsCsv.WriteRequestsAsync(stream, export.Lines, cancellationToken));
            })
            .WithName("ExportRequests")
            .WithSummary("Open data: one line per request sent in a period (number, body, dates, outcome as of today, working days, escalation), without personal data; streamed CSV.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }

    /// <summary>CSV when asked by <c>format=csv</c> or by an Accept header that names text/csv; <c>format</c> must otherwise be json or absent.</summary>
    private static bool WantsCsv(HttpContext http, string? format) => format switch
    {
        "csv" => true,
        "json" => false,
        null => http.Request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase)),
        _ => throw new ValidationException([new ValidationFailure("format", $"'format' must be 'json' or 'csv'; '{format}' is not.")]),
    };

    /// <summary>A CSV file written straight to the response as it is produced (a range period's ".." becomes "_" in the file name).</summary>
    internal static IResult Csv(string fileName, Func<Stream, Task> write) =>
        Results.Stream(write, StatisticsCsv.ContentType, fileName.Replace("..", "_", StringComparison.Ordinal));
}

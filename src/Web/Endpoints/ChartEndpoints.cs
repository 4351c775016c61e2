using System.Xml.Linq;
using FluentValidation;
using FluentValidation.Results;
using FoiTracker.Application.Statistics.Charts;
using FoiTracker.Web.Statistics;
using Mediator;

namespace FoiTracker.Web.Endpoints;

/// <summary>
/// Server-rendered charts (ADR 022): by default an HTML fragment with the SVG and its data table;
/// format=svg gives the SVG alone. They take the statistics' period, asOf and statute parameters.
/// </summary>
public static class ChartEndpoints
{
    private const string Summary = " period: 2026, 2026-Q2, 2026-03 or 2026-01-01..2026-06-30 (default this year); asOf: yyyy-MM-dd (default today); statute (default ge-gac); lang: en|ka; format: html|svg.";

    public static IEndpointRouteBuilder MapCharts(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/statistics/charts").WithTags("Statistics").CacheOutput(StatisticsCache.Policy);

        group.MapGet("/on-time", async (IMediator mediator, CancellationToken cancellationToken, string? period, string? asOf, string? statute, string? lang, string? format) =>
                {
                    var svg = WantsSvg(format);
                    var model = await mediator.Send(new GetOnTimeChartQuery(period, asOf, statute, lang), cancellationToken);
                    return svg ? Svg(SvgCharts.Bars(model, "on-time")) : Html(ChartFigure.Of(model, "on-time"));
                })
            .WithName("OnTimeChart")
            .WithSummary("On-time rate per body with 95 % Wilson interval whiskers (bodies with at least 5 due requests)." + Summary)
            .ProducesChart();

        group.MapGet("/monthly-trend", async (
                    IMediator mediator, CancellationToken cancellationToken, string? period, string? asOf, string? statute, string? lang, string? body, string? format) =>
                {
                    var svg = WantsSvg(format);
                    var model = await mediator.Send(new GetMonthlyTrendChartQuery(period, asOf, statute, lang, body), cancellationToken);
                    return svg ? Svg(SvgCharts.Line(model, "monthly-trend")) : Html(ChartFigure.Of(model, "monthly-trend"));
                })
            .WithName("MonthlyTrendChart")
            .WithSummary("On-time rate by the month requests were sent, for every body or one (body=key)." + Summary)
            .ProducesChart();

        group.MapGet("/time-to-answer", async (
                    IMediator mediator, CancellationToken cancellationToken, string? period, string? asOf, string? statute, string? lang, string? body, string? format) =>
                {
                    var svg = WantsSvg(format);
                    var model = await mediator.Send(new GetTimeToAnswerChartQuery(period, asOf, statute, lang, body), cancellationToken);
                    return svg ? Svg(SvgCharts.Line(model, "time-to-answer")) : Html(ChartFigure.Of(model, "time-to-answer"));
                })
            .WithName("TimeToAnswerChart")
            .WithSummary("Share still unanswered after each working day (Kaplan–Meier step curve, open and withdrawn requests censored), for every body or one (body=key)." + Summary)
            .ProducesChart();

        return app;
    }

    /// <summary>What every chart answers: its HTML figure or SVG, or a problem with the parameters or the body.</summary>
    private static RouteHandlerBuilder ProducesChart(this RouteHandlerBuilder route) => route
        .Produces(StatusCodes.Status200OK, contentType: "text/html")
        .Produces(StatusCodes.Status200OK, contentType: "image/svg+xml")
        .ProducesValidationProblem()
        .ProducesProblem(StatusCodes.Status404NotFound);

    private static bool WantsSvg(string? format) => format?.Trim().ToLowerInvariant() switch
    {
        null or "" or "html" => false,
        "svg" => true,
        _ => throw new ValidationException([new ValidationFailure("format", $"'format' must be 'html' or 'svg'; '{format}' is not.")]),
    };

    private static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult Html(XElement figure) =>
        TypedResults.Text(figure.ToString(SaveOptions.DisableFormatting), "text/html; charset=utf-8");

    private static Microsoft.AspNetCore.Http.HttpResults.ContentHttpResult Svg(XElement svg) =>
        TypedResults.Text(new XDocument(new XDeclaration("1.0", "utf-8", null), svg).Declaration + svg.ToString(SaveOptions.DisableFormatting), "image/svg+xml; charset=utf-8");
}

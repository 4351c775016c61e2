using FoiTracker.Application.Bodies;
using FoiTracker.Application.Bodies.GetBody;
using System.Xml.Linq;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Common.Models;
using FoiTracker.Application.Requests.Publication;
using FoiTracker.Application.Requests.Publication.ListPublicRequests;
using FoiTracker.Application.Statistics;
using FoiTracker.Application.Statistics.Charts;
using FoiTracker.Application.Statistics.GetBodyStatistics;
using FoiTracker.Web.Pages.Support;
using FoiTracker.Web.Statistics;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiTracker.Web.Pages.Public.Bodies;

/// <summary>
/// One public body: how to reach it, where a complaint about it goes (GET /api/bodies/{key} as a page),
/// this year's statistics with their charts (the same figures as the chart endpoints), and its sent
/// requests, newest first, a page at a time.
/// </summary>
public sealed class BodyModel(IMediator mediator, PageStatistics statistics) : PageModel
{
    public BodyDto Body { get; private set; } = null!;

    public BodyDto? Parent { get; private set; }

    public BodyDto? ComplaintsTo { get; private set; }

    public BodyDto? Court { get; private set; }

    public BodyStatisticsReport Statistics { get; private set; } = null!;

    public XElement TrendChart { get; private set; } = null!;

    public XElement TimeToAnswerChart { get; private set; } = null!;

    public PagedResult<PublicRequestSummaryDto> Requests { get; private set; } = null!;

    /// <summary>Bound from <c>?page=</c> (the page of the request list); <c>page</c> is Razor Pages' own route value, hence FromQuery.</summary>
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public async Task<IActionResult> OnGetAsync(string key, CancellationToken cancellationToken)
    {
        try
        {
            Body = await mediator.Send(new GetBodyQuery(key), cancellationToken);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }

        Parent = await FindAsync(Body.Parent, cancellationToken);
        ComplaintsTo = await FindAsync(Body.ComplaintsTo, cancellationToken);
        Court = await FindAsync(Body.Court, cancellationToken);
        Statistics = await statistics.SendAsync(new GetBodyStatisticsQuery(Body.Key), cancellationToken);
        var language = SiteCulture.Current;
        TrendChart = ChartFigure.Of(await statistics.SendAsync(new GetMonthlyTrendChartQuery(null, null, null, language, Body.Key), cancellationToken), "monthly-trend");
        TimeToAnswerChart = ChartFigure.Of(await statistics.SendAsync(new GetTimeToAnswerChartQuery(null, null, null, language, Body.Key), cancellationToken), "time-to-answer");
        Requests = await mediator.Send(new ListPublicRequestsQuery(Body.Key, Math.Max(1, PageNumber)), cancellationToken);
        return Page();
    }

    // A body the seeds name but that is missing is shown as no link rather than failing the page.
    private async Task<BodyDto?> FindAsync(string? key, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(key) ? null : await FoiTracker.Web.Pages.Public.Requests.PublicRequests.BodyAsync(mediator, key, cancellationToken);
}

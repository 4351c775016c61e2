using System.Xml.Linq;
using FluentValidation;
using FoiTracker.Application.Statistics;
using FoiTracker.Application.Statistics.Charts;
using FoiTracker.Application.Statistics.GetBodiesStatistics;
using FoiTracker.Domain.Bodies;
using FoiTracker.Web.Pages.Support;
using FoiTracker.Web.Resources;
using FoiTracker.Web.Statistics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace FoiTracker.Web.Pages.Public.Statistics;

/// <summary>
/// Every body's statistics, ranked as GET /api/statistics/bodies ranks them, filtered by period, kind
/// and municipality (a GET form, so a view can be linked to), 50 bodies a page, with the on-time chart.
/// </summary>
public sealed class StatisticsModel(PageStatistics statistics, IStringLocalizer<SharedResource> text) : FormPage(text)
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "period")]
    public string? Period { get; set; }

    [BindProperty(SupportsGet = true, Name = "kind")]
    public string? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = "municipality")]
    public string? Municipality { get; set; }

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public static IReadOnlyList<string> Kinds { get; } = [.. BodyKindNames.All.Order(StringComparer.Ordinal)];

    public BodiesStatistics? Result { get; private set; }

    public IReadOnlyList<BodyStatistics> Shown { get; private set; } = [];

    public XElement? OnTimeChart { get; private set; }

    public string? PreviousPage => Result is not null && PageNumber > 1 ? Link(PageNumber - 1) : null;

    public string? NextPage => Result is { } result && (long)PageNumber * PageSize < result.Bodies.Count ? Link(PageNumber + 1) : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Period = Blank(Period);
        Kind = Blank(Kind);
        Municipality = Blank(Municipality);
        PageNumber = Math.Max(1, PageNumber);
        try
        {
            Result = await statistics.SendAsync(new GetBodiesStatisticsQuery(Period, null, Kind, Municipality), cancellationToken);
            OnTimeChart = ChartFigure.Of(await statistics.SendAsync(new GetOnTimeChartQuery(Period, null, null, SiteCulture.Current), cancellationToken), "on-time");
        }
        catch (ValidationException ex)
        {
            // The Application's messages name API parameters; a person reads what to write in the field.
            foreach (var field in ex.Errors.Select(error => error.PropertyName).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var (name, key) = field.ToLowerInvariant() switch
                {
                    "kind" => ("kind", "Public.Stats.KindInvalid"),
                    "municipality" => ("municipality", "Public.Stats.MunicipalityInvalid"),
                    _ => ("period", "Public.Stats.PeriodInvalid"),
                };
                ShowError(name, Text[key]);
            }

            return FormAgain();
        }

        Shown = [.. Result.Bodies.Skip((PageNumber - 1) * PageSize).Take(PageSize)];
        return Page();
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private string Link(int page)
    {
        var query = new Dictionary<string, string?> { ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (Period is not null)
            query["period"] = Period;
        if (Kind is not null)
            query["kind"] = Kind;
        if (Municipality is not null)
            query["municipality"] = Municipality;
        return QueryHelpers.AddQueryString(Url.SitePage(SitePages.Statistics)!, query);
    }
}

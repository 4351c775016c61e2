using FluentValidation;
using FoiTracker.Application.Bodies;
using FoiTracker.Application.Bodies.SearchBodies;
using FoiTracker.Application.Common.Models;
using FoiTracker.Web.Pages.Support;
using FoiTracker.Web.Resources;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;

namespace FoiTracker.Web.Pages.Public.Bodies;

/// <summary>Finds public bodies as GET /api/bodies does, with the same query; the search is a GET, so a result can be linked to.</summary>
public sealed class FindBodyModel(IMediator mediator, IStringLocalizer<SharedResource> text) : FormPage(text)
{
    public const int PageSize = 20;

    /// <summary>The search text; bound from the query string (not Input: a GET form's fields are the page's address).</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    /// <summary>Bound from <c>?page=</c>; the name <c>page</c> is Razor Pages' own route value, hence FromQuery.</summary>
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public PagedResult<BodyDto>? Results { get; private set; }

    public string? PreviousPage => Results is not null && PageNumber > 1 ? Link(PageNumber - 1) : null;

    public string? NextPage => Results is { } results && (long)PageNumber * PageSize < results.Total ? Link(PageNumber + 1) : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            Results = await mediator.Send(new SearchBodiesQuery(Q, PageNumber, PageSize), cancellationToken);
            return Page();
        }
        catch (ValidationException ex)
        {
            foreach (var failure in ex.Errors)
                ShowError(failure.PropertyName == nameof(SearchBodiesQuery.Q) ? "q" : string.Empty, Text[failure.ErrorMessage]);
            return FormAgain();
        }
    }

    private string Link(int page)
    {
        var query = new Dictionary<string, string?> { ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture) };
        if (!string.IsNullOrEmpty(Q))
            query["q"] = Q;
        return QueryHelpers.AddQueryString(Url.SitePage(SitePages.FindBody)!, query);
    }
}

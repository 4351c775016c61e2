using FoiTracker.Application.Common.Models;
using FoiTracker.Application.Requests.Citizen;
using FoiTracker.Web.Infrastructure;
using FoiTracker.Web.Pages.Support;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiTracker.Web.Pages.Citizen.Requests;

/// <summary>The signed-in person's requests, newest first, with the stage and the next deadline; paged.</summary>
public sealed class IndexModel(IMediator mediator) : PageModel
{
    public const int PageSize = 50;

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public PagedResult<MyRequestDto> Requests { get; private set; } = null!;

    public string? PreviousPage => PageNumber > 1 ? Link(PageNumber - 1) : null;

    public string? NextPage => (long)PageNumber * PageSize < Requests.Total ? Link(PageNumber + 1) : null;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (PageNumber is < 1 or > Paging.MaxPage)
            return NotFound();
        Requests = await mediator.Send(new ListMyRequestsQuery(CurrentActor.Require(User), PageNumber, PageSize), cancellationToken);
        return Page();
    }

    private string Link(int page) => $"{Url.SitePage(SitePages.MyRequests)}?page={page}";
}

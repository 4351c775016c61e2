using FoiTracker.Application.Statistics.Snapshots;
using FoiTracker.Application.Statistics.Snapshots.ReadSnapshots;
using FoiTracker.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiTracker.Web.Pages.Public.Snapshots;

/// <summary>Every published statistics snapshot, newest first, 50 a page (GET /api/statistics/snapshots as a page).</summary>
public sealed class SnapshotsModel(IMediator mediator) : PageModel
{
    public const int PageSize = 50;

    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<SnapshotDto> Shown { get; private set; } = [];

    public bool HasNext { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = Math.Max(1, PageNumber);
        var all = await mediator.Send(new ListSnapshotsQuery(PublicAddress.Of(HttpContext)), cancellationToken);
        Shown = [.. all.Skip((PageNumber - 1) * PageSize).Take(PageSize)];
        HasNext = (long)PageNumber * PageSize < all.Count;
    }
}

using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Statistics.Snapshots;
using FoiTracker.Application.Statistics.Snapshots.ReadSnapshots;
using FoiTracker.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiTracker.Web.Pages.Public.Snapshots;

/// <summary>One snapshot: what it covers, how to cite it in either language, its SHA-256 and what it replaces or was replaced by.</summary>
public sealed class SnapshotModel(IMediator mediator) : PageModel
{
    public SnapshotDto Snapshot { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            Snapshot = (await mediator.Send(new GetSnapshotQuery(id, PublicAddress.Of(HttpContext)), cancellationToken)).Snapshot;
            return Page();
        }
        catch (Exception ex) when (ex is NotFoundException or FluentValidation.ValidationException)
        {
            return NotFound();
        }
    }
}

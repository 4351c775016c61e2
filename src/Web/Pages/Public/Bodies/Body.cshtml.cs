using FoiTracker.Application.Bodies;
using FoiTracker.Application.Bodies.GetBody;
using FoiTracker.Application.Common.Exceptions;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiTracker.Web.Pages.Public.Bodies;

/// <summary>One public body: how to reach it, and where a complaint about it goes (GET /api/bodies/{key} as a page).</summary>
public sealed class BodyModel(IMediator mediator) : PageModel
{
    public BodyDto Body { get; private set; } = null!;

    public BodyDto? Parent { get; private set; }

    public BodyDto? ComplaintsTo { get; private set; }

    public BodyDto? Court { get; private set; }

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
        return Page();
    }

    // A body the seeds name but that is missing is shown as no link rather than failing the page.
    private async Task<BodyDto?> FindAsync(string? key, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(key))
            return null;
        try
        {
            return await mediator.Send(new GetBodyQuery(key), cancellationToken);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }
}

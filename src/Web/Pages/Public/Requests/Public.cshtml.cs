using FluentValidation;
using FoiTracker.Application.Bodies;
using FoiTracker.Application.Bodies.GetBody;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Requests.Publication;
using FoiTracker.Application.Requests.Publication.GetPublicRequest;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace FoiTracker.Web.Pages.Public.Requests;

/// <summary>A sent request as anyone may read it: its letter, deadlines and published correspondence, with its feeds.</summary>
public sealed class PublicRequestModel(IMediator mediator) : PageModel
{
    public PublicRequestDto Record { get; private set; } = null!;

    public BodyDto? Body { get; private set; }

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken cancellationToken)
    {
        if (await PublicRequests.ReadAsync(mediator, number, cancellationToken) is not { } request)
            return NotFound();
        Record = request;
        Body = await PublicRequests.BodyAsync(mediator, request.BodyKey, cancellationToken);
        return Page();
    }
}

/// <summary>Reading a public request for its page and its feeds alike.</summary>
public static class PublicRequests
{
    /// <summary>The request, or null when there is none to show (unknown, not sent, or a malformed number in the address).</summary>
    public static async Task<PublicRequestDto?> ReadAsync(IMediator mediator, string number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mediator);
        try
        {
            return await mediator.Send(new GetPublicRequestQuery(number), cancellationToken);
        }
        catch (Exception ex) when (ex is NotFoundException or ValidationException)
        {
            return null;
        }
    }

    /// <summary>A body by key; null when the seeds no longer have it (the page then names the key).</summary>
    public static async Task<BodyDto?> BodyAsync(IMediator mediator, string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mediator);
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

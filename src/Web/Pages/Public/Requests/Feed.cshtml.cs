using FoiTracker.Web.Feeds;
using FoiTracker.Web.Infrastructure;
using FoiTracker.Web.Pages.Support;
using FoiTracker.Web.Resources;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace FoiTracker.Web.Pages.Public.Requests;

/// <summary>An Atom feed of a request's public timeline: each entry as the public page shows it.</summary>
public sealed class RequestFeedModel(IMediator mediator, IStringLocalizer<SharedResource> text) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string number, CancellationToken cancellationToken)
    {
        if (await PublicRequests.ReadAsync(mediator, number, cancellationToken) is not { } request)
            return NotFound();
        var site = PublicAddress.Of(HttpContext);
        var page = site + Url.SitePage(SitePages.PublicRequest, new { number = request.Number });
        var entries = request.Timeline
            .OrderByDescending(entry => entry.Seq)
            .Select(entry => new AtomEntry(
                $"{page}#entry-{entry.Seq}",
                $"{text.TimelineKind(entry.Kind)} · {request.Number}",
                entry.At,
                $"{page}#entry-{entry.Seq}",
                FeedText.Of(text, entry)))
            .ToList();
        var feed = AtomFeed.Write(
            page, $"{request.Number}: {request.Subject}", SiteCulture.Current, site + HttpContext.Request.Path, page, request.SubmittedAt ?? default, entries);
        return Content(feed, AtomFeed.ContentType);
    }
}

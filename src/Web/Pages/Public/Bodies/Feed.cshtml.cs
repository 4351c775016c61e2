using FoiTracker.Application.Requests.Publication.GetBodyActivity;
using FoiTracker.Web.Feeds;
using FoiTracker.Web.Infrastructure;
using FoiTracker.Web.Pages.Public.Requests;
using FoiTracker.Web.Pages.Support;
using FoiTracker.Web.Resources;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace FoiTracker.Web.Pages.Public.Bodies;

/// <summary>An Atom feed of what happens on a body's public requests: their newest public entries.</summary>
public sealed class BodyFeedModel(IMediator mediator, IStringLocalizer<SharedResource> text, TimeProvider clock) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string key, CancellationToken cancellationToken)
    {
        if (await PublicRequests.BodyAsync(mediator, key, cancellationToken) is not { } body)
            return NotFound();
        var activity = await mediator.Send(new GetBodyActivityQuery(body.Key), cancellationToken);
        var site = PublicAddress.Of(HttpContext);
        var page = site + Url.SitePage(SitePages.Body, new { key = body.Key });
        var entries = activity.Select(item =>
        {
            var link = $"{site}{Url.SitePage(SitePages.PublicRequest, new { number = item.Number })}#entry-{item.Entry.Seq}";
            return new AtomEntry(link, $"{text.TimelineKind(item.Entry.Kind)} · {item.Number}: {item.Subject}", item.Entry.At, link, FeedText.Of(text, item.Entry));
        }).ToList();
        var feed = AtomFeed.Write(page, body.Name.InCurrentLanguage(), SiteCulture.Current, site + HttpContext.Request.Path, page, clock.GetUtcNow(), entries);
        return Content(feed, AtomFeed.ContentType);
    }
}

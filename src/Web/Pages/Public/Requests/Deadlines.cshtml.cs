using FoiTracker.Web.Feeds;
using FoiTracker.Web.Infrastructure;
using FoiTracker.Web.Pages.Support;
using FoiTracker.Web.Resources;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace FoiTracker.Web.Pages.Public.Requests;

/// <summary>A request's deadlines as an iCalendar file: each an all-day event on its due day, with its citation.</summary>
public sealed class RequestDeadlinesModel(IMediator mediator, IStringLocalizer<SharedResource> text) : PageModel
{
    public async Task<IActionResult> OnGetAsync(string number, CancellationToken cancellationToken)
    {
        if (await PublicRequests.ReadAsync(mediator, number, cancellationToken) is not { } request)
            return NotFound();
        var page = PublicAddress.Of(HttpContext) + Url.SitePage(SitePages.PublicRequest, new { number = request.Number });
        var host = HttpContext.Request.Host.Host;
        var deadlines = request.Deadlines.Select(deadline =>
        {
            var name = deadline.Explanation?.InCurrentLanguage() ?? deadline.Key;
            return new CalendarDeadline(
                // The same deadline keeps its id when it moves (a recount), so a calendar updates the event rather than adding one.
                $"{request.Number}-{deadline.Key}@{host}",
                deadline.Due,
                $"{request.Number}: {name}",
                text["Public.Calendar.Description", name, deadline.Citation ?? "—", request.Subject],
                page);
        });
        var file = DeadlineCalendar.Write(text["Public.Calendar.Name", request.Number], deadlines);
        return File(System.Text.Encoding.UTF8.GetBytes(file), DeadlineCalendar.ContentType, $"{request.Number}-deadlines.ics");
    }
}

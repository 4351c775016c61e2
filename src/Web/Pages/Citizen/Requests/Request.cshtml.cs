using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Letters.GenerateLetter;
using FoiTracker.Application.Letters.GetLetter;
using FoiTracker.Application.Requests.Citizen;
using FoiTracker.Web.Infrastructure;
using FoiTracker.Web.Limits;
using FoiTracker.Web.Pages.Support;
using FoiTracker.Web.Resources;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace FoiTracker.Web.Pages.Citizen.Requests;

/// <summary>
/// A request's page for a signed-in person: stage, deadlines, timeline, following. The requester
/// and staff also get its letters, its mail, the answers recorded by hand and what to do next; the
/// files download from here, each checked by the Application for who may have it.
/// </summary>
[EnableRateLimiting(LimitServices.LettersPolicy)]
public sealed class RequestModel(IMediator mediator, IStringLocalizer<SharedResource> text) : FormPage(text)
{
    public RequestPageDto Case { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken cancellationToken) =>
        await LoadAsync(number, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnGetLetterAsync(string number, Guid letter, CancellationToken cancellationToken) =>
        await FileAsync(number, async id =>
        {
            var content = await mediator.Send(new GetLetterQuery(id, letter, CurrentActor.Require(User)), cancellationToken);
            return File(content.Bytes, "application/pdf", $"{content.Kind}-{number}.{content.Language}.pdf");
        }, cancellationToken);

    public async Task<IActionResult> OnGetAttachmentAsync(string number, Guid attachment, CancellationToken cancellationToken) =>
        await FileAsync(number, async id =>
        {
            var content = await mediator.Send(new GetRequestAttachmentQuery(id, attachment, CurrentActor.Require(User)), cancellationToken);
            return File(content.Bytes!, content.SniffedType, content.FileName ?? attachment.ToString());
        }, cancellationToken);

    public async Task<IActionResult> OnGetAnswerFileAsync(string number, Guid answer, CancellationToken cancellationToken) =>
        await FileAsync(number, async id =>
        {
            var content = await mediator.Send(new GetAnswerFileQuery(id, answer, CurrentActor.Require(User)), cancellationToken);
            return File(content.Bytes, content.ContentType, content.FileName);
        }, cancellationToken);

    public async Task<IActionResult> OnPostFollowAsync(string number, bool follow, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(number, cancellationToken))
            return NotFound();
        await mediator.Send(new FollowRequestCommand(Case.Id, follow, CurrentActor.Require(User)), cancellationToken);
        Notice = follow ? Text["Citizen.Follow.Done"] : Text["Citizen.Follow.Stopped"];
        return BackHere(number);
    }

    /// <summary>Makes the next step's letter now; the page offers it only while its window is open.</summary>
    public async Task<IActionResult> OnPostLetterAsync(string number, string kind, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(number, cancellationToken))
            return NotFound();
        if (Case.NextStep?.RungLetter != kind)
        {
            ShowError(string.Empty, Text["Citizen.NextStep.Closed"]);
            return FormAgain();
        }

        await mediator.Send(new GenerateLetterCommand(Case.Id, kind, SiteCulture.Current, CurrentActor.Require(User)), cancellationToken);
        Notice = Text["Citizen.NextStep.LetterMade"];
        return BackHere(number);
    }

    private LocalRedirectResult BackHere(string number) => LocalRedirect(Url.SitePage(SitePages.Request, new { number })!);

    private async Task<bool> LoadAsync(string number, CancellationToken cancellationToken)
    {
        try
        {
            Case = await mediator.Send(new GetRequestPageQuery(number, CurrentActor.Require(User)), cancellationToken);
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }

    // A file of a request that is not there, or not the viewer's, answers as the error page does.
    private async Task<IActionResult> FileAsync(string number, Func<Guid, Task<IActionResult>> file, CancellationToken cancellationToken)
    {
        try
        {
            var id = await mediator.Send(new GetRequestPageQuery(number, CurrentActor.Require(User)), cancellationToken);
            return await file(id.Id);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }
}

using System.Security.Claims;
using FluentValidation;
using FluentValidation.Results;
using FoiTracker.Application.Bodies;
using FoiTracker.Application.Bodies.GetBody;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Requests.Citizen;
using FoiTracker.Application.Requests.FileRequest;
using FoiTracker.Web.Infrastructure;
using FoiTracker.Web.Pages.Support;
using FoiTracker.Web.Resources;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace FoiTracker.Web.Pages.Citizen.Requests;

/// <summary>
/// Files a request to a body chosen on its page or by a search. The requester comes from the
/// account (editable); a request already sent on paper is recorded with the day it was sent.
/// Before the form, the body's sent requests with words of the subject, so nobody asks again
/// what was answered already.
/// </summary>
public sealed class NewModel(IMediator mediator, IStringLocalizer<SharedResource> text) : FormPage<NewModel.FileInput>(text)
{
    // The validator and the letter check name the requester's fields by their JSON path.
    private static readonly Dictionary<string, string> FieldOf = new(StringComparer.Ordinal)
    {
        ["requester.name"] = nameof(FileInput.RequesterName),
        ["requester.email"] = nameof(FileInput.RequesterEmail),
        ["requester"] = nameof(FileInput.RequesterEmail),
        ["subject"] = nameof(FileInput.Subject),
        ["text"] = nameof(FileInput.Text),
        ["SubmittedAt"] = nameof(FileInput.SentOnPaper),
    };

    [BindProperty(SupportsGet = true, Name = "body")]
    public string? BodyKey { get; set; }

    [BindProperty(SupportsGet = true, Name = "subject")]
    public string? SubjectQuery { get; set; }

    public BodyDto? Body { get; private set; }

    public IReadOnlyList<SimilarRequestDto> Similar { get; private set; } = [];

    /// <summary>How many of the body's latest requests the similar ones are looked for in.</summary>
    public int SimilarSearched => FindSimilarRequestsQuery.SearchedLatest;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Input.Subject = SubjectQuery;
        Input.RequesterName = User.FindFirstValue(ClaimTypes.Name);
        Input.RequesterEmail = User.FindFirstValue(ClaimTypes.Email);
        await LoadBodyAsync(BodyKey, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadBodyAsync(Input.BodyKey, cancellationToken);
        if (Body is null)
        {
            ShowError(string.Empty, Text["Citizen.New.ChooseBody"]);
            return FormAgain();
        }

        return await SubmitAsync(
            async () =>
            {
                try
                {
                    var filed = await mediator.Send(
                        new FileRequestCommand(Body.Key, Input.Subject, Input.Text, Input.RequesterName, Input.RequesterEmail, null,
                            SentOn(Input.SentOnPaper), Draft: false, CurrentActor.Require(User),
                            VerifyLinkBase: PublicAddress.Of(HttpContext) + Url.SitePage(SitePages.VerifyEmail), Language: SiteCulture.Current),
                        cancellationToken);
                    Notice = Text["Citizen.New.Filed", filed.Number];
                    return LocalRedirect(Url.SitePage(SitePages.Request, new { number = filed.Number })!);
                }
                catch (ValidationException ex)
                {
                    throw new ValidationException(ex.Errors.Select(error => new ValidationFailure(FieldOf.GetValueOrDefault(error.PropertyName, error.PropertyName), error.ErrorMessage)));
                }
            },
            nameof(FileInput.Subject), nameof(FileInput.Text), nameof(FileInput.RequesterName), nameof(FileInput.RequesterEmail), nameof(FileInput.SentOnPaper));
    }

    /// <summary>
    /// A day sent on paper as an instant: noon UTC is the same day wherever the statutes here count
    /// (UTC−8 to UTC+4), and a day that is today becomes now, which is never in the future.
    /// </summary>
    private static DateTimeOffset? SentOn(DateOnly? day)
    {
        if (day is not { } date)
            return null;
        var noon = new DateTimeOffset(date.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        return noon > DateTimeOffset.UtcNow && date <= DateOnly.FromDateTime(DateTime.UtcNow) ? DateTimeOffset.UtcNow : noon;
    }

    private async Task LoadBodyAsync(string? key, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(key))
            return;
        try
        {
            Body = await mediator.Send(new GetBodyQuery(key), cancellationToken);
        }
        catch (NotFoundException)
        {
            return;
        }

        Input.BodyKey = Body.Key;
        Similar = await mediator.Send(new FindSimilarRequestsQuery(Body.Key, Input.Subject ?? SubjectQuery), cancellationToken);
    }

    public sealed class FileInput
    {
        public string? BodyKey { get; set; }

        public string? Subject { get; set; }

        public string? Text { get; set; }

        public string? RequesterName { get; set; }

        public string? RequesterEmail { get; set; }

        public DateOnly? SentOnPaper { get; set; }
    }
}

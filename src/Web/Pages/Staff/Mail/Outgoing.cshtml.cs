using FluentValidation;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Mail;
using FoiTracker.Application.Mail.ListOutgoingMail;
using FoiTracker.Application.Mail.RetryOutgoingMail;
using FoiTracker.Web.Resources;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using FoiTracker.Web.Pages.Support;
using Microsoft.Extensions.Localization;

namespace FoiTracker.Web.Pages.Staff.Mail;

/// <summary>Outgoing mail with its status, newest first; a mail given up can be sent again from here.</summary>
public sealed class OutgoingModel(IMediator mediator, IStringLocalizer<SharedResource> text) : StaffPage(text)
{
    [BindProperty(SupportsGet = true, Name = "status")]
    public string? Status { get; set; }

    public IReadOnlyList<OutgoingMailDto> Items { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostRetryAsync(CancellationToken cancellationToken)
    {
        try
        {
            await mediator.Send(new RetryOutgoingMailCommand(Input.Id ?? Guid.Empty, Actor), cancellationToken);
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
        catch (ConflictException ex)
        {
            ShowError(string.Empty, Text[ex.Message]);
            await LoadAsync(cancellationToken);
            return FormAgain();
        }

        Notice = Text["Staff.Outgoing.Retried"];
        return RedirectLocal(Url.SitePage("/Staff/Mail/Outgoing", new { status = Status }));
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var mails = await mediator.Send(new ListOutgoingMailQuery(string.IsNullOrEmpty(Status) ? null : Status, null, PageNumber, PageSize), cancellationToken);
            Items = mails.Items;
            Total = mails.Total;
        }
        catch (ValidationException)
        {
            ShowError("status", Text["Staff.Outgoing.UnknownStatus"]);
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}

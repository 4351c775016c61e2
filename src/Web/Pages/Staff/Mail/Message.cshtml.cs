using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Mail;
using FoiTracker.Application.Mail.AssignInboundMail;
using FoiTracker.Application.Mail.ReadInboundMail;
using FoiTracker.Web.Pages.Support;
using FoiTracker.Web.Resources;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace FoiTracker.Web.Pages.Staff.Mail;

/// <summary>One incoming message: its text and attachments, and the form that files it under a request.</summary>
public sealed class MessageModel(IMediator mediator, IStringLocalizer<SharedResource> text) : StaffPage(text)
{
    public InboundMailDetails Mail { get; private set; } = null!;

    public string? Body { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>An attachment as a download (never shown inline: it came from outside).</summary>
    public async Task<IActionResult> OnGetAttachmentAsync(Guid id, Guid attachmentId, CancellationToken cancellationToken)
    {
        try
        {
            var attachment = await mediator.Send(new GetInboundAttachmentQuery(id, attachmentId, Actor), cancellationToken);
            Response.Headers.XContentTypeOptions = "nosniff";
            return File(attachment.Bytes!, attachment.SniffedType, attachment.FileName ?? attachmentId.ToString());
        }
        catch (NotFoundException)
        {
            return NotFound();
        }
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
            return NotFound();
        if (!Domain.Requests.RequestNumber.TryParse(Input.RequestNumber?.Trim(), out _))
        {
            ShowError("Input.RequestNumber", Text["Staff.Message.NumberFormat"]);
            return FormAgain();
        }

        return await SubmitAsync(
            async () =>
            {
                try
                {
                    await mediator.Send(new AssignInboundMailCommand(id, Input.RequestNumber?.Trim() ?? "", null, Actor), cancellationToken);
                }
                catch (NotFoundException)
                {
                    ShowError("Input.RequestNumber", Text["Staff.Message.NoSuchRequest"]);
                    return FormAgain();
                }
                catch (ConflictException ex)
                {
                    ShowError(string.Empty, Text[ex.Message]);
                    return FormAgain();
                }

                Notice = Text["Staff.Message.Assigned", Input.RequestNumber!.Trim()];
                return RedirectLocal(Url.SitePage("/Staff/Mail/Held"));
            },
            nameof(Input.RequestNumber));
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        try
        {
            Mail = await mediator.Send(new GetInboundMailQuery(id, Actor), cancellationToken);
            Body = (await mediator.Send(new GetInboundTextQuery(id, Actor), cancellationToken)).Text;
            return true;
        }
        catch (NotFoundException)
        {
            return false;
        }
    }
}

using FluentValidation;
using FoiTracker.Application.Common.Models;
using FoiTracker.Application.Mail;
using FoiTracker.Application.Mail.ReadInboundMail;
using FoiTracker.Application.Staff;
using FoiTracker.Application.Staff.Queue;
using FoiTracker.Application.Statutes;
using FoiTracker.Web.Resources;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace FoiTracker.Web.Pages.Staff.Queue;

/// <summary>The work queue: overdue first, then by the next deadline; filters are a GET form, so a view of the queue can be linked to.</summary>
public sealed class QueueModel(IMediator mediator, IStatuteCatalog catalog, IStringLocalizer<SharedResource> text) : StaffPage(text)
{
    [BindProperty(SupportsGet = true, Name = "body")]
    public string? Body { get; set; }

    [BindProperty(SupportsGet = true, Name = "stage")]
    public string? Stage { get; set; }

    [BindProperty(SupportsGet = true, Name = "mail")]
    public bool MailProblem { get; set; }

    [BindProperty(SupportsGet = true, Name = "assigned")]
    public string? Assigned { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Q { get; set; }

    public IReadOnlyList<QueueItemDto> Items { get; private set; } = [];

    /// <summary>Messages in the holding pen: mail that matched no request waits there for staff.</summary>
    public long Held { get; private set; }

    public IStatuteCatalog Catalog => catalog;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            PagedResult<QueueItemDto> queue = await mediator.Send(
                new StaffQueueQuery(Body, Stage, MailProblem, string.IsNullOrEmpty(Assigned) ? null : Assigned, Q, PageNumber, PageSize, Actor), cancellationToken);
            Items = queue.Items;
            Total = queue.Total;
        }
        catch (ValidationException ex)
        {
            foreach (var failure in ex.Errors)
                ShowError(Field(failure.PropertyName), Text[failure.ErrorMessage]);
            FormAgain();
        }

        Held = (await mediator.Send(new ListInboundMailQuery(InboundMailStatus.Held, 1, 1, Actor), cancellationToken)).Total;
        return Page();
    }

    private static string Field(string property) => property switch
    {
        nameof(StaffQueueQuery.Text) => "q",
        nameof(StaffQueueQuery.Body) => "body",
        _ => string.Empty,
    };
}

using FoiTracker.Application.Mail;
using FoiTracker.Application.Mail.ReadInboundMail;
using FoiTracker.Web.Resources;
using Mediator;
using Microsoft.Extensions.Localization;

namespace FoiTracker.Web.Pages.Staff.Mail;

/// <summary>The holding pen: incoming mail that matched no request, newest first.</summary>
public sealed class HeldModel(IMediator mediator, IStringLocalizer<SharedResource> text) : StaffPage(text)
{
    public IReadOnlyList<InboundMailSummary> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var held = await mediator.Send(new ListInboundMailQuery(InboundMailStatus.Held, PageNumber, PageSize, Actor), cancellationToken);
        Items = held.Items;
        Total = held.Total;
    }
}

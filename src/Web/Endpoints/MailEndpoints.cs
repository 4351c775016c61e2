using FoiTracker.Application.Common.Models;
using FoiTracker.Application.Mail;
using FoiTracker.Application.Mail.ListOutgoingMail;
using FoiTracker.Web.Infrastructure;
using Mediator;

namespace FoiTracker.Web.Endpoints;

/// <summary>Outgoing mail for staff: what was sent, what waits, what failed and why.</summary>
public static class MailEndpoints
{
    public static IEndpointRouteBuilder MapMail(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/mail/outgoing").WithTags("Mail").RequireAuthorization(Policies.Staff);

        group.MapGet("/", async (IMediator mediator, CancellationToken cancellationToken, string? status, string? request, int? page, int? pageSize) =>
                TypedResults.Ok(await mediator.Send(
                    new ListOutgoingMailQuery(status, request, page ?? 1, pageSize ?? Paging.DefaultPageSize), cancellationToken)))
            .WithName("ListOutgoingMail")
            .WithSummary("Outgoing mail, newest first (staff). status: pending, sending, sent, failed or bounced; request: a request id or number. Each row names its Message-ID and, with the pickup transport, its .eml file under {data}/mail/pickup.")
            .Produces<PagedResult<OutgoingMailDto>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/{id:guid}", async (Guid id, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new GetOutgoingMailQuery(id), cancellationToken)))
            .WithName("GetOutgoingMail")
            .WithSummary("One outgoing mail with its sender, text and the ids of the letters attached (staff).")
            .Produces<OutgoingMailDetailsDto>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }
}

using System.Security.Claims;
using FoiTracker.Application.Common.Models;
using FoiTracker.Application.Mail;
using FoiTracker.Application.Mail.AssignInboundMail;
using FoiTracker.Application.Mail.ReadInboundMail;
using FoiTracker.Web.Infrastructure;
using Mediator;

namespace FoiTracker.Web.Endpoints;

/// <summary>Incoming mail and the holding pen, for staff.</summary>
public static class MailInboundEndpoints
{
    /// <summary>The body of an assignment: the request by number or by id, one of the two.</summary>
    public sealed record AssignInboundMailBody(string? RequestNumber, Guid? RequestId);

    public static IEndpointRouteBuilder MapInboundMail(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/mail/inbound").WithTags("Mail").RequireAuthorization(Policies.Staff);

        group.MapGet("/", async (string? status, int? page, int? pageSize, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(
                    new ListInboundMailQuery(status, page ?? 1, pageSize ?? Paging.DefaultPageSize, CurrentActor.Require(user)), cancellationToken)))
            .WithName("ListInboundMail")
            .WithSummary("Incoming mail, newest first; status=held is the holding pen (with the reason each message is there), matched and assigned are filed ones.")
            .Produces<PagedResult<InboundMailSummary>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden);

        group.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new GetInboundMailQuery(id, CurrentActor.Require(user)), cancellationToken)))
            .WithName("GetInboundMail")
            .WithSummary("One incoming message: classification, status, hold reason, the requests it is filed under and how, its attachments.")
            .Produces<InboundMailDetails>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:guid}/raw", async (Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.File(await mediator.Send(new GetInboundRawQuery(id, CurrentActor.Require(user)), cancellationToken), "message/rfc822", $"{id}.eml"))
            .WithName("GetInboundMailRaw")
            .WithSummary("The message exactly as it came, as message/rfc822 (only its headers for one over the size limit).")
            .Produces(StatusCodes.Status200OK, contentType: "message/rfc822")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id:guid}/attachments/{attachmentId:guid}", async (Guid id, Guid attachmentId, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
                {
                    var attachment = await mediator.Send(new GetInboundAttachmentQuery(id, attachmentId, CurrentActor.Require(user)), cancellationToken);
                    return TypedResults.File(attachment.Bytes!, attachment.SniffedType, attachment.FileName ?? $"{attachmentId}");
                })
            .WithName("GetInboundMailAttachment")
            .WithSummary("One attachment, served with its sniffed type. 409 with the reason for one that was too large to store.")
            .Produces(StatusCodes.Status200OK, contentType: "application/octet-stream")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        group.MapPost("/{id:guid}/assign", async (Guid id, AssignInboundMailBody body, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new AssignInboundMailCommand(id, body.RequestNumber, body.RequestId, CurrentActor.Require(user)), cancellationToken)))
            .WithName("AssignInboundMail")
            .WithSummary("File a held message under a request ({ \"requestNumber\" } or { \"requestId\" }): a timeline entry and agency_replied as for a matched reply. The same request again changes nothing; a message already filed elsewhere is a 409.")
            .Produces<InboundMailDetails>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return app;
    }
}

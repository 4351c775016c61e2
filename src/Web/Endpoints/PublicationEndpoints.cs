using System.Security.Claims;
using FoiTracker.Application.Requests.Publication;
using FoiTracker.Application.Requests.Publication.GetPublicRequest;
using FoiTracker.Application.Requests.Publication.RedactTimelineEntry;
using FoiTracker.Application.Requests.Publication.SetNamePublic;
using FoiTracker.Web.Infrastructure;
using Mediator;

namespace FoiTracker.Web.Endpoints;

/// <summary>A request's public record: as anyone reads it, the requester's choice to show their name, and staff's redactions.</summary>
public static class PublicationEndpoints
{
    public sealed record NameChoiceBody(bool ShowName);

    public sealed record RedactionBody(string? RedactedText, string? Reason);

    public static IEndpointRouteBuilder MapPublication(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api").WithTags("Public record");

        group.MapGet("/public/requests/{number}", async (string number, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new GetPublicRequestQuery(number), cancellationToken)))
            .WithName("GetPublicRequest")
            .WithSummary("A sent request as the public reads it: no e-mail or address, people by role, the requester's name only if they chose so, staff's redactions with their reason.")
            .Produces<PublicRequestDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPut("/requests/{id:guid}/publication", async (Guid id, NameChoiceBody body, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new SetNamePublicCommand(id, body.ShowName, CurrentActor.Require(user)), cancellationToken)))
            .WithName("SetNamePublic")
            .WithSummary("The requester chooses whether their name is shown on the request's public page (showName; by default it is not).")
            .Produces<RequestPublication>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization();

        group.MapPut("/requests/{id:guid}/timeline/{seq:int}/redaction", async (
                    Guid id, int seq, RedactionBody body, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new RedactTimelineEntryCommand(id, seq, body.RedactedText, body.Reason, CurrentActor.Require(user)), cancellationToken)))
            .WithName("RedactTimelineEntry")
            .WithSummary("Staff replace a timeline entry's public text (redactedText) with personal data taken out, saying why (reason); the entry itself is kept.")
            .Produces<TimelineRedaction>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization(Policies.Staff);

        return app;
    }
}

using System.Security.Claims;
using FoiTracker.Application.Letters;
using FoiTracker.Application.Letters.GenerateLetter;
using FoiTracker.Application.Letters.GetLetter;
using FoiTracker.Application.Letters.ListLetters;
using FoiTracker.Web.Infrastructure;
using FoiTracker.Web.Limits;
using Mediator;

namespace FoiTracker.Web.Endpoints;

/// <summary>A request's letters: the ones its workflow produced, and ones asked for now.</summary>
public static class LetterEndpoints
{
    public static IEndpointRouteBuilder MapLetters(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/requests/{id:guid}/letters").WithTags("Letters");

        group.MapGet("/", async (Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new ListLettersQuery(id, CurrentActor.Require(user)), cancellationToken)))
            .WithName("ListLetters")
            .WithSummary("The letters produced for a request, oldest first. They carry the requester's address, so only the requester and staff see them.")
            .Produces<IReadOnlyList<LetterDto>>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization();

        group.MapGet("/{letterId:guid}", async (Guid id, Guid letterId, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
                {
                    var letter = await mediator.Send(new GetLetterQuery(id, letterId, CurrentActor.Require(user)), cancellationToken);
                    return TypedResults.File(letter.Bytes, "application/pdf", $"{letter.Kind}.{letter.Language}.pdf");
                })
            .WithName("GetLetter")
            .WithSummary("One letter as application/pdf.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .RequireAuthorization();

        group.MapPost("/{kind}", async (Guid id, string kind, string? lang, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
                {
                    var letter = await mediator.Send(new GenerateLetterCommand(id, kind, lang, CurrentActor.Require(user)), cancellationToken);
                    return TypedResults.Created($"/api/requests/{id}/letters/{letter.Id}", letter);
                })
            .WithName("GenerateLetter")
            .RequireRateLimiting(LimitServices.LettersPolicy)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Produce a letter of the request's statute now (kind: request, chaser, complaint, court_claim…; lang: ka or en). The same letter on the same day is stored once. A letter the request has not reached yet (a chaser before the answer is overdue) is 409, naming the day it can be made.")
            .Produces<LetterDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization();

        return app;
    }
}

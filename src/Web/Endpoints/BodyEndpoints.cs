using FoiTracker.Application.Bodies;
using FoiTracker.Application.Bodies.GetBody;
using FoiTracker.Application.Bodies.SearchBodies;
using FoiTracker.Application.Common.Models;
using Mediator;

namespace FoiTracker.Web.Endpoints;

public static class BodyEndpoints
{
    public static IEndpointRouteBuilder MapBodies(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/bodies").WithTags("Public bodies");

        group.MapGet("/", async (IMediator mediator, CancellationToken cancellationToken, string? q, int? page, int? pageSize) =>
                TypedResults.Ok(await mediator.Send(new SearchBodiesQuery(q, page ?? 1, pageSize ?? Paging.DefaultPageSize), cancellationToken)))
            .WithName("SearchBodies")
            .WithSummary("Search public bodies by a part of their Georgian or English name.")
            .Produces<PagedResult<BodyDto>>()
            .ProducesValidationProblem();

        group.MapGet("/{key}", async (string key, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new GetBodyQuery(key), cancellationToken)))
            .WithName("GetBody")
            .WithSummary("One public body with its complaint route.")
            .Produces<BodyDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }
}

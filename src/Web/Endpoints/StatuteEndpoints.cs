using FoiTracker.Application.Statutes;
using FoiTracker.Application.Statutes.ComputeDeadline;
using FoiTracker.Application.Statutes.GetStatute;
using FoiTracker.Application.Statutes.ListHolidays;
using FoiTracker.Application.Statutes.ListStatutes;
using Mediator;

namespace FoiTracker.Web.Endpoints;

/// <summary>The law as data: statutes, their calendars, and the public deadline calculator.</summary>
public static class StatuteEndpoints
{
    public static IEndpointRouteBuilder MapStatutes(this IEndpointRouteBuilder app)
    {
        var statutes = app.MapGroup("/api/statutes").WithTags("Statutes and deadlines");

        statutes.MapGet("/", async (IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new ListStatutesQuery(), cancellationToken)))
            .WithName("ListStatutes")
            .WithSummary("The FOI statutes the service knows, with their citations and deadline keys.")
            .Produces<IReadOnlyList<StatuteSummaryDto>>();

        statutes.MapGet("/{id}", async (string id, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new GetStatuteQuery(id), cancellationToken)))
            .WithName("GetStatute")
            .WithSummary("One statute with every deadline rule.")
            .Produces<StatuteDto>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/api/calendars/{id}/holidays", async (string id, int? year, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new ListHolidaysQuery(id, year), cancellationToken)))
            .WithTags("Statutes and deadlines")
            .WithName("ListHolidays")
            .WithSummary("Public holidays of a calendar in a year (substitute days and decreed days off included).")
            .Produces<IReadOnlyList<HolidayDto>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        app.MapGet("/api/deadlines", async (
                    string? statute, string? deadline, string? from, int? pausedDays, string? lang,
                    IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new ComputeDeadlineQuery(statute, deadline, from, pausedDays, lang), cancellationToken)))
            .WithTags("Statutes and deadlines")
            .WithName("ComputeDeadline")
            .WithSummary("When a statute's deadline falls, counted from a date, with every skipped day and why (lang=en|ka).")
            .Produces<DeadlineDto>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }
}

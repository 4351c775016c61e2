using System.Security.Claims;
using FoiTracker.Application.Common.Models;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Requests.FileRequest;
using FoiTracker.Application.Requests.GetRequest;
using FoiTracker.Application.Requests.ListRequests;
using FoiTracker.Application.Requests.RecordEvent;
using FoiTracker.Web.Infrastructure;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace FoiTracker.Web.Endpoints;

/// <summary>Requests and their statute workflows: file, read, the staff queue, and every transition as an event.</summary>
public static class RequestEndpoints
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public sealed record RequesterBody(string? Name, string? Email, string? Address);

    public sealed record FileRequestBody(string? BodyKey, string? Subject, string? Text, RequesterBody? Requester, DateTimeOffset? SubmittedAt, bool? Draft);

    public sealed record EventBody(DateTimeOffset? OccurredAt, string? Outcome, string? Note, string? RegistrationNumber, DateOnly? RegisteredOn, string? ForwardedTo, string? Reference = null);

    public static IEndpointRouteBuilder MapRequests(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/requests").WithTags("Requests");

        group.MapPost("/", async (
                    FileRequestBody body, ClaimsPrincipal user, IMediator mediator, HttpContext context, CancellationToken cancellationToken,
                    [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey) =>
                {
                    var filed = await mediator.Send(
                        new FileRequestCommand(
                            body.BodyKey, body.Subject, body.Text, body.Requester?.Name, body.Requester?.Email, body.Requester?.Address,
                            body.SubmittedAt, body.Draft ?? false, CurrentActor.Require(user), idempotencyKey,
                            VerifyLinkBase: PublicAddress.Of(context) + "/en/account/verify-email"),
                        cancellationToken);
                    return TypedResults.Created($"/api/requests/{filed.Id}", filed);
                })
            .WithName("FileRequest")
            .WithSummary("File a request to a public body, or record one already sent (submittedAt in the past). Send an Idempotency-Key (at most 200 characters) to make retries safe. A requester's e-mail other than the account's own is mailed a link to confirm it; mail to it waits until then. A citizen files at most Limits:Filing:PerDay requests a day (429 with Retry-After).")
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .Produces<FiledRequest>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization();

        group.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new GetRequestQuery(id, CurrentActor.From(user)), cancellationToken)))
            .WithName("GetRequest")
            .WithSummary("A request with its deadlines, timers and timeline; the requester's e-mail and address only for the requester and staff.")
            .Produces<RequestDetailsDto>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AllowAnonymous();

        group.MapGet("/", async (
                    ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken,
                    string? body, string? stage, bool? overdue, int? page, int? pageSize, bool? mailProblem) =>
                TypedResults.Ok(await mediator.Send(
                    new ListRequestsQuery(body, stage, overdue, page ?? 1, pageSize ?? Paging.DefaultPageSize, CurrentActor.Require(user), mailProblem),
                    cancellationToken)))
            .WithName("ListRequests")
            .WithSummary("The staff queue (overdue=true: oldest overdue first; mailProblem=true: a mail that failed or bounced, also flagged on each item); citizens see their own requests.")
            .Produces<PagedResult<RequestSummaryDto>>()
            .ProducesValidationProblem()
            .RequireAuthorization();

        group.MapPost("/{id:guid}/events/{kind}", async (
                    Guid id, string kind, EventBody? body, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken,
                    [FromHeader(Name = IdempotencyHeader)] string? idempotencyKey) =>
                TypedResults.Ok(await mediator.Send(
                    new RecordEventCommand(
                        id, kind, CurrentActor.Require(user), body?.OccurredAt, body?.Outcome, body?.Note, body?.RegistrationNumber,
                        body?.RegisteredOn, body?.ForwardedTo, idempotencyKey, body?.Reference),
                    cancellationToken)))
            .WithName("RecordEvent")
            .WithSummary("Record a transition: submit, delivered, extension_notice, clarification_requested, clarification_answered, agency_replied, answered (outcome), chaser_sent, escalate, complaint_extended, complaint_decided (outcome), court_decided, withdraw, close, reopen, note. The stage decides what is allowed (409 otherwise).")
            .Produces<RecordedEvent>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization();

        return app;
    }
}

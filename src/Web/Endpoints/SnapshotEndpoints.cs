using System.Security.Claims;
using FoiTracker.Application.Statistics.Snapshots;
using FoiTracker.Application.Statistics.Snapshots.PublishSnapshot;
using FoiTracker.Application.Statistics.Snapshots.ReadSnapshots;
using FoiTracker.Web.Infrastructure;
using FoiTracker.Web.Statistics;
using Mediator;

namespace FoiTracker.Web.Endpoints;

/// <summary>Published statistics snapshots: immutable, each at a permanent address, with its SHA-256 and a "cite as" line.</summary>
public static class SnapshotEndpoints
{
    public sealed record PublishSnapshotBody(string? Period, string? AsOf, string? Statute, string? Replaces);

    public static IEndpointRouteBuilder MapSnapshots(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/statistics/snapshots").WithTags("Statistics");

        group.MapGet("/", async (HttpContext context, IMediator mediator, CancellationToken cancellationToken, string? format) =>
                {
                    var csv = CsvExport.Wanted(format);
                    var snapshots = await mediator.Send(new ListSnapshotsQuery(PublicAddress.Of(context)), cancellationToken);
                    return csv
                        ? CsvExport.File("statistics-snapshots.csv", SnapshotCsv.ListHeader, snapshots.Select(SnapshotCsv.ListRow))
                        : TypedResults.Ok(snapshots);
                })
            .WithName("ListSnapshots")
            .WithSummary("Every published statistics snapshot, newest first (format=json|csv).")
            .Produces<IReadOnlyList<SnapshotDto>>()
            .Produces(StatusCodes.Status200OK, contentType: CsvExport.ContentType)
            .ProducesValidationProblem();

        group.MapPost("/", async (PublishSnapshotBody body, HttpContext context, ClaimsPrincipal user, IMediator mediator, CancellationToken cancellationToken) =>
                {
                    var published = await mediator.Send(
                        new PublishSnapshotCommand(body.Period, body.AsOf, body.Statute, body.Replaces, CurrentActor.Require(user), PublicAddress.Of(context)),
                        cancellationToken);
                    return TypedResults.Created(published.Url, published);
                })
            .WithName("PublishSnapshot")
            .WithSummary("Publish the statistics of a period (2026, 2026-Q2, 2026-03, or 2026-01-01..2026-06-30) as of a date (default today) under a statute (default ge-gac); replaces names the snapshot this corrects (staff).")
            .Produces<SnapshotDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(Policies.Staff);

        group.MapGet("/{id}", async (string id, HttpContext context, IMediator mediator, CancellationToken cancellationToken, string? format) =>
                {
                    var csv = CsvExport.Wanted(format);
                    var details = await mediator.Send(new GetSnapshotQuery(id, PublicAddress.Of(context)), cancellationToken);
                    if (!csv)
                        return Results.Ok(details);
                    var statistics = SnapshotCsv.Statistics(details);
                    return StatisticsEndpoints.Csv(
                        $"{details.Snapshot.Id}.csv",
                        stream => StatisticsCsv.WriteSnapshotAsync(stream, details.Snapshot.Id, details.Snapshot.Sha256, statistics, cancellationToken));
                })
            .WithName("GetSnapshot")
            .WithSummary("One snapshot with its statistics, SHA-256, what it replaces or was replaced by, and how to cite it (format=json|csv: one row per body).")
            .Produces<SnapshotDetailsDto>()
            .Produces(StatusCodes.Status200OK, contentType: CsvExport.ContentType)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapGet("/{id}/content", async (string id, HttpContext context, IMediator mediator, CancellationToken cancellationToken) =>
                {
                    var content = await mediator.Send(new GetSnapshotContentQuery(id), cancellationToken);
                    // RFC 9530: the digest of exactly these bytes, which is the SHA-256 the citation quotes.
                    context.Response.Headers["Repr-Digest"] = $"sha-256=:{Convert.ToBase64String(Convert.FromHexString(content.Sha256))}:";
                    context.Response.Headers.ETag = $"\"{content.Sha256}\"";
                    return TypedResults.File(content.Bytes, "application/json", $"{content.Id}.json");
                })
            .WithName("GetSnapshotContent")
            .WithSummary("The exact published bytes of a snapshot (canonical JSON, UTF-8); their SHA-256 is the snapshot's sha256.")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return app;
    }
}

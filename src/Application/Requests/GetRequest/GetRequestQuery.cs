using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Statutes;
using FoiTracker.Domain.Workflows;
using Mediator;

namespace FoiTracker.Application.Requests.GetRequest;

/// <summary>
/// A request with its deadlines, timers and timeline. Requests are public records once sent; the
/// requester's e-mail and address are shown only to the requester and to staff. A request not sent
/// yet (a draft, a letter waiting to be posted) is the requester's own: anyone else is told it does
/// not exist, so that its existence is not revealed either.
/// </summary>
public sealed record GetRequestQuery(Guid Id, RequestActor? Viewer) : IQuery<RequestDetailsDto>;

public sealed class GetRequestHandler(IRequestQueries queries, IStatuteCatalog catalog) : IQueryHandler<GetRequestQuery, RequestDetailsDto>
{
    public async ValueTask<RequestDetailsDto> Handle(GetRequestQuery query, CancellationToken cancellationToken)
    {
        var record = await queries.GetAsync(query.Id, cancellationToken) ?? throw NotFoundException.For("request", query.Id.ToString());
        var visible = query.Viewer is { } viewer && (viewer.IsStaff || viewer.UserId == record.OwnerId);
        catalog.TryGetStatute(record.Statute, out var statute);
        var workflow = statute?.Workflow;
        var current = new StageKey(record.Stage);
        if (!visible && workflow?.IsUnsent(current) == true)
            throw NotFoundException.For("request", query.Id.ToString());
        var stage = workflow?.HasStage(current) == true ? workflow.Stage(current) : null;
        return new RequestDetailsDto(
            record.Id, record.Number, record.BodyKey, record.Statute, record.StatuteVersion, record.Stage, stage?.Name.En, record.Outcome,
            record.Subject, record.Text,
            new RequesterDto(record.RequesterName, ShowIf(visible, record.RequesterEmail), ShowIf(visible, record.RequesterAddress)),
            record.CreatedAt, record.SubmittedAt, record.RegistrationNumber, record.RegisteredOn, record.ForwardedFrom, record.OverdueSince,
            stage is null ? [] : [.. stage.Events.Keys.Select(kind => kind.Value).Order(StringComparer.Ordinal)],
            record.Deadlines.Select(deadline =>
            {
                var rule = statute is not null && statute.TryGetDeadline(deadline.Key, out var found) ? found : null;
                return new RequestDeadlineDto(deadline.Key, deadline.Due, deadline.From, deadline.PausedDays, rule?.Citation, rule?.Explanation?.En);
            }).ToList(),
            record.Timers,
            record.Timeline,
            RouteOf(workflow, record.Route),
            [.. record.Flags.Select(flag => new RequestFlagDto(
                flag.Key, workflow?.Flag(flag.Key)?.Name.En ?? flag.Key, workflow?.Flag(flag.Key)?.Citation, flag.Deadline, flag.RaisedOn))],
            record.ForwardedTo);
    }

    /// <summary>The request's route; one filed without a route runs the default way, so that is the one shown.</summary>
    private static RequestRouteDto? RouteOf(Domain.Workflows.WorkflowDefinition? workflow, string? key) =>
        (key is null ? workflow?.RouteFor(null) : workflow?.Route(key)) is { } route
            ? new RequestRouteDto(route.Key, route.Citation, route.Description?.En)
            : key is null ? null : new RequestRouteDto(key, null, null);

    private static string? ShowIf(bool visible, string? value) => visible ? value : null;
}

using FluentValidation;
using FoiTracker.Application.Common.Models;
using FoiTracker.Application.Statutes;
using Mediator;

namespace FoiTracker.Application.Requests.ListRequests;

/// <summary>
/// Requests by body, stage or overdue status. For staff this is the work queue (overdue ones
/// oldest first; <paramref name="MailProblem"/>: the ones with a mail that could not be delivered,
/// or a letter or notice that could not be made, each with the reason);
/// a citizen sees only their own requests.
/// </summary>
public sealed record ListRequestsQuery(string? Body, string? Stage, bool? Overdue, int Page, int PageSize, RequestActor Viewer, bool? MailProblem = null)
    : IQuery<PagedResult<RequestSummaryDto>>;

public sealed class ListRequestsValidator : AbstractValidator<ListRequestsQuery>
{
    public ListRequestsValidator()
    {
        RuleFor(query => query.Page).InclusiveBetween(1, Paging.MaxPage).WithMessage($"'page' must be between 1 and {Paging.MaxPage}.");
        RuleFor(query => query.PageSize).InclusiveBetween(1, Paging.MaxPageSize).WithMessage($"'pageSize' must be between 1 and {Paging.MaxPageSize}.");
        RuleFor(query => query.Body).MaximumLength(80).WithMessage("'body' is a body key of at most 80 characters.");
        RuleFor(query => query.Stage).Matches("^[a-z_]{1,60}$").When(query => query.Stage is not null).WithMessage("'{PropertyValue}' is not a stage key.");
    }
}

public sealed class ListRequestsHandler(IRequestQueries queries, IStatuteCatalog catalog) : IQueryHandler<ListRequestsQuery, PagedResult<RequestSummaryDto>>
{
    public async ValueTask<PagedResult<RequestSummaryDto>> Handle(ListRequestsQuery query, CancellationToken cancellationToken)
    {
        // "Overdue" is a property of stages in each statute's workflow, not a column.
        IReadOnlyCollection<string>? stages = query.Overdue == true
            ? catalog.StatuteIds
                .Select(id => catalog.GetStatute(id.Value).Workflow)
                .Where(workflow => workflow is not null)
                .SelectMany(workflow => workflow!.Stages.Where(stage => stage.Overdue).Select(stage => stage.Key.Value))
                .Distinct(StringComparer.Ordinal)
                .ToList()
            : null;
        var filter = new RequestFilter(
            query.Body, query.Stage, stages, query.Viewer.IsStaff ? null : query.Viewer.UserId, query.Page, query.PageSize,
            OldestOverdueFirst: query.Overdue == true, MailProblem: query.MailProblem == true);
        return await queries.ListAsync(filter, cancellationToken);
    }
}

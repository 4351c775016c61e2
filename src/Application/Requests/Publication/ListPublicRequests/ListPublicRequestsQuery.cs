using FluentValidation;
using FoiTracker.Application.Common.Models;
using FoiTracker.Application.Statutes;
using Mediator;

namespace FoiTracker.Application.Requests.Publication.ListPublicRequests;

/// <summary>
/// A body's sent requests, newest first, a page at a time: what its public page lists. The busiest body has
/// hundreds of thousands, so they are counted up to <paramref name="CountedUpTo"/> only, or to the end of the page
/// asked for (the total is one more when there are more), as the staff queue counts its cases.
/// </summary>
public sealed record ListPublicRequestsQuery(
    string BodyKey, int Page = 1, int PageSize = ListPublicRequestsQuery.DefaultPageSize, int CountedUpTo = ListPublicRequestsQuery.DefaultCountedUpTo)
    : IQuery<PagedResult<PublicRequestSummaryDto>>
{
    public const int DefaultPageSize = 50;

    public const int DefaultCountedUpTo = 10_000;
}

public sealed class ListPublicRequestsValidator : AbstractValidator<ListPublicRequestsQuery>
{
    public ListPublicRequestsValidator()
    {
        RuleFor(query => query.BodyKey).NotEmpty().WithMessage("Name the body whose requests to list.");
        RuleFor(query => query.Page).GreaterThan(0).WithMessage("The page number starts at 1.");
        RuleFor(query => query.PageSize).InclusiveBetween(1, 100).WithMessage("A page lists from 1 to 100 requests.");
        RuleFor(query => query.CountedUpTo).GreaterThan(0).WithMessage("Count at least one request.");
    }
}

public sealed class ListPublicRequestsHandler(IPublicRequestStore store, IStatuteCatalog catalog) : IQueryHandler<ListPublicRequestsQuery, PagedResult<PublicRequestSummaryDto>>
{
    public async ValueTask<PagedResult<PublicRequestSummaryDto>> Handle(ListPublicRequestsQuery query, CancellationToken cancellationToken) =>
        await store.ListSentAsync(query.BodyKey, PublicTimeline.UnsentStages(catalog), query.Page, query.PageSize, query.CountedUpTo, cancellationToken);
}

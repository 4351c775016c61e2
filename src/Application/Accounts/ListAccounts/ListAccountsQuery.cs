using FluentValidation;
using FoiTracker.Application.Common.Models;
using Mediator;

namespace FoiTracker.Application.Accounts.ListAccounts;

public sealed record ListAccountsQuery(int Page = 1, int PageSize = Paging.DefaultPageSize) : IQuery<PagedResult<AccountDto>>;

public sealed class ListAccountsValidator : AbstractValidator<ListAccountsQuery>
{
    public ListAccountsValidator()
    {
        RuleFor(query => query.Page).InclusiveBetween(1, Paging.MaxPage).WithMessage($"Page must be between 1 and {Paging.MaxPage}.");
        RuleFor(query => query.PageSize).InclusiveBetween(1, Paging.MaxPageSize).WithMessage($"Page size must be between 1 and {Paging.MaxPageSize}.");
    }
}

public sealed class ListAccountsHandler(IAccountQueries accounts) : IQueryHandler<ListAccountsQuery, PagedResult<AccountDto>>
{
    public async ValueTask<PagedResult<AccountDto>> Handle(ListAccountsQuery query, CancellationToken cancellationToken) =>
        await accounts.ListAsync(query.Page, query.PageSize, cancellationToken);
}

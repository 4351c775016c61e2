using FluentValidation;
using FoiTracker.Application.Common.Models;

namespace FoiTracker.Application.Bodies.SearchBodies;

public sealed class SearchBodiesValidator : AbstractValidator<SearchBodiesQuery>
{
    public SearchBodiesValidator()
    {
        RuleFor(query => query.Q).MaximumLength(200).WithMessage("Search text can be at most 200 characters.");
        RuleFor(query => query.Page)
            .InclusiveBetween(1, Paging.MaxPage)
            .WithMessage($"Page must be between 1 and {Paging.MaxPage}.");
        RuleFor(query => query.PageSize)
            .InclusiveBetween(1, Paging.MaxPageSize)
            .WithMessage($"Page size must be between 1 and {Paging.MaxPageSize}.");
    }
}

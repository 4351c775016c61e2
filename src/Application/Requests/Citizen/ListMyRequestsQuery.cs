using FluentValidation;
using FoiTracker.Application.Bodies;
using FoiTracker.Application.Common.Models;
using Mediator;

namespace FoiTracker.Application.Requests.Citizen;

/// <summary>The signed-in person's own requests, newest first: stage in words, the next deadline and the working days left.</summary>
public sealed record ListMyRequestsQuery(RequestActor Viewer, int Page, int PageSize) : IQuery<PagedResult<MyRequestDto>>;

public sealed record MyRequestDto(Guid Id, string Number, string BodyKey, string Subject, LocalizedDto StageName, DateTimeOffset CreatedAt, DeadlineView? NextDeadline);

public sealed class ListMyRequestsValidator : AbstractValidator<ListMyRequestsQuery>
{
    public ListMyRequestsValidator()
    {
        RuleFor(query => query.Page).InclusiveBetween(1, Paging.MaxPage).WithMessage($"'page' must be between 1 and {Paging.MaxPage}.");
        RuleFor(query => query.PageSize).InclusiveBetween(1, Paging.MaxPageSize).WithMessage($"'pageSize' must be between 1 and {Paging.MaxPageSize}.");
    }
}

public sealed class ListMyRequestsHandler(ICitizenRequestQueries queries, CitizenWords words, TimeProvider clock)
    : IQueryHandler<ListMyRequestsQuery, PagedResult<MyRequestDto>>
{
    public async ValueTask<PagedResult<MyRequestDto>> Handle(ListMyRequestsQuery query, CancellationToken cancellationToken)
    {
        var rows = await queries.MineAsync(query.Viewer.UserId, query.Page, query.PageSize, cancellationToken);
        var now = clock.GetUtcNow();
        return new PagedResult<MyRequestDto>(
            rows.Items.Select(row =>
            {
                var statute = words.StatuteOf(row.Statute, row.StatuteVersion);
                var today = statute?.LegalDateOf(now) ?? DateOnly.FromDateTime(now.UtcDateTime);
                var next = row is { NextDeadlineKey: { } key, NextDeadlineDue: { } due } ? words.Deadline(statute, key, due, today) : null;
                return new MyRequestDto(row.Id, row.Number, row.BodyKey, row.Subject, CitizenWords.StageName(statute, row.Stage), row.CreatedAt, next);
            }).ToList(),
            rows.Page, rows.PageSize, rows.Total);
    }
}

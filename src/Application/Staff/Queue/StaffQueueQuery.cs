using FluentValidation;
using FoiTracker.Application.Common.Models;
using FoiTracker.Application.Requests;
using Mediator;

namespace FoiTracker.Application.Staff.Queue;

/// <summary>Who a queue shows: everyone's cases, the viewer's own, or the ones nobody has.</summary>
public static class QueueAssignment
{
    public const string Mine = "me";
    public const string Nobody = "none";
}

/// <summary>
/// The staff queue: overdue requests first, the longest overdue first, then by the next deadline
/// that runs out. <paramref name="Assigned"/> is <see cref="QueueAssignment.Mine"/>,
/// <see cref="QueueAssignment.Nobody"/> or null for all; <paramref name="Text"/> finds a number,
/// or words of a subject or of a requester's name.
/// </summary>
public sealed record StaffQueueQuery(
    string? Body, string? Stage, bool MailProblem, string? Assigned, string? Text, int Page, int PageSize, RequestActor Viewer)
    : IQuery<PagedResult<QueueItemDto>>;

public sealed class StaffQueueValidator : AbstractValidator<StaffQueueQuery>
{
    public StaffQueueValidator()
    {
        RuleFor(query => query.Page).InclusiveBetween(1, Paging.MaxPage).WithMessage($"'page' must be between 1 and {Paging.MaxPage}.");
        RuleFor(query => query.PageSize).InclusiveBetween(1, Paging.MaxPageSize).WithMessage($"'pageSize' must be between 1 and {Paging.MaxPageSize}.");
        RuleFor(query => query.Body).MaximumLength(80).WithMessage("'body' is a body key of at most 80 characters.");
        RuleFor(query => query.Stage).Matches("^[a-z_]{1,60}$").When(query => !string.IsNullOrEmpty(query.Stage)).WithMessage("'{PropertyValue}' is not a stage key.");
        RuleFor(query => query.Assigned)
            .Must(assigned => assigned is null or QueueAssignment.Mine or QueueAssignment.Nobody)
            .WithMessage("Show the cases of everyone, your own ('me') or nobody's ('none').");
        RuleFor(query => query.Text).MaximumLength(200).WithMessage("Search for at most 200 characters.");
    }
}

public sealed class StaffQueueHandler(IStaffCaseStore store) : IQueryHandler<StaffQueueQuery, PagedResult<QueueItemDto>>
{
    public async ValueTask<PagedResult<QueueItemDto>> Handle(StaffQueueQuery query, CancellationToken cancellationToken)
    {
        StaffOnly.Require(query.Viewer);
        var filter = new QueueFilter(
            Blank(query.Body), Blank(query.Stage), query.MailProblem,
            query.Assigned == QueueAssignment.Mine ? query.Viewer.UserId : null,
            query.Assigned == QueueAssignment.Nobody,
            Blank(query.Text), query.Page, query.PageSize);
        return await store.QueueAsync(filter, cancellationToken);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

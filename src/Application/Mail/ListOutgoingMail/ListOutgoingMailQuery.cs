using FluentValidation;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Common.Models;
using FoiTracker.Domain.Requests;
using Mediator;

namespace FoiTracker.Application.Mail.ListOutgoingMail;

/// <summary>
/// Outgoing mail for staff, newest first: what was sent, what waits, what failed. <paramref name="Request"/>
/// is a request id or number.
/// </summary>
public sealed record ListOutgoingMailQuery(string? Status, string? Request, int Page, int PageSize) : IQuery<PagedResult<OutgoingMailDto>>;

public sealed class ListOutgoingMailValidator : AbstractValidator<ListOutgoingMailQuery>
{
    public ListOutgoingMailValidator()
    {
        RuleFor(query => query.Page).InclusiveBetween(1, Paging.MaxPage).WithMessage($"'page' must be between 1 and {Paging.MaxPage}.");
        RuleFor(query => query.PageSize).InclusiveBetween(1, Paging.MaxPageSize).WithMessage($"'pageSize' must be between 1 and {Paging.MaxPageSize}.");
        RuleFor(query => query.Status).Must(status => status is null || MailStatus.All.Contains(status))
            .WithMessage(query => $"'{query.Status}' is not a mail status: use one of {string.Join(", ", MailStatus.All)}.");
        RuleFor(query => query.Request).Must(request => request is null || Guid.TryParse(request, out _) || RequestNumber.TryParse(request, out _))
            .WithMessage(query => $"'{query.Request}' is neither a request id nor a request number like 2026-000042.");
    }
}

public sealed class ListOutgoingMailHandler(IOutgoingMailStore mails) : IQueryHandler<ListOutgoingMailQuery, PagedResult<OutgoingMailDto>>
{
    public async ValueTask<PagedResult<OutgoingMailDto>> Handle(ListOutgoingMailQuery query, CancellationToken cancellationToken)
    {
        Guid? id = Guid.TryParse(query.Request, out var parsed) ? parsed : null;
        var number = id is null && query.Request is not null ? RequestNumber.Parse(query.Request).Value : null;
        return await mails.ListAsync(new OutgoingMailFilter(query.Status, id, number, query.Page, query.PageSize), cancellationToken);
    }
}

/// <summary>One outgoing mail with its text.</summary>
public sealed record GetOutgoingMailQuery(Guid Id) : IQuery<OutgoingMailDetailsDto>;

public sealed class GetOutgoingMailHandler(IOutgoingMailStore mails) : IQueryHandler<GetOutgoingMailQuery, OutgoingMailDetailsDto>
{
    public async ValueTask<OutgoingMailDetailsDto> Handle(GetOutgoingMailQuery query, CancellationToken cancellationToken) =>
        await mails.GetAsync(query.Id, cancellationToken) ?? throw NotFoundException.For("outgoing mail", query.Id.ToString());
}

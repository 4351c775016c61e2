using FluentValidation;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Common.Models;
using FoiTracker.Application.Requests;
using Mediator;

namespace FoiTracker.Application.Mail.ReadInboundMail;

/// <summary>Incoming mail by status, newest first: <c>held</c> is the holding pen. Staff only.</summary>
public sealed record ListInboundMailQuery(string? Status, int Page, int PageSize, RequestActor Viewer) : IQuery<PagedResult<InboundMailSummary>>;

/// <summary>One message with its matches and attachments.</summary>
public sealed record GetInboundMailQuery(Guid Id, RequestActor Viewer) : IQuery<InboundMailDetails>;

/// <summary>The message exactly as it came (message/rfc822).</summary>
public sealed record GetInboundRawQuery(Guid Id, RequestActor Viewer) : IQuery<byte[]>;

public sealed record GetInboundAttachmentQuery(Guid Id, Guid AttachmentId, RequestActor Viewer) : IQuery<InboundAttachmentContent>;

public sealed class ListInboundMailValidator : AbstractValidator<ListInboundMailQuery>
{
    public ListInboundMailValidator()
    {
        RuleFor(query => query.Status)
            .Must(status => status is null || InboundMailStatus.All.Contains(status))
            .WithMessage($"'{{PropertyValue}}' is not a status: use one of {string.Join(", ", InboundMailStatus.All)}.");
        RuleFor(query => query.Page).InclusiveBetween(1, Paging.MaxPage).WithMessage($"'page' must be between 1 and {Paging.MaxPage}.");
        RuleFor(query => query.PageSize).InclusiveBetween(1, Paging.MaxPageSize).WithMessage($"'pageSize' must be between 1 and {Paging.MaxPageSize}.");
    }
}

public sealed class InboundMailQueryHandlers(IInboundMailStore store) :
    IQueryHandler<ListInboundMailQuery, PagedResult<InboundMailSummary>>,
    IQueryHandler<GetInboundMailQuery, InboundMailDetails>,
    IQueryHandler<GetInboundRawQuery, byte[]>,
    IQueryHandler<GetInboundAttachmentQuery, InboundAttachmentContent>
{
    public async ValueTask<PagedResult<InboundMailSummary>> Handle(ListInboundMailQuery query, CancellationToken cancellationToken)
    {
        RequireStaff(query.Viewer);
        return await store.ListAsync(query.Status, query.Page, query.PageSize, cancellationToken);
    }

    public async ValueTask<InboundMailDetails> Handle(GetInboundMailQuery query, CancellationToken cancellationToken)
    {
        RequireStaff(query.Viewer);
        return await store.GetAsync(query.Id, cancellationToken) ?? throw NotFoundException.For("incoming message", query.Id.ToString());
    }

    public async ValueTask<byte[]> Handle(GetInboundRawQuery query, CancellationToken cancellationToken)
    {
        RequireStaff(query.Viewer);
        return await store.GetRawAsync(query.Id, cancellationToken) ?? throw NotFoundException.For("incoming message", query.Id.ToString());
    }

    public async ValueTask<InboundAttachmentContent> Handle(GetInboundAttachmentQuery query, CancellationToken cancellationToken)
    {
        RequireStaff(query.Viewer);
        var attachment = await store.GetAttachmentAsync(query.Id, query.AttachmentId, cancellationToken)
            ?? throw new NotFoundException($"Incoming message '{query.Id}' has no attachment '{query.AttachmentId}'.");
        if (attachment.Bytes is null)
            throw new ConflictException(attachment.RefusedReason ?? "This attachment was not stored.");
        return attachment;
    }

    // Mail from bodies names requesters and may carry personal data: staff read it, nobody else.
    private static void RequireStaff(RequestActor viewer)
    {
        if (!viewer.IsStaff)
            throw new ForbiddenException("Only staff can read incoming mail.");
    }
}

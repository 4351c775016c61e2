using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Letters;
using FoiTracker.Application.Mail;
using FoiTracker.Application.Statutes;
using Mediator;

namespace FoiTracker.Application.Requests.Citizen;

/// <summary>An attachment of a mail from the body filed under the request (requester and staff only).</summary>
public sealed record GetRequestAttachmentQuery(Guid RequestId, Guid AttachmentId, RequestActor Viewer) : IQuery<InboundAttachmentContent>;

/// <summary>The file of an answer recorded by hand on the request (requester and staff only).</summary>
public sealed record GetAnswerFileQuery(Guid RequestId, Guid AnswerId, RequestActor Viewer) : IQuery<AnswerFile>;

/// <summary>
/// Bodies' replies and answers on paper name the requester and may carry personal data: like the
/// letters, only the requester and staff may download them (<see cref="LetterAccess"/>).
/// </summary>
public sealed class RequestFileQueryHandlers(IRequestQueries requests, IStatuteCatalog catalog, ICitizenRequestQueries queries, IInboundMailStore mail, IRequestAnswerStore answers)
    : IQueryHandler<GetRequestAttachmentQuery, InboundAttachmentContent>,
      IQueryHandler<GetAnswerFileQuery, AnswerFile>
{
    private const string Refusal = "Only staff and the requester can download the body's replies and answers to this request.";

    public async ValueTask<InboundAttachmentContent> Handle(GetRequestAttachmentQuery query, CancellationToken cancellationToken)
    {
        await LetterAccess.RequireAsync(requests, catalog, query.RequestId, query.Viewer, cancellationToken, Refusal);
        var attachment = await queries.MailOfAttachmentAsync(query.RequestId, query.AttachmentId, cancellationToken) is { } inbound
            ? await mail.GetAttachmentAsync(inbound, query.AttachmentId, cancellationToken)
            : null;
        if (attachment is null)
            throw new NotFoundException($"Request '{query.RequestId}' has no attachment '{query.AttachmentId}'.");
        if (attachment.Bytes is null)
            throw new ConflictException(attachment.RefusedReason ?? "This attachment was not stored.");
        return attachment;
    }

    public async ValueTask<AnswerFile> Handle(GetAnswerFileQuery query, CancellationToken cancellationToken)
    {
        await LetterAccess.RequireAsync(requests, catalog, query.RequestId, query.Viewer, cancellationToken, Refusal);
        return await answers.FileAsync(query.RequestId, query.AnswerId, cancellationToken)
            ?? throw new NotFoundException($"Request '{query.RequestId}' has no recorded answer file '{query.AnswerId}'.");
    }
}

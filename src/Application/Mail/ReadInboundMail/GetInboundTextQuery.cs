using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Requests;
using Mediator;

namespace FoiTracker.Application.Mail.ReadInboundMail;

/// <summary>The readable text of an incoming message, for staff deciding where it belongs; null when it has none.</summary>
public sealed record GetInboundTextQuery(Guid Id, RequestActor Viewer) : IQuery<InboundText>;

public sealed record InboundText(string? Text);

/// <summary>Reads a message's text part from its raw bytes.</summary>
public interface IMailTextReader
{
    /// <summary>The plain text, else the HTML part without its tags; null for a message without either or one that cannot be read.</summary>
    string? TextOf(ReadOnlyMemory<byte> raw);
}

public sealed class GetInboundTextHandler(IInboundMailStore store, IMailTextReader reader) : IQueryHandler<GetInboundTextQuery, InboundText>
{
    public async ValueTask<InboundText> Handle(GetInboundTextQuery query, CancellationToken cancellationToken)
    {
        if (!query.Viewer.IsStaff)
            throw new ForbiddenException("Only staff can read incoming mail.");
        var raw = await store.GetRawAsync(query.Id, cancellationToken) ?? throw NotFoundException.For("incoming message", query.Id.ToString());
        return new InboundText(reader.TextOf(raw));
    }
}

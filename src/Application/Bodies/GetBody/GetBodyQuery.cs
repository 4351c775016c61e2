using FoiTracker.Application.Common.Exceptions;
using Mediator;

namespace FoiTracker.Application.Bodies.GetBody;

public sealed record GetBodyQuery(string Key) : IQuery<BodyDto>;

public sealed class GetBodyHandler(IBodyQueries bodies) : IQueryHandler<GetBodyQuery, BodyDto>
{
    public async ValueTask<BodyDto> Handle(GetBodyQuery query, CancellationToken cancellationToken) =>
        await bodies.GetAsync(query.Key, cancellationToken)
        ?? throw NotFoundException.For("public body", query.Key);
}

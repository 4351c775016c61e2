using FluentValidation;
using FoiTracker.Application.Statutes;
using Mediator;

namespace FoiTracker.Application.Requests.Publication.GetBodyActivity;

/// <summary>The newest public entries on a body's sent requests, newest first: what the body's feed carries.</summary>
public sealed record GetBodyActivityQuery(string BodyKey, int Limit = GetBodyActivityQuery.DefaultLimit) : IQuery<IReadOnlyList<BodyActivityDto>>
{
    public const int DefaultLimit = 50;
}

public sealed class GetBodyActivityValidator : AbstractValidator<GetBodyActivityQuery>
{
    public GetBodyActivityValidator()
    {
        RuleFor(query => query.BodyKey).NotEmpty().WithMessage("Name the body whose activity to read.");
        RuleFor(query => query.Limit).InclusiveBetween(1, 200).WithMessage("Read from 1 to 200 entries.");
    }
}

public sealed class GetBodyActivityHandler(IPublicRequestStore store, IStatuteCatalog catalog) : IQueryHandler<GetBodyActivityQuery, IReadOnlyList<BodyActivityDto>>
{
    public async ValueTask<IReadOnlyList<BodyActivityDto>> Handle(GetBodyActivityQuery query, CancellationToken cancellationToken)
    {
        var rows = await store.RecentActivityAsync(query.BodyKey, PublicTimeline.UnsentStages(catalog), query.Limit, cancellationToken);
        return [.. rows.Select(row => new BodyActivityDto(
            row.Number,
            PublicTimeline.Clean(row.Subject, row.RequesterName, row.NamePublic)!,
            PublicTimeline.Entry(row.Seq, row.At, row.Kind, row.Actor, row.Detail, row.Redaction, row.RequesterName, row.NamePublic)))];
    }
}

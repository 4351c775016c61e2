using System.Text.Json;
using FluentValidation;
using FoiTracker.Application.Common.Exceptions;
using Mediator;

namespace FoiTracker.Application.Statistics.Snapshots.ReadSnapshots;

/// <summary>Every published snapshot, newest first.</summary>
public sealed record ListSnapshotsQuery(string BaseUrl) : IQuery<IReadOnlyList<SnapshotDto>>;

/// <summary>One snapshot with its statistics.</summary>
public sealed record GetSnapshotQuery(string Id, string BaseUrl) : IQuery<SnapshotDetailsDto>;

/// <summary>The exact published bytes of a snapshot, to serve and to check against its SHA-256.</summary>
public sealed record GetSnapshotContentQuery(string Id) : IQuery<SnapshotContent>;

public sealed class GetSnapshotValidator : AbstractValidator<GetSnapshotQuery>
{
    public GetSnapshotValidator() =>
        RuleFor(query => query.Id).MaximumLength(100).WithMessage("A snapshot id is at most 100 characters, such as 2026-ge-gac-1.");
}

public sealed class SnapshotQueryHandlers(ISnapshotStore store, SnapshotCitation citation)
    : IQueryHandler<ListSnapshotsQuery, IReadOnlyList<SnapshotDto>>,
      IQueryHandler<GetSnapshotQuery, SnapshotDetailsDto>,
      IQueryHandler<GetSnapshotContentQuery, SnapshotContent>
{
    public async ValueTask<IReadOnlyList<SnapshotDto>> Handle(ListSnapshotsQuery query, CancellationToken cancellationToken) =>
        (await store.ListAsync(cancellationToken)).Select(snapshot => citation.ToDto(snapshot, query.BaseUrl)).ToList();

    public async ValueTask<SnapshotDetailsDto> Handle(GetSnapshotQuery query, CancellationToken cancellationToken)
    {
        var snapshot = await store.GetAsync(query.Id, cancellationToken) ?? throw NotFoundException.For("snapshot", query.Id);
        var bytes = await store.GetContentAsync(query.Id, cancellationToken) ?? throw NotFoundException.For("snapshot", query.Id);
        using var document = JsonDocument.Parse(bytes);
        return new SnapshotDetailsDto(citation.ToDto(snapshot, query.BaseUrl), document.RootElement.Clone());
    }

    public async ValueTask<SnapshotContent> Handle(GetSnapshotContentQuery query, CancellationToken cancellationToken)
    {
        var snapshot = await store.GetAsync(query.Id, cancellationToken) ?? throw NotFoundException.For("snapshot", query.Id);
        var bytes = await store.GetContentAsync(query.Id, cancellationToken) ?? throw NotFoundException.For("snapshot", query.Id);
        return new SnapshotContent(snapshot.Id, bytes, snapshot.ContentSha256);
    }
}

using FoiTracker.Domain.Requests;
using FoiTracker.Domain.Workflows;

namespace FoiTracker.Application.Requests;

public interface IFoiRequestRepository
{
    /// <summary>Inserts a new request with what its first steps produced.</summary>
    Task AddAsync(FoiRequest request, CancellationToken cancellationToken);

    /// <summary>Writes a changed request; refused (409) when someone else saved it since it was loaded.</summary>
    Task SaveAsync(FoiRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Writes several changed requests as <see cref="SaveAsync"/> writes one, with a few statements for
    /// all of them; refused (409) as a whole when any of them was saved by someone else since it was loaded.
    /// </summary>
    Task SaveManyAsync(IReadOnlyCollection<FoiRequest> requests, CancellationToken cancellationToken);

    Task<FoiRequest?> GetAsync(RequestId id, CancellationToken cancellationToken);

    Task<FoiRequest?> GetByNumberAsync(RequestNumber number, CancellationToken cancellationToken);

    /// <summary>The timeline kind of the entry already written with this key (an event, a mail noted), or null (a replay changes nothing).</summary>
    Task<TimelineKind?> FindEventAsync(RequestId id, string eventKey, CancellationToken cancellationToken);
}

/// <summary>
/// Hands out request numbers: per year, increasing, never twice. Where filings can run side by side
/// (PostgreSQL) a number is given for good at once, so a filing that then fails leaves a gap.
/// </summary>
public interface IRequestNumberAllocator
{
    Task<RequestNumber> NextAsync(int year, CancellationToken cancellationToken);
}

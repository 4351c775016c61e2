using FoiTracker.Domain.Requests;

namespace FoiTracker.Application.Requests;

public interface IFoiRequestRepository
{
    Task AddAsync(FoiRequest request, CancellationToken cancellationToken);

    Task<FoiRequest?> GetAsync(RequestId id, CancellationToken cancellationToken);

    Task<FoiRequest?> GetByNumberAsync(RequestNumber number, CancellationToken cancellationToken);
}

/// <summary>Hands out request numbers: per year, gap-free within a committed transaction, never twice.</summary>
public interface IRequestNumberAllocator
{
    Task<RequestNumber> NextAsync(int year, CancellationToken cancellationToken);
}

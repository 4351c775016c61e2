using FoiTracker.Domain.Bodies;

namespace FoiTracker.Application.Bodies;

public interface IPublicBodyRepository
{
    Task<PublicBody?> GetAsync(PublicBodyKey key, CancellationToken cancellationToken);

    /// <summary>Inserts the body or replaces the stored one with the same key.</summary>
    Task UpsertAsync(PublicBody body, CancellationToken cancellationToken);

    Task<long> CountAsync(CancellationToken cancellationToken);
}

using FoiTracker.Domain.Jurisdictions;

namespace FoiTracker.Application.Jurisdictions;

public interface IJurisdictionRepository
{
    Task<Jurisdiction?> GetAsync(JurisdictionCode code, CancellationToken cancellationToken);

    Task UpsertAsync(Jurisdiction jurisdiction, CancellationToken cancellationToken);
}

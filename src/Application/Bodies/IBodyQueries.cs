using FoiTracker.Application.Common.Models;

namespace FoiTracker.Application.Bodies;

/// <summary>Read side for public bodies: DTOs straight from SQL.</summary>
public interface IBodyQueries
{
    /// <param name="text">Lower-cased text to find in either language's name or the key; null lists all.</param>
    Task<PagedResult<BodyDto>> SearchAsync(string? text, int page, int pageSize, CancellationToken cancellationToken);

    Task<BodyDto?> GetAsync(string key, CancellationToken cancellationToken);
}

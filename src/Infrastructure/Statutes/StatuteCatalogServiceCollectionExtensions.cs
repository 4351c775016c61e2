using FoiTracker.Application.Statutes;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Infrastructure.Statutes;

public static class StatuteCatalogServiceCollectionExtensions
{
    /// <summary>Registers the seeds folder's statutes and calendars as the singleton <see cref="IStatuteCatalog"/>.</summary>
    public static IServiceCollection AddStatuteCatalog(this IServiceCollection services, string seedsDirectory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(seedsDirectory);
        services.AddSingleton<IStatuteCatalog>(_ => StatuteCatalog.Load(seedsDirectory));
        return services;
    }
}

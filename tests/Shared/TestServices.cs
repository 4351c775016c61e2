using FoiTracker.Application;
using FoiTracker.Infrastructure;
using FoiTracker.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FoiTracker.Tests.Support;

/// <summary>The application and infrastructure wired as the host wires them, on a test database.</summary>
public static class TestServices
{
    public static ServiceProvider Build(DatabaseOptions database, Action<IServiceCollection>? configure = null, string? seedsDirectory = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider == DatabaseProvider.Postgres ? "postgres" : "sqlite",
            ["ConnectionStrings:Default"] = database.ConnectionString,
            ["Data:Directory"] = database.DataDirectory,
            ["Seeds:Directory"] = seedsDirectory ?? TestSeeds.Directory,
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddApplication();
        services.AddInfrastructure(configuration);
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    /// <summary>The repository's own seeds folder, found by walking up from the test binaries.</summary>
    public static string RepositorySeeds => TestSeeds.RepositorySeeds;
}

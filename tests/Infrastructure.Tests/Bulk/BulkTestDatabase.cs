using FoiTracker.Application.Bodies;
using FoiTracker.Application.Jurisdictions;
using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Jurisdictions;
using FoiTracker.Infrastructure.Configuration;
using FoiTracker.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Infrastructure.Tests.Bulk;

/// <summary>
/// A migrated SQLite file of its own in a temp folder, wired through AddInfrastructure as the
/// service wires it, with Georgia and a few bodies stored. Deleted on dispose.
/// </summary>
public sealed class BulkTestDatabase : IAsyncDisposable
{
    public static readonly PublicBodyKey[] BodyKeys =
    [
        PublicBodyKey.Create("ge-ministry-finance"),
        PublicBodyKey.Create("ge-gori-city-hall"),
        PublicBodyKey.Create("ge-tbilisi-city-court"),
    ];

    private readonly string _directory;

    private BulkTestDatabase(string directory, ServiceProvider services)
    {
        _directory = directory;
        Services = services;
    }

    public ServiceProvider Services { get; }

    public static async Task<BulkTestDatabase> CreateAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "foi-bulk-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [InfrastructureSettings.ProviderKey] = "sqlite",
                // Without pooling no connection keeps the file open once the test is done.
                [InfrastructureSettings.ConnectionStringKey] = $"Data Source={Path.Combine(directory, "foitracker.db")};Foreign Keys=True;Default Timeout=30;Pooling=False",
                [InfrastructureSettings.DataDirectoryKey] = directory,
                [InfrastructureSettings.SeedsDirectoryKey] = directory,
            })
            .Build();
        var services = new ServiceCollection().AddLogging().AddInfrastructure(configuration).BuildServiceProvider();
        var database = new BulkTestDatabase(directory, services);
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);

        await using var scope = services.CreateAsyncScope();
        var georgia = JurisdictionCode.Create("ge");
        await scope.ServiceProvider.GetRequiredService<IJurisdictionRepository>()
            .UpsertAsync(new Jurisdiction(georgia, new LocalizedText("საქართველო", "Georgia"), "ge-gac", "Asia/Tbilisi"), CancellationToken.None);
        var bodies = scope.ServiceProvider.GetRequiredService<IPublicBodyRepository>();
        foreach (var key in BodyKeys)
            await bodies.UpsertAsync(new PublicBody(key, georgia, BodyKind.Ministry, new LocalizedText("უწყება " + key, "Body " + key)), CancellationToken.None);
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }
}

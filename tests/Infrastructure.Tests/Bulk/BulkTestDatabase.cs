using System.Runtime.CompilerServices;
using FoiTracker.Application.Bodies;
using FoiTracker.Application.Jurisdictions;
using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Jurisdictions;
using FoiTracker.Domain.Requests;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Infrastructure.Tests.Bulk;

/// <summary>
/// A migrated database of either provider of its own, wired through AddInfrastructure as the service
/// wires it with the repository's statutes, with Georgia and a few bodies stored. Dropped on dispose.
/// </summary>
public sealed class BulkTestDatabase : IAsyncDisposable
{
    public static readonly PublicBodyKey[] BodyKeys =
    [
        PublicBodyKey.Create("ge-ministry-finance"),
        PublicBodyKey.Create("ge-gori-city-hall"),
        PublicBodyKey.Create("ge-tbilisi-city-court"),
    ];

    private readonly MigratedDatabase _database;

    private BulkTestDatabase(MigratedDatabase database)
    {
        _database = database;
    }

    public ServiceProvider Services => _database.Services;

    /// <summary>Skips a PostgreSQL case where the suite is not configured.</summary>
    public static async Task<BulkTestDatabase> CreateAsync(DatabaseProvider provider)
    {
        var database = new BulkTestDatabase(await MigratedDatabase.CreateAsync(provider));
        await using var scope = database.Services.CreateAsyncScope();
        var georgia = JurisdictionCode.Create("ge");
        await scope.ServiceProvider.GetRequiredService<IJurisdictionRepository>()
            .UpsertAsync(new Jurisdiction(georgia, new LocalizedText("საქართველო", "Georgia"), "ge-gac", "Asia/Tbilisi"), CancellationToken.None);
        var bodies = scope.ServiceProvider.GetRequiredService<IPublicBodyRepository>();
        foreach (var key in BodyKeys)
            await bodies.UpsertAsync(new PublicBody(key, georgia, BodyKind.Ministry, new LocalizedText("უწყება " + key, "Body " + key)), CancellationToken.None);
        return database;
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    /// <summary>Hands requests to an importer one at a time, as a stream read from elsewhere would.</summary>
    public static async IAsyncEnumerable<FoiRequest> Feed(IEnumerable<FoiRequest> requests, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var request in requests)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return request;
        }
    }
}

/// <summary>A test class that runs on a <see cref="BulkTestDatabase"/> of the provider its subclass names.</summary>
public abstract class BulkDatabaseTests : IAsyncLifetime
{
    private BulkTestDatabase? _database;

    protected abstract DatabaseProvider Provider { get; }

    protected ServiceProvider Services => _database?.Services ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync() => _database = await BulkTestDatabase.CreateAsync(Provider);

    public async Task DisposeAsync()
    {
        if (_database is not null)
            await _database.DisposeAsync();
    }
}

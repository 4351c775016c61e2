using System.Data.Common;
using FoiTracker.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Tests.Support;

/// <summary>
/// A fresh test database of either provider, migrated (all scripts, or up to one), with the
/// services wired on it and an open connection for checking the schema or the rows by SQL.
/// </summary>
public sealed class MigratedDatabase : IAsyncDisposable
{
    private MigratedDatabase(TestDatabase database, ServiceProvider services, DbConnection connection)
    {
        Database = database;
        Services = services;
        Connection = connection;
    }

    public TestDatabase Database { get; }

    public ServiceProvider Services { get; }

    public DbConnection Connection { get; }

    public DatabaseProvider Provider => Database.Provider;

    public DatabaseMigrator Migrator => Services.GetRequiredService<DatabaseMigrator>();

    /// <summary>Skips a PostgreSQL case where the suite is not configured (see <see cref="TestDatabase.SkipUnlessPostgresConfigured"/>).</summary>
    /// <param name="through">The last migration script to apply; all of them when null.</param>
    /// <param name="configure">Changes to the services, e.g. a clock of the test's own.</param>
    public static async Task<MigratedDatabase> CreateAsync(DatabaseProvider provider, string? through = null, Action<IServiceCollection>? configure = null)
    {
        if (provider == DatabaseProvider.Postgres)
            TestDatabase.SkipUnlessPostgresConfigured();
        var database = await TestDatabase.CreateAsync(provider);
        var services = TestServices.Build(database.Options, configure);
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(through, CancellationToken.None);
        var connection = await services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        return new MigratedDatabase(database, services, connection);
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }
}

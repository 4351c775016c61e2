// The service's Program, told apart from this runner's own.
extern alias service;

using FoiTracker.Benchmarks.BulkLoad;
using FoiTracker.Infrastructure.Configuration;
using FoiTracker.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FoiTracker.Benchmarks.Statistics;

/// <summary>
/// The service itself (the Web project's Program) hosted in this process on a scratch database, with
/// its HTTP pipeline behind an in-memory server: requests go through routing, the endpoints, the
/// mediator and the database as they do in production. The scheduler is off, so no sweep runs
/// under the measurements.
/// </summary>
public sealed class StatisticsHost(ScratchDatabase database, string seedsDirectory) : WebApplicationFactory<service::Program>
{
    /// <summary>A known administrator, so the first start does not make one and print its password.</summary>
    public const string AdminEmail = "admin@bench.foitracker.local";

    public const string AdminPassword = "Benchmark-Only-Password-1";

    /// <summary>
    /// A new host on new connection pools: what is left warm is the database server's buffers and the
    /// operating system's file cache (dropping those needs root), and this process's compiled code.
    /// </summary>
    public static StatisticsHost StartCold(ScratchDatabase database, string seedsDirectory)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.Provider == DatabaseProvider.Sqlite)
            SqliteConnection.ClearAllPools();
        else
            NpgsqlConnection.ClearAllPools();
        var host = new StatisticsHost(database, seedsDirectory);
        // Builds and starts the host (migrations are already applied, the seeds already loaded).
        _ = host.Server;
        return host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // The service needs no files of its own from a content root; the runner's folder stands in for the Web project's.
        builder.UseContentRoot(AppContext.BaseDirectory);
        builder.UseSetting(InfrastructureSettings.ProviderKey, database.Provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres");
        builder.UseSetting(InfrastructureSettings.ConnectionStringKey, database.ConnectionString ?? string.Empty);
        builder.UseSetting(InfrastructureSettings.DataDirectoryKey, database.DataDirectory);
        builder.UseSetting(InfrastructureSettings.SeedsDirectoryKey, seedsDirectory);
        builder.UseSetting("Workflow:Scheduler:Enabled", "false");
        builder.UseSetting("FOI_ADMIN_EMAIL", AdminEmail);
        builder.UseSetting("FOI_ADMIN_PASSWORD", AdminPassword);
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }
}

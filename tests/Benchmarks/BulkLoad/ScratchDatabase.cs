using System.Globalization;
using FoiTracker.Application;
using FoiTracker.Application.Seeds.LoadSeeds;
using FoiTracker.Benchmarks.Harness;
using FoiTracker.Infrastructure;
using FoiTracker.Infrastructure.Configuration;
using FoiTracker.Infrastructure.Persistence;
using Mediator;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FoiTracker.Benchmarks.BulkLoad;

/// <summary>
/// A database made for one run and removed after it unless kept: a SQLite file in a new temp
/// folder (the service's default file name and settings), or a PostgreSQL database created with
/// CREATE DATABASE on the given server.
/// </summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly string? _adminConnectionString;
    private readonly bool _keep;

    private ScratchDatabase(DatabaseProvider provider, string dataDirectory, string? connectionString, string? adminConnectionString, string? name, bool keep)
    {
        Provider = provider;
        DataDirectory = dataDirectory;
        ConnectionString = connectionString;
        _adminConnectionString = adminConnectionString;
        Name = name;
        _keep = keep;
    }

    public DatabaseProvider Provider { get; }

    /// <summary>The service's data folder; for SQLite it holds the database file.</summary>
    public string DataDirectory { get; }

    /// <summary>Null for SQLite: the service then makes its own, as it does in production.</summary>
    public string? ConnectionString { get; }

    /// <summary>The PostgreSQL database's name.</summary>
    public string? Name { get; }

    public string SqliteFile => Path.Combine(DataDirectory, "foitracker.db");

    /// <summary>Where the data can be found after the run (when kept).</summary>
    public string Location => Provider == DatabaseProvider.Sqlite
        ? SqliteFile
        : $"database '{Name}' on {new NpgsqlConnectionStringBuilder(ConnectionString).Host}:{new NpgsqlConnectionStringBuilder(ConnectionString).Port}";

    /// <summary>A fresh database of <paramref name="provider"/> ("sqlite" or "postgres", on the server <paramref name="postgresAdmin"/> names).</summary>
    public static async Task<ScratchDatabase> CreateAsync(string provider, string? postgresAdmin, bool keep, CancellationToken cancellationToken) =>
        provider == "sqlite"
            ? CreateSqlite(keep)
            : await CreatePostgresAsync(postgresAdmin ?? throw new ArgumentNullException(nameof(postgresAdmin)), keep, cancellationToken);

    public static ScratchDatabase CreateSqlite(bool keep)
    {
        var directory = Path.Combine(Path.GetTempPath(), $"foi-bench-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..8]}");
        Directory.CreateDirectory(directory);
        return new ScratchDatabase(DatabaseProvider.Sqlite, directory, null, null, null, keep);
    }

    public static async Task<ScratchDatabase> CreatePostgresAsync(string adminConnectionString, bool keep, CancellationToken cancellationToken)
    {
        var name = string.Create(CultureInfo.InvariantCulture, $"foi_bench_{DateTime.UtcNow:yyyyMMdd_HHmmss}_{Environment.ProcessId}");
        await using (var admin = new NpgsqlConnection(adminConnectionString))
        {
            await admin.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" ENCODING 'UTF8' TEMPLATE template0", admin);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var connectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name }.ConnectionString;
        var directory = Path.Combine(Path.GetTempPath(), $"foi-bench-{name}");
        Directory.CreateDirectory(directory);
        return new ScratchDatabase(DatabaseProvider.Postgres, directory, connectionString, adminConnectionString, name, keep);
    }

    /// <summary>
    /// A database an earlier run kept (<c>--keep</c>), to measure again without filling a new one: for SQLite the
    /// path of its file (the service's default name in the data folder), for PostgreSQL its name on the server
    /// <paramref name="postgresAdmin"/> names. It is kept again afterwards.
    /// </summary>
    public static ScratchDatabase Kept(string provider, string location, string? postgresAdmin)
    {
        if (provider == "sqlite")
        {
            var file = Path.GetFullPath(location);
            if (!File.Exists(file) || Path.GetFileName(file) != "foitracker.db")
                throw new UsageException($"--database: no kept SQLite database at {file} (give the path of its foitracker.db).");
            return new ScratchDatabase(DatabaseProvider.Sqlite, Path.GetDirectoryName(file)!, null, null, null, keep: true);
        }

        var connectionString = new NpgsqlConnectionStringBuilder(postgresAdmin ?? throw new ArgumentNullException(nameof(postgresAdmin))) { Database = location }.ConnectionString;
        var directory = Path.Combine(Path.GetTempPath(), $"foi-bench-{location}");
        Directory.CreateDirectory(directory);
        return new ScratchDatabase(DatabaseProvider.Postgres, directory, connectionString, postgresAdmin, location, keep: true);
    }

    /// <summary>SQLite: main file plus write-ahead log after a full checkpoint. PostgreSQL: pg_database_size.</summary>
    /// <summary>
    /// The service's own wiring on this database, set up the service's way: migrations, then the
    /// seeds through the mediator. The caller disposes it.
    /// </summary>
    /// <param name="settings">More settings for the service (e.g. the mail transport), added to the database's.</param>
    public async Task<ServiceProvider> StartServiceAsync(string seedsDirectory, CancellationToken cancellationToken, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [InfrastructureSettings.ProviderKey] = Provider == DatabaseProvider.Sqlite ? "sqlite" : "postgres",
                [InfrastructureSettings.ConnectionStringKey] = ConnectionString,
                [InfrastructureSettings.DataDirectoryKey] = DataDirectory,
                [InfrastructureSettings.SeedsDirectoryKey] = seedsDirectory,
            })
            .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
            .Build();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddApplication()
            .AddInfrastructure(configuration)
            .BuildServiceProvider();
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
        await using (var scope = services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new LoadSeedsCommand(), cancellationToken);
        return services;
    }

    public async Task<long> SizeInBytesAsync(CancellationToken cancellationToken)
    {
        if (Provider == DatabaseProvider.Sqlite)
        {
            await using (var connection = new SqliteConnection($"Data Source={SqliteFile}"))
            {
                await connection.OpenAsync(cancellationToken);
                await using var checkpoint = connection.CreateCommand();
                checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
                await checkpoint.ExecuteNonQueryAsync(cancellationToken);
            }

            var wal = new FileInfo(SqliteFile + "-wal");
            return new FileInfo(SqliteFile).Length + (wal.Exists ? wal.Length : 0);
        }

        await using var postgres = new NpgsqlConnection(ConnectionString);
        await postgres.OpenAsync(cancellationToken);
        await using var size = new NpgsqlCommand("SELECT pg_database_size(current_database())", postgres);
        return (long)(await size.ExecuteScalarAsync(cancellationToken))!;
    }

    public async ValueTask DisposeAsync()
    {
        if (_keep)
        {
            Console.WriteLine($"  kept: {Location}");
            return;
        }

        if (Provider == DatabaseProvider.Sqlite)
        {
            // Pooled connections keep the file open.
            SqliteConnection.ClearAllPools();
        }
        else
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(_adminConnectionString);
            await admin.OpenAsync(CancellationToken.None);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync(CancellationToken.None);
        }

        Directory.Delete(DataDirectory, recursive: true);
    }
}

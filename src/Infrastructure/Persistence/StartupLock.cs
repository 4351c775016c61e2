using DbUp;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FoiTracker.Infrastructure.Persistence;

/// <summary>
/// Lets one node at a time run the start-up work that would race with another node's (migrating,
/// moving keys into the database, creating the first Data Protection key): on PostgreSQL a session
/// advisory lock, on SQLite an exclusively opened file beside the database. Released on dispose.
/// </summary>
public sealed class StartupLock : IAsyncDisposable
{
    // Not the migration lock's key: the migrator takes that one while this is held.
    private const long StartupLockKey = 0x466F_6953_7461_7274;

    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    private readonly NpgsqlConnection? _connection;
    private readonly FileStream? _file;

    private StartupLock(NpgsqlConnection? connection, FileStream? file)
    {
        _connection = connection;
        _file = file;
    }

    public static async Task<StartupLock> AcquireAsync(DatabaseOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Provider == DatabaseProvider.Postgres
            ? await LockDatabaseAsync(options.ConnectionString, cancellationToken)
            : await LockFileAsync(options.ConnectionString, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_connection is not null)
        {
            await using (var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({StartupLockKey})", _connection))
                await release.ExecuteNonQueryAsync(CancellationToken.None);
            await _connection.DisposeAsync();
        }

        if (_file is not null)
            await _file.DisposeAsync();
    }

    private static async Task<StartupLock> LockDatabaseAsync(string connectionString, CancellationToken cancellationToken)
    {
        try
        {
            // The migrator logs what it does to the database; here it only has to exist.
            EnsureDatabase.For.PostgresqlDatabase(connectionString, new DbUp.Engine.Output.NoOpUpgradeLog());
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another node created it between DbUp's check and its CREATE DATABASE.
        }

        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var take = new NpgsqlCommand($"SELECT pg_advisory_lock({StartupLockKey})", connection);
            await take.ExecuteNonQueryAsync(cancellationToken);
            return new StartupLock(connection, null);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<StartupLock> LockFileAsync(string connectionString, CancellationToken cancellationToken)
    {
        var database = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
        var path = database + ".startup-lock";
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var giveUp = DateTime.UtcNow + Patience;
        while (true)
        {
            try
            {
                return new StartupLock(null, new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (DateTime.UtcNow < giveUp)
            {
                // Another process on this database is starting: wait for it.
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
            }
        }
    }
}

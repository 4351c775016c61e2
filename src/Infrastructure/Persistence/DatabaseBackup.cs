using System.ComponentModel;
using System.Diagnostics;
using DbUp;
using DbUp.Engine.Output;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FoiTracker.Infrastructure.Persistence;

/// <summary>A backup that could not be taken or put back; the message says why and what to do.</summary>
public sealed class BackupException : Exception
{
    public BackupException(string message)
        : base(message)
    {
    }

    public BackupException()
        : base("The backup could not be taken or restored.")
    {
    }

    public BackupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// Copies the database to one file while the service runs, and puts such a copy back.
/// <para>
/// SQLite: <c>VACUUM INTO</c> reads one consistent state of the database in a read transaction,
/// which in WAL mode neither waits for the writer nor holds it up; what any transaction committed
/// before it began is in the copy. Restoring copies the file's pages into the database through
/// SQLite's backup API, which replaces the whole database at once.
/// </para>
/// <para>
/// PostgreSQL: <c>pg_dump --format=custom</c> dumps one snapshot of the database; <c>pg_restore
/// --clean</c> puts it back in one transaction. Both must be on the PATH (the PostgreSQL client
/// tools, of the server's major version or newer), and are given the connection's host, port, user,
/// password and database through the PG* environment variables.
/// </para>
/// A backup is written under a temporary name and renamed when complete, so a file with the name
/// asked for is always a whole backup.
/// </summary>
public sealed class DatabaseBackup(DatabaseOptions options)
{
    /// <summary>Writes a backup to <paramref name="file"/>, which must not exist yet.</summary>
    public async Task BackupAsync(string file, CancellationToken cancellationToken)
    {
        var target = Path.GetFullPath(file);
        if (File.Exists(target))
            throw new BackupException($"'{target}' already exists: name a new file, so no backup is overwritten.");
        if (Path.GetDirectoryName(target) is { } folder && !Directory.Exists(folder))
            throw new BackupException($"The folder '{folder}' does not exist: create it first.");
        var partial = target + ".partial";
        File.Delete(partial);
        try
        {
            if (options.Provider == DatabaseProvider.Sqlite)
                await BackupSqliteAsync(partial, cancellationToken);
            else
                await RunPostgresToolAsync("pg_dump", ["--format=custom", "--no-owner", "--file", partial], cancellationToken);
            File.Move(partial, target);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>
    /// Replaces the database's contents with the backup in <paramref name="file"/>. Run it with the
    /// service stopped; the migrations run at the next start (or right after, by the caller).
    /// </summary>
    public async Task RestoreAsync(string file, CancellationToken cancellationToken)
    {
        var source = Path.GetFullPath(file);
        if (!File.Exists(source))
            throw new BackupException($"There is no backup file '{source}'.");
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            await RestoreSqliteAsync(source, cancellationToken);
            return;
        }

        EnsureDatabase.For.PostgresqlDatabase(options.ConnectionString, new NoOpUpgradeLog());
        await RunPostgresToolAsync(
            "pg_restore", ["--clean", "--if-exists", "--no-owner", "--exit-on-error", "--single-transaction", "--dbname", Postgres().Database!, source], cancellationToken);
    }

    private async Task BackupSqliteAsync(string partial, CancellationToken cancellationToken)
    {
        var database = new SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
        if (!File.Exists(database))
            throw new BackupException($"There is no database at '{database}' to back up: check Data:Directory (or ConnectionStrings:Default).");
        await using var connection = new SqliteConnection(options.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "VACUUM INTO $file";
        command.Parameters.AddWithValue("$file", partial);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task RestoreSqliteAsync(string source, CancellationToken cancellationToken)
    {
        var backupConnection = new SqliteConnectionStringBuilder { DataSource = source, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ConnectionString;
        await using var backup = new SqliteConnection(backupConnection);
        try
        {
            await backup.OpenAsync(cancellationToken);
            await using var check = backup.CreateCommand();
            check.CommandText = "PRAGMA quick_check";
            var verdict = await check.ExecuteScalarAsync(cancellationToken) as string;
            check.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND lower(name) IN ('schemaversions', 'requests')";
            var tables = Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            if (verdict != "ok" || tables != 2)
                throw new BackupException($"'{source}' is not a FoiTracker backup (a SQLite database with its requests and migrations), or it is damaged.");
        }
        catch (SqliteException ex)
        {
            throw new BackupException($"'{source}' is not a SQLite database: {ex.Message}", ex);
        }

        await using var database = new SqliteConnection(options.ConnectionString);
        await database.OpenAsync(cancellationToken);
        backup.BackupDatabase(database);
    }

    private NpgsqlConnectionStringBuilder Postgres() => new(options.ConnectionString);

    private async Task RunPostgresToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var connection = Postgres();
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // The connection goes by the environment, so the password is never on a command line.
        start.Environment["PGHOST"] = connection.Host;
        start.Environment["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGDATABASE"] = connection.Database;
        if (connection.Username is { } user)
            start.Environment["PGUSER"] = user;
        if (connection.Password is { } password)
            start.Environment["PGPASSWORD"] = password;
        if (connection.SslMode is SslMode.Disable or SslMode.Allow or SslMode.Prefer or SslMode.Require)
            start.Environment["PGSSLMODE"] = connection.SslMode.ToString().ToLowerInvariant();

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            throw new BackupException($"{tool} could not be started ({ex.Message}): install the PostgreSQL client tools of the server's version (Debian: postgresql-client) and put them on the PATH.", ex);
        }

        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var errors = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        await output;
        if (process.ExitCode != 0)
            throw new BackupException($"{tool} failed (exit code {process.ExitCode}): {(await errors).Trim()}");
    }
}

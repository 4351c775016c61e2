using DbUp;
using DbUp.Engine;
using DbUp.Engine.Output;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace FoiTracker.Infrastructure.Persistence;

/// <summary>
/// Applies the forward-only SQL scripts of the configured provider (embedded resources under
/// Persistence/Migrations/{Sqlite|Postgres}). Applied scripts are journalled, so running it again
/// does nothing; on PostgreSQL an advisory lock keeps two nodes starting together from racing.
/// </summary>
public sealed class DatabaseMigrator(DatabaseOptions options, ILogger<DatabaseMigrator> logger)
{
    // Any constant unique to this application; PostgreSQL advisory locks are keyed by a bigint.
    private const long MigrationLockKey = 0x466F_6954_7261_636B;

    /// <summary>A command timeout of zero: no limit, on SQLite and PostgreSQL alike.</summary>
    private static readonly TimeSpan Unlimited = TimeSpan.Zero;

    public Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken) => MigrateAsync(through: null, cancellationToken);

    /// <summary>
    /// Applies the scripts up to and including <paramref name="through"/> (a script's file name, such as
    /// <c>0011_lean_sweep_writes.sql</c>), or all of them when it is null: a migration that moves data
    /// is checked on data written by the schema before it.
    /// </summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(string? through, CancellationToken cancellationToken)
    {
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            await UseWriteAheadLogAsync(cancellationToken);
            return Run(DeployChanges.To.SqliteDatabase(options.ConnectionString), "Sqlite", through);
        }

        EnsureDatabase.For.PostgresqlDatabase(options.ConnectionString, new LogAdapter(logger));
        await using var lockConnection = new NpgsqlConnection(options.ConnectionString);
        await lockConnection.OpenAsync(cancellationToken);
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockKey})", lockConnection))
            await take.ExecuteNonQueryAsync(cancellationToken);
        try
        {
            return Run(DeployChanges.To.PostgresqlDatabase(options.ConnectionString), "Postgres", through);
        }
        finally
        {
            await using var release = new NpgsqlCommand($"SELECT pg_advisory_unlock({MigrationLockKey})", lockConnection);
            await release.ExecuteNonQueryAsync(CancellationToken.None);
        }
    }

    /// <summary>WAL lets readers go on while one writer commits; the mode is stored in the file, so setting it once is enough.</summary>
    private async Task UseWriteAheadLogAsync(CancellationToken cancellationToken)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection(options.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL;";
        await command.ExecuteScalarAsync(cancellationToken);
    }

    private List<string> Run(DbUp.Builder.UpgradeEngineBuilder builder, string folder, string? through)
    {
        var prefix = $"{typeof(DatabaseMigrator).Namespace}.Migrations.{folder}.";
        var engine = builder
            .WithScriptsEmbeddedInAssembly(
                typeof(DatabaseMigrator).Assembly,
                name => name.StartsWith(prefix, StringComparison.Ordinal) && (through is null || string.CompareOrdinal(name[prefix.Length..], through) <= 0))
            .WithTransactionPerScript()
            // A script runs as long as it needs: one that rewrites a large table, or waits for another session's
            // lock, took longer than the connection's command timeout (30 s unless the connection string says
            // otherwise), was rolled back, and the service could not start on its own database (ADR 041).
            .WithExecutionTimeout(Unlimited)
            .LogTo(new LogAdapter(logger))
            .Build();

        var result = engine.PerformUpgrade();
        if (!result.Successful)
            throw new InvalidOperationException($"Database migration failed in script '{result.ErrorScript?.Name}': {result.Error.Message}", result.Error);

        return result.Scripts.Select((SqlScript script) => script.Name[prefix.Length..]).ToList();
    }

    private sealed class LogAdapter(ILogger logger) : IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) => logger.LogTrace("{Migration}", Format(format, args));

        public void LogDebug(string format, params object[] args) => logger.LogDebug("{Migration}", Format(format, args));

        public void LogInformation(string format, params object[] args) => logger.LogDebug("{Migration}", Format(format, args));

        public void LogWarning(string format, params object[] args) => logger.LogWarning("{Migration}", Format(format, args));

        public void LogError(string format, params object[] args) => logger.LogError("{Migration}", Format(format, args));

        public void LogError(Exception ex, string format, params object[] args) => logger.LogError(ex, "{Migration}", Format(format, args));

        private static string Format(string format, object[] args) =>
            args.Length == 0 ? format : string.Format(System.Globalization.CultureInfo.InvariantCulture, format, args);
    }
}

using System.Globalization;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Infrastructure.Scheduling;
using FoiTracker.Infrastructure.Seeding;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace FoiTracker.Infrastructure.Configuration;

/// <summary>Reads and checks the settings the infrastructure needs, before anything is wired.</summary>
public static class InfrastructureSettings
{
    public const string ProviderKey = "Database:Provider";
    public const string ConnectionStringKey = "ConnectionStrings:Default";
    public const string DataDirectoryKey = "Data:Directory";
    public const string SeedsDirectoryKey = "Seeds:Directory";
    public const string SqliteCacheKey = "Database:Sqlite:CacheMiB";
    public const string SweepIntervalKey = "Workflow:SweepInterval";
    public const string SweepBatchSizeKey = "Workflow:SweepBatchSize";
    public const string SweepWorkersKey = "Workflow:SweepWorkers";
    public const string OutboxIntervalKey = "Workflow:OutboxInterval";
    public const string OutboxBatchSizeKey = "Workflow:OutboxBatchSize";
    public const string SchedulerEnabledKey = "Workflow:Scheduler:Enabled";

    public static DatabaseOptions ReadDatabase(IConfiguration configuration)
    {
        var dataDirectory = PrepareDataDirectory(configuration[DataDirectoryKey]);
        var providerName = configuration[ProviderKey];
        var provider = (providerName ?? "sqlite").Trim().ToLowerInvariant() switch
        {
            "sqlite" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" => DatabaseProvider.Postgres,
            _ => throw new ConfigurationProblemException(
                $"{ProviderKey} is '{providerName}', which is not supported: set it to 'sqlite' (the default) or 'postgres'."),
        };

        var connectionString = configuration[ConnectionStringKey];
        if (provider == DatabaseProvider.Postgres)
        {
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new ConfigurationProblemException(
                    $"{ConnectionStringKey} is empty but {ProviderKey} is 'postgres': set it, e.g. ConnectionStrings__Default=\"Host=127.0.0.1;Database=foitracker;Username=foi;Password=...\".");
            try
            {
                _ = new NpgsqlConnectionStringBuilder(connectionString);
            }
            catch (ArgumentException ex)
            {
                throw new ConfigurationProblemException($"{ConnectionStringKey} is not a valid PostgreSQL connection string: {ex.Message}");
            }
        }
        else if (string.IsNullOrWhiteSpace(connectionString))
        {
            // Foreign keys are off by default in SQLite; "Default Timeout" is also how long a
            // writer waits for the lock held by another writer.
            connectionString = $"Data Source={Path.Combine(dataDirectory, "foitracker.db")};Foreign Keys=True;Default Timeout=30";
        }

        return new DatabaseOptions
        {
            Provider = provider,
            ConnectionString = connectionString!,
            DataDirectory = dataDirectory,
            SqliteCacheMiB = ReadWholeNumber(configuration, SqliteCacheKey, DatabaseOptions.DefaultSqliteCacheMiB),
        };
    }

    public static SeedOptions ReadSeeds(IConfiguration configuration)
    {
        var configured = configuration[SeedsDirectoryKey];
        var directory = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(AppContext.BaseDirectory, "seeds")
            : Path.GetFullPath(configured);
        if (!Directory.Exists(directory))
            throw new ConfigurationProblemException($"{SeedsDirectoryKey} points to '{directory}', which does not exist: set it to the repository's seeds folder.");
        return new SeedOptions { Directory = directory };
    }

    public static WorkflowSchedule ReadWorkflowSchedule(IConfiguration configuration) => new()
    {
        SweepInterval = ReadInterval(configuration, SweepIntervalKey, WorkflowSchedule.DefaultSweepInterval),
        SweepBatchSize = ReadWholeNumber(configuration, SweepBatchSizeKey, WorkflowSchedule.DefaultSweepBatchSize),
        SweepWorkers = ReadSweepWorkers(configuration),
        OutboxInterval = ReadInterval(configuration, OutboxIntervalKey, WorkflowSchedule.DefaultOutboxInterval),
        OutboxBatchSize = ReadWholeNumber(configuration, OutboxBatchSizeKey, WorkflowSchedule.DefaultOutboxBatchSize),
        SchedulerEnabled = ReadSwitch(configuration, SchedulerEnabledKey, defaultValue: true),
    };

    private static TimeSpan ReadInterval(IConfiguration configuration, string key, TimeSpan defaultValue)
    {
        var configured = configuration[key];
        if (string.IsNullOrWhiteSpace(configured))
            return defaultValue;
        if (!TimeSpan.TryParse(configured.Trim(), CultureInfo.InvariantCulture, out var interval))
            throw new ConfigurationProblemException(
                $"{key} is '{configured}', which is not a time span: write it as hh:mm:ss, e.g. {defaultValue:c}.");
        if (interval <= TimeSpan.Zero)
            throw new ConfigurationProblemException(
                $"{key} is '{configured}', but it must be longer than zero: set it to e.g. {defaultValue:c}.");
        return interval;
    }

    private static int ReadWholeNumber(IConfiguration configuration, string key, int defaultValue)
    {
        var configured = configuration[key];
        if (string.IsNullOrWhiteSpace(configured))
            return defaultValue;
        if (!int.TryParse(configured.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var size) || size < 1)
            throw new ConfigurationProblemException(
                $"{key} is '{configured}', but it must be a whole number of at least 1: set it to e.g. {defaultValue}.");
        return size;
    }

    /// <summary>The default follows the provider: only PostgreSQL lets two batches write at once.</summary>
    private static int ReadSweepWorkers(IConfiguration configuration)
    {
        var postgres = (configuration[ProviderKey] ?? "").Trim().ToLowerInvariant() is "postgres" or "postgresql";
        var defaultValue = postgres ? WorkflowSchedule.DefaultSweepWorkersPostgres : WorkflowSchedule.DefaultSweepWorkersSqlite;
        var configured = configuration[SweepWorkersKey];
        if (string.IsNullOrWhiteSpace(configured))
            return defaultValue;
        if (!int.TryParse(configured.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var workers) || workers < 1 || workers > WorkflowSchedule.MaxSweepWorkers)
            throw new ConfigurationProblemException(
                $"{SweepWorkersKey} is '{configured}', but it must be a whole number from 1 to {WorkflowSchedule.MaxSweepWorkers}: set it to e.g. {defaultValue}.");
        return workers;
    }

    private static bool ReadSwitch(IConfiguration configuration, string key, bool defaultValue)
    {
        var configured = configuration[key];
        if (string.IsNullOrWhiteSpace(configured))
            return defaultValue;
        return bool.TryParse(configured.Trim(), out var value)
            ? value
            : throw new ConfigurationProblemException($"{key} is '{configured}', which is not a switch: set it to 'true' or 'false'.");
    }

    private static string PrepareDataDirectory(string? configured)
    {
        var directory = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? "data" : configured);
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, string.Empty);
            File.Delete(probe);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationProblemException(
                $"{DataDirectoryKey} is '{directory}', which the service cannot write to ({ex.Message.TrimEnd('.')}): set Data__Directory to a writable folder.");
        }

        return directory;
    }
}

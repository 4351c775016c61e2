namespace FoiTracker.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Where the data lives: <c>Database:Provider</c>, <c>ConnectionStrings:Default</c> and <c>Data:Directory</c>.</summary>
public sealed class DatabaseOptions
{
    public required DatabaseProvider Provider { get; init; }

    public required string ConnectionString { get; init; }

    /// <summary>Absolute path of the data folder (the SQLite file, data-protection keys, mail pickup).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>
    /// SQLite's page cache per connection, in MiB (<c>Database:Sqlite:CacheMiB</c>). SQLite's own default of
    /// 2 MiB is smaller than what one sweep batch dirties, so pages were written to the log twice:
    /// once when the cache spilled and again at commit.
    /// </summary>
    public int SqliteCacheMiB { get; init; } = DefaultSqliteCacheMiB;

    public const int DefaultSqliteCacheMiB = 64;
}

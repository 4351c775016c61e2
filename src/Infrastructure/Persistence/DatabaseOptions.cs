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
}

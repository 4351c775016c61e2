using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FoiTracker.Infrastructure.Persistence;

public interface IDbConnectionFactory
{
    DatabaseProvider Provider { get; }

    /// <summary>Opens a new connection; the caller disposes it.</summary>
    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);
}

public sealed class DbConnectionFactory : IDbConnectionFactory, IAsyncDisposable
{
    private readonly DatabaseOptions _options;
    private readonly NpgsqlDataSource? _dataSource;

    public DbConnectionFactory(DatabaseOptions options)
    {
        _options = options;
        if (options.Provider == DatabaseProvider.Postgres)
            _dataSource = NpgsqlDataSource.Create(options.ConnectionString);
    }

    public DatabaseProvider Provider => _options.Provider;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (_dataSource is not null)
            return await _dataSource.OpenConnectionAsync(cancellationToken);

        var connection = new SqliteConnection(_options.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var pragma = connection.CreateCommand())
        {
            // A per-connection setting, so every open sets it. A negative cache_size is in KiB.
            pragma.CommandText = string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = -{_options.SqliteCacheMiB * 1024}");
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        return connection;
    }

    public ValueTask DisposeAsync() => _dataSource?.DisposeAsync() ?? ValueTask.CompletedTask;
}

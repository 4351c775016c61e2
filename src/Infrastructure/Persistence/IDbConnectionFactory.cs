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
        {
            // The same few statements run for every row a step writes: prepared once per connection,
            // the server parses and plans each only once (unless the connection string says otherwise).
            var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            if (builder.MaxAutoPrepare == 0)
                builder.MaxAutoPrepare = 64;
            _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        }
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
            // Per-connection settings, so every open sets them. A negative cache_size is in KiB. The log
            // is copied back by the SqliteCheckpointer after commits; a commit does it itself only past the backstop.
            pragma.CommandText = string.Create(
                CultureInfo.InvariantCulture,
                $"PRAGMA cache_size = -{_options.SqliteCacheMiB * 1024}; PRAGMA wal_autocheckpoint = {SqliteCheckpointer.BackstopPages};");
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        return connection;
    }

    public ValueTask DisposeAsync() => _dataSource?.DisposeAsync() ?? ValueTask.CompletedTask;
}

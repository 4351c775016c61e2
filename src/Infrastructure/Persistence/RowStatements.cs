using System.Collections.Concurrent;
using System.Reflection;
using Dapper;
using Npgsql;

namespace FoiTracker.Infrastructure.Persistence;

/// <summary>
/// Runs one statement once for each row of a list, on the scope's connection and transaction, and
/// gives how many rows each run touched. The statement names its parameters after the row's
/// properties, as Dapper's do. Chosen once per database when the services are wired (ADR 018).
/// </summary>
public interface IRowStatements
{
    Task<IReadOnlyList<int>> ExecuteAsync(DbSession session, string sql, IReadOnlyList<object> rows, CancellationToken cancellationToken);
}

/// <summary>SQLite runs in the process: a statement per row costs no round trip, so Dapper runs each.</summary>
public sealed class SqliteRowStatements : IRowStatements
{
    public async Task<IReadOnlyList<int>> ExecuteAsync(DbSession session, string sql, IReadOnlyList<object> rows, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var touched = new int[rows.Count];
        for (var i = 0; i < rows.Count; i++)
            touched[i] = await connection.ExecuteAsync(new CommandDefinition(sql, rows[i], session.Transaction, cancellationToken: cancellationToken));
        return touched;
    }
}

/// <summary>
/// PostgreSQL is a round trip away: the statements for every row go in one batch, which the server
/// runs in order inside the scope's transaction. Values are bound as Npgsql maps them natively; an
/// instant is sent in UTC, the only offset Npgsql accepts for <c>timestamptz</c>.
/// </summary>
public sealed class PostgresRowStatements : IRowStatements
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Shapes = new();

    public async Task<IReadOnlyList<int>> ExecuteAsync(DbSession session, string sql, IReadOnlyList<object> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
            return [];
        var connection = (NpgsqlConnection)await session.ConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, (NpgsqlTransaction?)session.Transaction);
        foreach (var row in rows)
        {
            var command = new NpgsqlBatchCommand(sql);
            foreach (var property in Shapes.GetOrAdd(row.GetType(), type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)))
                command.Parameters.Add(new NpgsqlParameter(property.Name, Bound(property.GetValue(row))));
            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        return batch.BatchCommands.Select((NpgsqlBatchCommand command) => checked((int)command.RecordsAffected)).ToList();
    }

    private static object Bound(object? value) => value switch
    {
        null => DBNull.Value,
        DateTimeOffset instant => instant.ToUniversalTime(),
        _ => value,
    };
}

using System.Collections.Concurrent;
using System.Reflection;
using Microsoft.Data.Sqlite;
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

/// <summary>
/// SQLite runs in the process: a statement per row costs no round trip. Its text is compiled once
/// for the list, and each row binds its values to that compiled statement: Microsoft.Data.Sqlite
/// keeps a compiled statement only with the command that compiled it, so a new command a row (as
/// Dapper makes) compiles the same text again for every row. Values are bound as Dapper's handlers bind
/// them (<see cref="TypeHandlers.ToSqliteValue"/>).
/// </summary>
public sealed class SqliteRowStatements : IRowStatements
{
    public async Task<IReadOnlyList<int>> ExecuteAsync(DbSession session, string sql, IReadOnlyList<object> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
            return [];
        var connection = (SqliteConnection)await session.ConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = (SqliteTransaction?)session.Transaction;
        var shape = RowShape.Of(rows[0].GetType());
        foreach (var property in shape)
            command.Parameters.Add(new SqliteParameter("@" + property.Name, DBNull.Value));

        var touched = new int[rows.Count];
        for (var i = 0; i < rows.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (rows[i].GetType() != shape.Type)
                throw new ArgumentException("Every row of one statement has the same shape.", nameof(rows));
            for (var p = 0; p < shape.Count; p++)
                command.Parameters[p].Value = TypeHandlers.ToSqliteValue(shape[p].GetValue(rows[i]));
            touched[i] = command.ExecuteNonQuery();
        }

        return touched;
    }
}

/// <summary>The public properties of a row's type, whose names its statement's parameters take; looked up once a type.</summary>
internal sealed class RowShape : List<PropertyInfo>
{
    private static readonly ConcurrentDictionary<Type, RowShape> Shapes = new();

    private RowShape(Type type)
        : base(type.GetProperties(BindingFlags.Public | BindingFlags.Instance)) => Type = type;

    public Type Type { get; }

    public static RowShape Of(Type type) => Shapes.GetOrAdd(type, static type => new RowShape(type));
}

/// <summary>
/// PostgreSQL is a round trip away: the statements for every row go in one batch, which the server
/// runs in order inside the scope's transaction. Values are bound as Npgsql maps them natively; an
/// instant is sent in UTC, the only offset Npgsql accepts for <c>timestamptz</c>.
/// </summary>
public sealed class PostgresRowStatements : IRowStatements
{
    public async Task<IReadOnlyList<int>> ExecuteAsync(DbSession session, string sql, IReadOnlyList<object> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
            return [];
        var connection = (NpgsqlConnection)await session.ConnectionAsync(cancellationToken);
        await using var batch = new NpgsqlBatch(connection, (NpgsqlTransaction?)session.Transaction);
        foreach (var row in rows)
        {
            var command = new NpgsqlBatchCommand(sql);
            foreach (var property in RowShape.Of(row.GetType()))
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

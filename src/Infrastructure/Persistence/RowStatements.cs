using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
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
/// instant is sent in UTC, the only offset Npgsql accepts for <c>timestamptz</c>. The statement's
/// <c>@Property</c> names become PostgreSQL's own numbered placeholders once for each text and row type,
/// and each row's values are bound by position: with named parameters Npgsql parsed and rewrote the
/// text again for every row of every batch, 14 % of the sweep's CPU (ADR 042).
/// </summary>
public sealed class PostgresRowStatements : IRowStatements
{
    private static readonly ConcurrentDictionary<(string Sql, Type Row), NumberedStatement> Numbered = new();

    public async Task<IReadOnlyList<int>> ExecuteAsync(DbSession session, string sql, IReadOnlyList<object> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
            return [];
        var connection = (NpgsqlConnection)await session.ConnectionAsync(cancellationToken);
        var shape = RowShape.Of(rows[0].GetType());
        var statement = Numbered.GetOrAdd((sql, shape.Type), static key => NumberedStatement.Of(key.Sql, RowShape.Of(key.Row)));
        await using var batch = new NpgsqlBatch(connection, (NpgsqlTransaction?)session.Transaction);
        foreach (var row in rows)
        {
            if (row.GetType() != shape.Type)
                throw new ArgumentException("Every row of one statement has the same shape.", nameof(rows));
            var command = new NpgsqlBatchCommand(statement.Text);
            foreach (var property in statement.Parameters)
                command.Parameters.Add(new NpgsqlParameter { Value = Bound(property.GetValue(row)) });
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

/// <summary>
/// A statement whose <c>@Name</c>s are PostgreSQL's <c>$1</c>, <c>$2</c>… in the order the names first appear, and
/// the row's properties whose values fill them, in that order (a property the statement does not name is not sent).
/// Text in single or double quotes is left as it is, as Npgsql left it: an <c>@</c> in a literal is no parameter.
/// </summary>
internal sealed partial record NumberedStatement(string Text, IReadOnlyList<PropertyInfo> Parameters)
{
    /// <exception cref="ArgumentException">The statement names a property the row's type does not have.</exception>
    public static NumberedStatement Of(string sql, RowShape shape)
    {
        var parameters = new List<PropertyInfo>();
        var text = Placeholder().Replace(sql, match =>
        {
            if (!match.Groups[1].Success)
                return match.Value;
            var name = match.Groups[1].Value;
            var property = shape.Find(candidate => candidate.Name == name)
                ?? throw new ArgumentException($"The statement names @{name}, which rows of {shape.Type.Name} do not have.", nameof(sql));
            var index = parameters.IndexOf(property);
            if (index < 0)
            {
                parameters.Add(property);
                index = parameters.Count - 1;
            }

            return "$" + (index + 1).ToString(CultureInfo.InvariantCulture);
        });
        return new NumberedStatement(text, parameters);
    }

    /// <summary>A quoted literal or name (matched to be kept), or a parameter (its name in group 1).</summary>
    [GeneratedRegex(@"'(?:[^']|'')*'|""(?:[^""]|"""")*""|@([A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex Placeholder();
}

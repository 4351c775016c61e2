using System.Globalization;
using System.Linq.Expressions;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FoiTracker.Infrastructure.Persistence.Bulk;

/// <summary>
/// A table an import fills, as a list of columns each read from a row of type <typeparamref name="T"/>.
/// The same list makes SQLite's prepared INSERT and PostgreSQL's binary COPY, so a column is named once.
/// </summary>
internal sealed class BulkTable<T>
{
    private readonly Func<T, object?>[] _values;

    public BulkTable(string name, IReadOnlyList<(string Column, Func<T, object?> Value)> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Name = name;
        Columns = columns.Select(column => column.Column).ToArray();
        _values = columns.Select(column => column.Value).ToArray();
    }

    public string Name { get; }

    public IReadOnlyList<string> Columns { get; }

    /// <summary>Columns read from the public properties of <typeparamref name="T"/> by name, through compiled getters.</summary>
    public static BulkTable<T> FromProperties(string name, IEnumerable<(string Column, string Property)> columns)
    {
        var row = Expression.Parameter(typeof(T), "row");
        return new BulkTable<T>(name, columns
            .Select(column => (column.Column, Expression.Lambda<Func<T, object?>>(
                Expression.Convert(Expression.Property(row, column.Property), typeof(object)), row).Compile()))
            .ToList());
    }

    /// <summary>A prepared INSERT of one row on <paramref name="connection"/>; the caller disposes it.</summary>
    public SqliteInsert PrepareSqlite(SqliteConnection connection) => new(this, connection);

    /// <summary>Writes <paramref name="rows"/> with one binary COPY on the connection's open transaction.</summary>
    public async Task CopyAsync(NpgsqlConnection connection, IReadOnlyList<string> dataTypes, IEnumerable<T> rows, CancellationToken cancellationToken)
    {
        await using var copy = await connection.BeginBinaryImportAsync(
            $"COPY {Name} ({string.Join(", ", Columns)}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(cancellationToken);
            for (var i = 0; i < _values.Length; i++)
            {
                switch (_values[i](row))
                {
                    case null:
                        await copy.WriteNullAsync(cancellationToken);
                        break;
                    case DateTimeOffset instant:
                        // timestamptz takes only UTC offsets.
                        await copy.WriteAsync(instant.ToUniversalTime(), dataTypes[i], cancellationToken);
                        break;
                    case var value:
                        await copy.WriteAsync(value, dataTypes[i], cancellationToken);
                        break;
                }
            }
        }

        // Without Complete, disposing the importer cancels the COPY.
        await copy.CompleteAsync(cancellationToken);
    }

    /// <summary>
    /// The PostgreSQL type of each column, in <see cref="Columns"/> order, as the database declares it:
    /// binary COPY sends each value in exactly that type.
    /// </summary>
    public async Task<IReadOnlyList<string>> PostgresTypesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var declared = (await connection.QueryAsync<(string Column, string Type)>(new CommandDefinition(
                "SELECT column_name, udt_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @Table",
                new { Table = Name },
                cancellationToken: cancellationToken)))
            .ToDictionary(column => column.Column, column => column.Type, StringComparer.Ordinal);
        return Columns.Select(column => declared.TryGetValue(column, out var type)
                ? type
                : throw new InvalidOperationException($"Table {Name} has no column {column}; the database is not migrated to this version."))
            .ToList();
    }

    /// <summary>One prepared INSERT whose parameters are set from a row and run.</summary>
    public sealed class SqliteInsert : IDisposable
    {
        private readonly BulkTable<T> _table;
        private readonly SqliteCommand _command;
        private readonly SqliteParameter[] _parameters;

        public SqliteInsert(BulkTable<T> table, SqliteConnection connection)
        {
            _table = table;
            _command = connection.CreateCommand();
            var names = table.Columns.Select((_, index) => string.Create(CultureInfo.InvariantCulture, $"$p{index}")).ToList();
            _command.CommandText = $"INSERT INTO {table.Name} ({string.Join(", ", table.Columns)}) VALUES ({string.Join(", ", names)})";
            _parameters = names.Select(name => _command.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
        }

        public SqliteTransaction? Transaction
        {
            get => _command.Transaction;
            set => _command.Transaction = value;
        }

        public void Prepare() => _command.Prepare();

        public Task WriteAsync(T row, CancellationToken cancellationToken)
        {
            for (var i = 0; i < _parameters.Length; i++)
                _parameters[i].Value = TypeHandlers.ToSqliteValue(_table._values[i](row));
            return _command.ExecuteNonQueryAsync(cancellationToken);
        }

        public void Dispose() => _command.Dispose();
    }
}

using System.Buffers;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace FoiTracker.Infrastructure.Persistence;

/// <summary>
/// Prepares a statement on the connection (and inside the transaction) that
/// <see cref="SqliteConnection"/> holds, and binds its parameters <c>@p0</c>, <c>@p1</c>… as the
/// UTF-8 text SQLite stores, in the forms the type handlers give them (<see cref="TypeHandlers"/>).
/// Text bound as UTF-16 is converted by SQLite itself, one character at a time, on every
/// execution; here strings are converted by .NET's vectorised encoder into one reused buffer, and
/// identifiers, instants and dates are formatted straight into UTF-8. SQLite copies what is bound,
/// so the buffer is free again at once. Used by <see cref="SqliteRowReader"/> and <see cref="SqliteRowWriter"/>.
/// </summary>
internal sealed class SqliteBinder : IDisposable
{
    private readonly int[] _positions;
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(1024);

    /// <param name="parameters">How many values each row binds, to <c>@p0</c>… in order; the statement may leave some out.</param>
    public SqliteBinder(SqliteConnection connection, string sql, int parameters)
    {
        Db = connection.Handle ?? throw new InvalidOperationException("The SQLite connection is not open.");
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(Db, sql, out var statement), Db);
        Statement = statement;
        // SQLite numbers parameters by where they first appear, not by their names.
        _positions = new int[parameters];
        for (var index = 0; index < parameters; index++)
            _positions[index] = raw.sqlite3_bind_parameter_index(Statement, string.Create(CultureInfo.InvariantCulture, $"@p{index}"));
    }

    public sqlite3 Db { get; }

    public sqlite3_stmt Statement { get; }

    /// <summary>Binds one row's values, each to the parameter named after its index.</summary>
    public void BindRow(object?[] values)
    {
        for (var index = 0; index < _positions.Length; index++)
        {
            if (_positions[index] > 0)
                SqliteException.ThrowExceptionForRC(Bind(_positions[index], values[index]), Db);
        }
    }

    private int Bind(int position, object? value)
    {
        int length;
        switch (value)
        {
            case null:
                return raw.sqlite3_bind_null(Statement, position);
            case string s:
                return raw.sqlite3_bind_text(Statement, position, Utf8(s));
            case int i:
                return raw.sqlite3_bind_int(Statement, position, i);
            case long l:
                return raw.sqlite3_bind_int64(Statement, position, l);
            case Guid guid when guid.TryFormat(_buffer, out length, "D"):
                return raw.sqlite3_bind_text(Statement, position, _buffer.AsSpan(0, length));
            case DateTimeOffset instant when instant.UtcDateTime.TryFormat(_buffer, out length, "O", CultureInfo.InvariantCulture):
                return raw.sqlite3_bind_text(Statement, position, _buffer.AsSpan(0, length));
            case DateOnly date when date.TryFormat(_buffer, out length, "yyyy-MM-dd", CultureInfo.InvariantCulture):
                return raw.sqlite3_bind_text(Statement, position, _buffer.AsSpan(0, length));
            default:
                throw new NotSupportedException($"A {value.GetType().Name} cannot be bound to a SQLite statement here.");
        }
    }

    private ReadOnlySpan<byte> Utf8(string text)
    {
        var needed = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (needed > _buffer.Length)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = ArrayPool<byte>.Shared.Rent(needed);
        }

        return _buffer.AsSpan(0, Encoding.UTF8.GetBytes(text, _buffer));
    }

    public void Dispose()
    {
        Statement.Dispose();
        ArrayPool<byte>.Shared.Return(_buffer);
    }
}

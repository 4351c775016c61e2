using System.Buffers;
using System.Globalization;
using System.Text;
using SQLitePCL;

namespace FoiTracker.Infrastructure.Persistence;

/// <summary>
/// Binds values to a SQLite statement as the UTF-8 text SQLite stores, in the forms the type
/// handlers give them (<see cref="TypeHandlers"/>). Text bound as UTF-16 is converted by SQLite
/// itself, one character at a time, on every execution; here strings are converted by .NET's
/// vectorised encoder into one reused buffer, and identifiers, instants and dates are formatted
/// straight into UTF-8. SQLite copies what is bound, so the buffer is free again at once.
/// </summary>
internal sealed class SqliteBinder : IDisposable
{
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(1024);

    public int Bind(sqlite3_stmt statement, int position, object? value)
    {
        int length;
        switch (value)
        {
            case null:
                return raw.sqlite3_bind_null(statement, position);
            case string s:
                return raw.sqlite3_bind_text(statement, position, Utf8(s));
            case int i:
                return raw.sqlite3_bind_int(statement, position, i);
            case long l:
                return raw.sqlite3_bind_int64(statement, position, l);
            case Guid guid when guid.TryFormat(_buffer, out length, "D"):
                return raw.sqlite3_bind_text(statement, position, _buffer.AsSpan(0, length));
            case DateTimeOffset instant when instant.UtcDateTime.TryFormat(_buffer, out length, "O", CultureInfo.InvariantCulture):
                return raw.sqlite3_bind_text(statement, position, _buffer.AsSpan(0, length));
            case DateOnly date when date.TryFormat(_buffer, out length, "yyyy-MM-dd", CultureInfo.InvariantCulture):
                return raw.sqlite3_bind_text(statement, position, _buffer.AsSpan(0, length));
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

    public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer);
}

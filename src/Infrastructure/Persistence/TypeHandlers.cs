using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace FoiTracker.Infrastructure.Persistence;

/// <summary>
/// Dapper handlers for the types SQLite has no column type for. Dapper's handlers are global, and
/// the same process may talk to PostgreSQL too, so each handler writes text only to a SQLite
/// parameter and leaves Npgsql's native uuid / timestamptz / date mapping alone.
/// </summary>
public static class TypeHandlers
{
    private static int _registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
            return;
        SqlMapper.RemoveTypeMap(typeof(Guid));
        SqlMapper.RemoveTypeMap(typeof(Guid?));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.AddTypeHandler(new GuidHandler());
        SqlMapper.AddTypeHandler(new InstantHandler());
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
    }

    /// <summary>The single text form of an instant in SQLite: UTC, fixed width, so text order is time order.</summary>
    /// <remarks>
    /// "O" of a UTC DateTime is exactly yyyy-MM-ddTHH:mm:ss.fffffffZ, and unlike the same pattern spelled out it
    /// takes the formatter's fast path: every instant a sweep writes goes through here.
    /// </remarks>
    public static string ToSqliteText(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>An id's text form in SQLite.</summary>
    public static string ToSqliteText(Guid id) => id.ToString("D");

    /// <summary>A day's text form in SQLite: ISO 8601, so text order is date order.</summary>
    public static string ToSqliteText(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>
    /// A value as the handlers below store it in SQLite, for writers that bind parameters themselves (the
    /// bulk import, <see cref="SqliteRowStatements"/>): rows they write read back like rows Dapper wrote.
    /// </summary>
    public static object ToSqliteValue(object? value) => value switch
    {
        null => DBNull.Value,
        Guid id => ToSqliteText(id),
        DateTimeOffset instant => ToSqliteText(instant),
        DateOnly date => ToSqliteText(date),
        _ => value,
    };

    /// <summary>Reads <see cref="ToSqliteText"/>'s form on the fast path, and any other ISO 8601 form as well.</summary>
    public static DateTimeOffset FromSqliteText(string text) =>
        DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant)
            ? instant
            : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private sealed class GuidHandler : SqlMapper.TypeHandler<Guid>
    {
        public override void SetValue(IDbDataParameter parameter, Guid value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = ToSqliteText(value);
            }
            else
            {
                parameter.Value = value;
            }
        }

        public override Guid Parse(object value) => value switch
        {
            Guid guid => guid,
            string text => Guid.Parse(text),
            byte[] bytes => new Guid(bytes),
            _ => throw new DataException($"Cannot read a GUID from a {value.GetType().Name}."),
        };
    }

    private sealed class InstantHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = ToSqliteText(value);
            }
            else
            {
                // Npgsql accepts only UTC offsets for timestamptz.
                parameter.Value = value.ToUniversalTime();
            }
        }

        public override DateTimeOffset Parse(object value) => value switch
        {
            DateTimeOffset instant => instant.ToUniversalTime(),
            DateTime dateTime => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
            string text => FromSqliteText(text),
            _ => throw new DataException($"Cannot read an instant from a {value.GetType().Name}."),
        };
    }

    private sealed class DateOnlyHandler : SqlMapper.TypeHandler<DateOnly>
    {
        public override void SetValue(IDbDataParameter parameter, DateOnly value)
        {
            if (parameter is SqliteParameter)
            {
                parameter.DbType = DbType.String;
                parameter.Value = ToSqliteText(value);
            }
            else
            {
                parameter.Value = value;
            }
        }

        public override DateOnly Parse(object value) => value switch
        {
            DateOnly date => date,
            DateTime dateTime => DateOnly.FromDateTime(dateTime),
            string text => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            _ => throw new DataException($"Cannot read a date from a {value.GetType().Name}."),
        };
    }
}

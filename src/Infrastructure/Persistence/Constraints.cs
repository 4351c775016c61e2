using Microsoft.Data.Sqlite;
using Npgsql;

namespace FoiTracker.Infrastructure.Persistence;

/// <summary>Recognises a broken unique key on either database, so a race becomes a 409, not a 500.</summary>
public static class Constraints
{
    // SQLITE_CONSTRAINT_PRIMARYKEY (1555) and SQLITE_CONSTRAINT_UNIQUE (2067); PostgreSQL's unique_violation.
    private const int SqlitePrimaryKey = 1555;
    private const int SqliteUnique = 2067;

    public static bool IsUniqueViolation(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteExtendedErrorCode is SqlitePrimaryKey or SqliteUnique,
        PostgresException postgres => postgres.SqlState == PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}

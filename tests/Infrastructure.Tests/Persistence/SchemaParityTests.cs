using Dapper;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Infrastructure.Tests.Persistence;

/// <summary>
/// The two providers' migration scripts must describe the same tables, columns and nullability. SQLite's full-text
/// tables (virtual tables and the tables they keep their index in) and PostgreSQL's table of request words with its
/// trigram indexes stand in for each other, so they are not compared.
/// </summary>
public sealed class SchemaParityTests
{
    [SkippableFact]
    public async Task Migrations_OnSqliteAndPostgres_GiveTheSameTablesColumnsAndNullability()
    {
        TestDatabase.SkipUnlessPostgresConfigured();
        await using var sqlite = TestDatabase.CreateSqlite();
        await using var postgres = await TestDatabase.CreatePostgresAsync();

        var sqliteColumns = await ColumnsAsync(sqlite, """
            SELECT m.name || '.' || p.name || (CASE WHEN p."notnull" = 1 OR p.pk = 1 THEN ' not null' ELSE ' null' END)
            FROM sqlite_master m JOIN pragma_table_list t ON t.schema = 'main' AND t.name = m.name JOIN pragma_table_info(m.name) p
            WHERE m.type = 'table' AND t.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name <> 'SchemaVersions'
            """);
        var postgresColumns = await ColumnsAsync(postgres, """
            SELECT table_name || '.' || column_name || (CASE WHEN is_nullable = 'NO' THEN ' not null' ELSE ' null' END)
            FROM information_schema.columns
            WHERE table_schema = 'public' AND table_name NOT IN ('schemaversions', 'request_words')
            """);

        sqliteColumns.Should().NotBeEmpty();
        sqliteColumns.Should().BeEquivalentTo(postgresColumns);
    }

    private static async Task<IReadOnlyList<string>> ColumnsAsync(TestDatabase database, string sql)
    {
        await using var services = TestServices.Build(database.Options);
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        await using var connection = await services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync<string>(sql)).Select(column => column.ToLowerInvariant()).Order(StringComparer.Ordinal).ToList();
    }
}

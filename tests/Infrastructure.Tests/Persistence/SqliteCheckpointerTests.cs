using System.Data.Common;
using Dapper;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace FoiTracker.Infrastructure.Tests.Persistence;

/// <summary>SQLite's log is copied back into the database file after commits, by a connection of its own (ADR 013).</summary>
public sealed class SqliteCheckpointerTests
{
    [Fact]
    public async Task Commit_OnSqlite_HasTheCheckpointerCopyTheWholeLogBack()
    {
        await using var database = TestDatabase.CreateSqlite();
        await using var services = TestServices.Build(database.Options);
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None); // the log (WAL) mode is the migrator's
        var checkpointer = services.GetRequiredService<SqliteCheckpointer>();

        await using (var scope = services.CreateAsyncScope())
        {
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            var connection = await session.ConnectionAsync(CancellationToken.None);
            await connection.ExecuteAsync("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
            await session.BeginAsync(CancellationToken.None);
            await InsertNotesAsync(connection, session.Transaction!, 500);
            await session.CommitAsync(CancellationToken.None);
        }

        // The copy runs beside the caller; it has happened once the checkpointer reports a log of
        // several pages that is all in the database file.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(checkpointer.Completed > 0 && checkpointer.LastResult.LogPages > 1 && checkpointer.LastResult.CheckpointedPages == checkpointer.LastResult.LogPages)
               && DateTime.UtcNow < deadline)
            await Task.Delay(20);

        checkpointer.Completed.Should().BeGreaterThan(0);
        checkpointer.LastResult.LogPages.Should().BeGreaterThan(1, "500 rows of text fill several pages of the log");
        checkpointer.LastResult.CheckpointedPages.Should().Be(checkpointer.LastResult.LogPages);
    }

    [Fact]
    public async Task OpenAsync_OnSqlite_LeavesCommitsToCheckpointOnlyPastTheBackstop()
    {
        await using var database = TestDatabase.CreateSqlite();
        await using var services = TestServices.Build(database.Options);
        await using var connection = await services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);

        var pages = await connection.ExecuteScalarAsync<long>("PRAGMA wal_autocheckpoint");

        pages.Should().Be(SqliteCheckpointer.BackstopPages);
    }

    [Fact]
    public async Task Signal_AfterDispose_IsIgnored()
    {
        await using var database = TestDatabase.CreateSqlite();
        await using var factory = new DbConnectionFactory(database.Options);
        var checkpointer = new SqliteCheckpointer(factory, NullLogger<SqliteCheckpointer>.Instance);
        checkpointer.Signal();
        await checkpointer.DisposeAsync();

        var act = checkpointer.Signal;

        act.Should().NotThrow();
    }

    [Fact]
    public void AddInfrastructure_OnPostgres_RegistersNoCheckpointer()
    {
        var options = new DatabaseOptions
        {
            Provider = DatabaseProvider.Postgres,
            ConnectionString = "Host=127.0.0.1;Port=1;Username=nobody;Database=nothing",
            DataDirectory = Path.GetTempPath(),
        };
        using var services = TestServices.Build(options);

        services.GetService<SqliteCheckpointer>().Should().BeNull();
    }

    private static async Task InsertNotesAsync(DbConnection connection, DbTransaction transaction, int count)
    {
        for (var i = 0; i < count; i++)
            await connection.ExecuteAsync("INSERT INTO notes (body) VALUES (@Body)", new { Body = new string('x', 200) + i }, transaction);
    }
}

using Dapper;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Infrastructure.Tests.Persistence;

/// <summary>Writers of one process take turns at SQLite's one writer in a queue, not by sleeping on a locked file (ADR 014).</summary>
public sealed class SqliteWriteGateTests
{
    [Fact]
    public async Task ASecondWriter_WaitsForTheFirstToCommit_ThenGoesOnAtOnce()
    {
        await using var database = TestDatabase.CreateSqlite();
        await using var services = await MigratedAsync(database.Options);
        await using var first = services.CreateAsyncScope();
        await using var second = services.CreateAsyncScope();
        var firstSession = first.ServiceProvider.GetRequiredService<DbSession>();
        var secondSession = second.ServiceProvider.GetRequiredService<DbSession>();

        await firstSession.BeginAsync(CancellationToken.None);
        await InsertAsync(firstSession, 1);
        var secondBegin = secondSession.BeginAsync(CancellationToken.None);
        await Task.Delay(300);
        secondBegin.IsCompleted.Should().BeFalse("the first writer holds the database");

        await firstSession.CommitAsync(CancellationToken.None);
        var granted = await Task.WhenAny(secondBegin, Task.Delay(TimeSpan.FromSeconds(10)));
        granted.Should().BeSameAs(secondBegin, "the turn passes on at the commit, not after a driver's retry sleep");
        await secondBegin;
        await InsertAsync(secondSession, 2);
        await secondSession.CommitAsync(CancellationToken.None);

        (await CountAsync(services)).Should().Be(2);
    }

    [Fact]
    public async Task AWriterThatRollsBackOrIsDisposed_LeavesTheTurnToTheNext()
    {
        await using var database = TestDatabase.CreateSqlite();
        await using var services = await MigratedAsync(database.Options);

        await using (var scope = services.CreateAsyncScope())
        {
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            await session.BeginAsync(CancellationToken.None);
            await InsertAsync(session, 1);
            await session.RollbackAsync(CancellationToken.None);
        }

        await using (var scope = services.CreateAsyncScope())
        {
            // Ended with neither commit nor rollback, as a crashed handler's scope is.
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            await session.BeginAsync(CancellationToken.None);
            await InsertAsync(session, 2);
        }

        await using (var scope = services.CreateAsyncScope())
        {
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            var begin = session.BeginAsync(CancellationToken.None);
            (await Task.WhenAny(begin, Task.Delay(TimeSpan.FromSeconds(10)))).Should().BeSameAs(begin);
            await InsertAsync(session, 3);
            await session.CommitAsync(CancellationToken.None);
        }

        (await CountAsync(services)).Should().Be(1, "only the committed write is kept");
    }

    [Fact]
    public async Task AWriterKeptWaitingPastTheTimeout_IsToldSo_AndChangesNothing()
    {
        await using var database = TestDatabase.CreateSqlite();
        var options = new DatabaseOptions
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = database.Options.ConnectionString.Replace("Default Timeout=30", "Default Timeout=1", StringComparison.Ordinal),
            DataDirectory = database.Options.DataDirectory,
        };
        await using var services = await MigratedAsync(options);
        services.GetRequiredService<SqliteWriteGate>().Timeout.Should().Be(TimeSpan.FromSeconds(1), "the gate waits as long as the driver would");
        await using var first = services.CreateAsyncScope();
        await using var second = services.CreateAsyncScope();
        var firstSession = first.ServiceProvider.GetRequiredService<DbSession>();
        await firstSession.BeginAsync(CancellationToken.None);

        var secondBegin = () => second.ServiceProvider.GetRequiredService<DbSession>().BeginAsync(CancellationToken.None);

        (await secondBegin.Should().ThrowAsync<TimeoutException>()).WithMessage("*busy with another write for 1 s*try again*");
        second.ServiceProvider.GetRequiredService<DbSession>().InTransaction.Should().BeFalse();
        await firstSession.RollbackAsync(CancellationToken.None);
    }

    private static async Task<ServiceProvider> MigratedAsync(DatabaseOptions options)
    {
        var services = TestServices.Build(options);
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        await using var connection = await services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync("CREATE TABLE notes (id INTEGER PRIMARY KEY)");
        return services;
    }

    private static async Task InsertAsync(DbSession session, int id)
    {
        var connection = await session.ConnectionAsync(CancellationToken.None);
        await connection.ExecuteAsync("INSERT INTO notes (id) VALUES (@Id)", new { Id = id }, session.Transaction);
    }

    private static async Task<long> CountAsync(ServiceProvider services)
    {
        await using var connection = await services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notes");
    }
}

using Dapper;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Infrastructure.Tests.Persistence;

/// <summary>On SQLite the writers of one process queue for the one writer's lock instead of retrying against it.</summary>
public sealed class SqliteWriteGateTests
{
    [Fact]
    public async Task BeginAsync_WhileAnotherTransactionIsOpen_WaitsUntilItCommits()
    {
        await using var database = TestDatabase.CreateSqlite();
        await using var services = await MigratedAsync(database.Options);
        await using var first = services.CreateAsyncScope();
        await using var second = services.CreateAsyncScope();
        var firstSession = first.ServiceProvider.GetRequiredService<DbSession>();
        var secondSession = second.ServiceProvider.GetRequiredService<DbSession>();

        await firstSession.BeginAsync(CancellationToken.None);
        var waiting = secondSession.BeginAsync(CancellationToken.None);
        await Task.Delay(300);
        var beganBeforeCommit = waiting.IsCompleted;
        await firstSession.CommitAsync(CancellationToken.None);
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        beganBeforeCommit.Should().BeFalse("the second writer waits its turn at the gate");
        secondSession.InTransaction.Should().BeTrue();
        await secondSession.RollbackAsync(CancellationToken.None);
    }

    [Fact]
    public async Task DisposingAScope_WithItsTransactionOpen_LetsTheNextWriterIn()
    {
        await using var database = TestDatabase.CreateSqlite();
        await using var services = await MigratedAsync(database.Options);
        var abandoned = services.CreateAsyncScope();
        await abandoned.ServiceProvider.GetRequiredService<DbSession>().BeginAsync(CancellationToken.None);
        await using var next = services.CreateAsyncScope();
        var waiting = next.ServiceProvider.GetRequiredService<DbSession>().BeginAsync(CancellationToken.None);

        await abandoned.DisposeAsync();
        var act = () => waiting.WaitAsync(TimeSpan.FromSeconds(10));

        await act.Should().NotThrowAsync();
    }

    [Fact]
    public async Task ManyConcurrentWriters_WithAOneSecondBusyTimeout_AllCommit()
    {
        await using var database = TestDatabase.CreateSqlite();
        // A driver that gave up after one second of retries would fail some of these; queued writers do not retry.
        var options = new DatabaseOptions
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = database.Options.ConnectionString.Replace("Default Timeout=30", "Default Timeout=1", StringComparison.Ordinal),
            DataDirectory = database.Options.DataDirectory,
        };
        await using var services = await MigratedAsync(options);
        await using (var scope = services.CreateAsyncScope())
        {
            var connection = await scope.ServiceProvider.GetRequiredService<DbSession>().ConnectionAsync(CancellationToken.None);
            await connection.ExecuteAsync("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
        }

        await Task.WhenAll(Enumerable.Range(0, 24).Select(writer => Task.Run(async () =>
        {
            await using var scope = services.CreateAsyncScope();
            var session = scope.ServiceProvider.GetRequiredService<DbSession>();
            await session.BeginAsync(CancellationToken.None);
            var connection = await session.ConnectionAsync(CancellationToken.None);
            // Holding the lock a while, as a slow step does, longer in total than the driver's timeout.
            await Task.Delay(60);
            await connection.ExecuteAsync("INSERT INTO notes (body) VALUES (@Body)", new { Body = $"writer {writer}" }, session.Transaction);
            await session.CommitAsync(CancellationToken.None);
        })));

        await using var check = services.CreateAsyncScope();
        var reader = await check.ServiceProvider.GetRequiredService<DbSession>().ConnectionAsync(CancellationToken.None);
        (await reader.ExecuteScalarAsync<long>("SELECT count(*) FROM notes")).Should().Be(24);
    }

    private static async Task<ServiceProvider> MigratedAsync(DatabaseOptions options)
    {
        var services = TestServices.Build(options);
        await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        return services;
    }
}

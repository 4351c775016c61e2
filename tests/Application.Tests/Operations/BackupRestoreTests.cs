using System.Collections.Concurrent;
using Dapper;
using FoiTracker.Application.Tests.Workflows;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Application.Tests.Operations;

/// <summary>
/// A backup taken while requests are being filed and the sweep fires timers holds every request
/// committed before it began, and the database restored from it opens and migrates.
/// </summary>
public abstract class BackupRestoreTests : WorkflowTestBase
{
    [SkippableFact]
    public async Task Backup_WhileFilingAndSweeping_RestoresEveryRequestCommittedBeforeIt()
    {
        // Requests whose deadlines have passed, so the sweep has timers to fire during the backup.
        for (var i = 0; i < 20; i++)
            await FileAsync(null);
        Clock.Advance(TimeSpan.FromDays(40));

        var committed = new ConcurrentQueue<Guid>();
        using var stop = new CancellationTokenSource();
        var filing = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
                committed.Enqueue((await FileAsync(null)).Id);
        });
        var sweeping = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
                await SweepAllAsync(Services, batchSize: 5);
        });
        while (committed.Count < 5)
            await Task.Delay(10);

        var before = committed.ToArray();
        var file = Path.Combine(Database.Options.DataDirectory, Provider == DatabaseProvider.Sqlite ? "backup.db" : "backup.dump");
        await Services.GetRequiredService<DatabaseBackup>().BackupAsync(file, CancellationToken.None);
        var filedDuringBackup = committed.Count - before.Length;
        await stop.CancelAsync();
        await Task.WhenAll(filing, sweeping);
        var filedInAll = await CountAsync("SELECT count(*) FROM requests");

        await using var restored = await TestDatabase.CreateAsync(Provider);
        await using var restoredServices = TestServices.Build(restored.Options);
        await restoredServices.GetRequiredService<DatabaseBackup>().RestoreAsync(file, CancellationToken.None);
        var applied = await restoredServices.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        await using var connection = await restoredServices.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        var ids = (await connection.QueryAsync<Guid>("SELECT id FROM requests")).ToHashSet();

        filedDuringBackup.Should().BeGreaterThanOrEqualTo(0);
        ids.Should().Contain(before, "every request committed before the backup began is in it");
        ids.Count.Should().BeGreaterThanOrEqualTo(20 + before.Length).And.BeLessThanOrEqualTo((int)filedInAll);
        applied.Should().BeEmpty("the backup carries the schema of the version that took it");
        (await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM timeline WHERE request_id = @Id", new { Id = before[0] }))
            .Should().BeGreaterThan(0, "a request comes back with its history");
    }

    [SkippableFact]
    public async Task Backup_ToAFileThatExists_IsRefusedAndLeavesItAlone()
    {
        var file = Path.Combine(Database.Options.DataDirectory, "existing-backup");
        await File.WriteAllTextAsync(file, "an earlier backup");

        var act = () => Services.GetRequiredService<DatabaseBackup>().BackupAsync(file, CancellationToken.None);

        (await act.Should().ThrowAsync<BackupException>()).WithMessage("*already exists*");
        (await File.ReadAllTextAsync(file)).Should().Be("an earlier backup");
    }

    [SkippableFact]
    public async Task Restore_FromAFileThatIsNoBackup_IsRefused()
    {
        var file = Path.Combine(Database.Options.DataDirectory, "not-a-backup");
        await File.WriteAllTextAsync(file, "not a database");
        await using var restored = await TestDatabase.CreateAsync(Provider);
        await using var restoredServices = TestServices.Build(restored.Options);

        var act = () => restoredServices.GetRequiredService<DatabaseBackup>().RestoreAsync(file, CancellationToken.None);

        await act.Should().ThrowAsync<BackupException>();
    }
}

public sealed class SqliteBackupRestoreTests : BackupRestoreTests;

public sealed class PostgresBackupRestoreTests : BackupRestoreTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

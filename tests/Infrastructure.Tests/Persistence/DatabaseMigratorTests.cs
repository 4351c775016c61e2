using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace FoiTracker.Infrastructure.Tests.Persistence;

public sealed class DatabaseMigratorTests
{
    /// <summary>
    /// An upgrade of a large database runs scripts for minutes (0031 copies the words of every stored request),
    /// longer than the connection's command timeout. Here the script outlasts a one-second timeout by waiting for
    /// a lock another session holds on the table it changes, and completes once the lock is released.
    /// </summary>
    [SkippableFact]
    public async Task OnPostgres_AScriptOutlastingTheConnectionsCommandTimeout_IsAppliedAllTheSame()
    {
        await using var database = await MigratedDatabase.CreateAsync(DatabaseProvider.Postgres, through: "0030_complaint_decision_due.sql");
        await using var holder = new NpgsqlConnection(database.Database.Options.ConnectionString);
        await holder.OpenAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await using (var lockRequests = new NpgsqlCommand("LOCK TABLE requests IN ACCESS EXCLUSIVE MODE", holder, hold))
            await lockRequests.ExecuteNonQueryAsync();

        var impatient = new DatabaseOptions
        {
            Provider = DatabaseProvider.Postgres,
            ConnectionString = new NpgsqlConnectionStringBuilder(database.Database.Options.ConnectionString) { CommandTimeout = 1 }.ConnectionString,
            DataDirectory = database.Database.Options.DataDirectory,
        };
        var migrating = Task.Run(() => new DatabaseMigrator(impatient, NullLogger<DatabaseMigrator>.Instance).MigrateAsync(CancellationToken.None));
        await Task.Delay(TimeSpan.FromSeconds(2.5));
        migrating.IsCompleted.Should().BeFalse("the script waits for the lock on requests");
        await hold.CommitAsync();

        (await migrating).Should().StartWith(["0031_request_words_table.sql"]);
        await using var words = new NpgsqlCommand("SELECT to_regclass('request_words') IS NOT NULL", holder);
        (await words.ExecuteScalarAsync()).Should().Be(true);
    }
}

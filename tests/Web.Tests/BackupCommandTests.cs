using FoiTracker.Tests.Support;
using Microsoft.Data.Sqlite;

namespace FoiTracker.Web.Tests;

/// <summary>
/// The backup and restore commands as an operator runs them: the built service with <c>backup FILE</c>
/// or <c>restore FILE</c> (README, "Backup and restore"). Copies taken while requests are filed and
/// the sweep runs are checked on both databases in the Application suite.
/// </summary>
public sealed class BackupCommandTests : IDisposable
{
    private static readonly TimeSpan CommandLimit = TimeSpan.FromSeconds(120);
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "foitracker-backup-" + Guid.NewGuid().ToString("N"));

    public BackupCommandTests() => Directory.CreateDirectory(_scratch);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_scratch, recursive: true);
    }

    [Fact]
    public async Task BackupThenRestore_OnSqlite_BringsTheDatabaseBackInAnotherDataFolder()
    {
        var original = Path.Combine(_scratch, "original");
        var restored = Path.Combine(_scratch, "restored");
        var file = Path.Combine(_scratch, "foitracker-backup.db");
        (await RunAsync(original, "seed")).ExitCode.Should().Be(0);

        var backup = await RunAsync(original, "backup", file);
        var restore = await RunAsync(restored, "restore", file);

        backup.ExitCode.Should().Be(0, backup.ToString());
        backup.Output.Should().Contain("Backup written to");
        restore.ExitCode.Should().Be(0, restore.ToString());
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(restored, "data", "foitracker.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT count(*) FROM public_bodies";
        ((long)(await count.ExecuteScalarAsync())!).Should().BeGreaterThan(0, "the seeded bodies came back");
    }

    [Fact]
    public async Task Backup_WithoutAFile_SaysWhatItNeedsAndFails()
    {
        var run = await RunAsync(Path.Combine(_scratch, "any"), "backup");

        run.ExitCode.Should().Be(1, run.ToString());
        run.Error.Should().Contain("'backup' needs a file");
    }

    [Fact]
    public async Task Backup_WithNoDatabaseYet_SaysSoAndWritesNothing()
    {
        var file = Path.Combine(_scratch, "backup.db");

        var run = await RunAsync(Path.Combine(_scratch, "empty"), "backup", file);

        run.ExitCode.Should().Be(1, run.ToString());
        run.Error.Should().Contain("There is no database");
        File.Exists(file).Should().BeFalse();
    }

    private static async Task<ServiceRun> RunAsync(string workingDirectory, params string[] arguments)
    {
        Directory.CreateDirectory(workingDirectory);
        var startInfo = ServiceProcess.StartInfo(workingDirectory);
        startInfo.Environment["Seeds__Directory"] = TestSeeds.Directory;
        foreach (var argument in arguments)
            startInfo.ArgumentList.Add(argument);
        return await ServiceProcess.RunToExitAsync(startInfo, CommandLimit, $"'{string.Join(' ', arguments)}' should have ended");
    }
}

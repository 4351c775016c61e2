using FoiTracker.Infrastructure.Persistence;

namespace FoiTracker.Web.Infrastructure;

/// <summary>
/// <c>backup FILE</c>: copies the database to a new file, safely while the service runs.
/// <c>restore FILE</c>: with the service stopped, puts such a copy back and brings its schema up to
/// this version. Both print one line and exit: 0 done, 1 not done (the line says why).
/// </summary>
public static class BackupCommand
{
    /// <summary>The command and its file when the command line asks for one, else null.</summary>
    public static (string Verb, string? File)? Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is "backup" or "restore")
                return (args[i], i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[i + 1] : null);
        }

        return null;
    }

    public static async Task<int> RunAsync(IServiceProvider services, string verb, string? file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (string.IsNullOrWhiteSpace(file))
        {
            await Console.Error.WriteLineAsync($"'{verb}' needs a file: {verb} /path/to/foitracker-backup (a .db file on SQLite, a pg_dump custom-format file on PostgreSQL)");
            return 1;
        }

        var backup = services.GetRequiredService<DatabaseBackup>();
        try
        {
            if (verb == "backup")
            {
                await backup.BackupAsync(file, cancellationToken);
                Console.WriteLine($"Backup written to {Path.GetFullPath(file)}");
                return 0;
            }

            await backup.RestoreAsync(file, cancellationToken);
            await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            Console.WriteLine($"Restored from {Path.GetFullPath(file)}; start the service again.");
            return 0;
        }
        catch (BackupException ex)
        {
            await Console.Error.WriteLineAsync($"FoiTracker {verb} failed: {ex.Message}");
            return 1;
        }
    }
}

using System.Data.Common;
using System.Globalization;
using Dapper;
using FoiTracker.Infrastructure.Persistence;

namespace FoiTracker.Benchmarks.Harness;

public static class DatabaseSettings
{
    /// <summary>Records the settings that decide how much a commit costs, so figures are compared knowingly.</summary>
    public static async Task DescribeAsync(DbConnection connection, DatabaseProvider provider, Dictionary<string, string> parameters, CancellationToken cancellationToken)
    {
        async Task<string> Scalar(string sql) =>
            Convert.ToString(await connection.ExecuteScalarAsync(new CommandDefinition(sql, cancellationToken: cancellationToken)), CultureInfo.InvariantCulture) ?? "";

        if (provider == DatabaseProvider.Sqlite)
        {
            parameters["sqlite.version"] = await Scalar("SELECT sqlite_version()");
            parameters["sqlite.journal_mode"] = await Scalar("PRAGMA journal_mode");
            parameters["sqlite.synchronous"] = await Scalar("PRAGMA synchronous");
            parameters["sqlite.cache_size"] = await Scalar("PRAGMA cache_size");
            return;
        }

        parameters["postgres.version"] = await Scalar("SHOW server_version");
        parameters["postgres.fsync"] = await Scalar("SHOW fsync");
        parameters["postgres.synchronous_commit"] = await Scalar("SHOW synchronous_commit");
        parameters["postgres.shared_buffers"] = await Scalar("SHOW shared_buffers");
    }
}

using FoiTracker.Infrastructure.Persistence;
using Npgsql;

namespace FoiTracker.Tests.Support;

/// <summary>
/// A fresh, empty database for one test class: a SQLite file in a temp folder, or a new database
/// on the PostgreSQL server named by <c>FOI_TEST_POSTGRES</c>, dropped afterwards.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "FOI_TEST_POSTGRES";

    private readonly string? _postgresAdmin;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseOptions options, string? postgresAdmin, string? postgresName)
    {
        Options = options;
        _postgresAdmin = postgresAdmin;
        _postgresName = postgresName;
    }

    public DatabaseOptions Options { get; }

    public DatabaseProvider Provider => Options.Provider;

    public static string? PostgresConnectionString => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    /// <summary>
    /// Skips a PostgreSQL test on a developer machine without the variable; in CI (CI=true) the
    /// test runs and fails instead, because a skipped test there would check nothing.
    /// </summary>
    public static void SkipUnlessPostgresConfigured() =>
        Skip.If(
            PostgresConnectionString is null && !string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase),
            $"Set {PostgresVariable} (e.g. from .ci/start-postgres.sh) to run the PostgreSQL suite.");

    public static Task<TestDatabase> CreateAsync(DatabaseProvider provider) =>
        provider == DatabaseProvider.Sqlite ? Task.FromResult(CreateSqlite()) : CreatePostgresAsync();

    public static TestDatabase CreateSqlite()
    {
        var folder = Directory.CreateTempSubdirectory("foitracker-test-").FullName;
        var options = new DatabaseOptions
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = $"Data Source={Path.Combine(folder, "foitracker.db")};Foreign Keys=True;Default Timeout=30",
            DataDirectory = folder,
        };
        return new TestDatabase(options, null, null);
    }

    public static async Task<TestDatabase> CreatePostgresAsync()
    {
        var admin = PostgresConnectionString
            ?? throw new InvalidOperationException($"{PostgresVariable} is not set: the PostgreSQL suite must run here (CI sets it via .ci/start-postgres.sh).");
        var name = $"foi_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true };
        var folder = Directory.CreateTempSubdirectory("foitracker-test-").FullName;
        var options = new DatabaseOptions { Provider = DatabaseProvider.Postgres, ConnectionString = builder.ConnectionString, DataDirectory = folder };
        return new TestDatabase(options, admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgresAdmin is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresName} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }

        try
        {
            Directory.Delete(Options.DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}

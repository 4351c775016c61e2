using Dapper;
using FoiTracker.Infrastructure.Configuration;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace FoiTracker.Infrastructure.Tests.Persistence;

/// <summary><c>Database:Sqlite:CacheMiB</c>: its default, a bad value stops the start, and every connection gets it.</summary>
public sealed class SqliteCacheSettingsTests
{
    [Fact]
    public void ReadDatabase_WithNothingSet_GivesEachConnection64MiB()
    {
        using var folder = new TemporaryFolder();

        var options = InfrastructureSettings.ReadDatabase(Settings(("Data:Directory", folder.Path)));

        options.SqliteCacheMiB.Should().Be(64);
    }

    [Fact]
    public void ReadDatabase_WithTheCacheSet_ReadsIt()
    {
        using var folder = new TemporaryFolder();

        var options = InfrastructureSettings.ReadDatabase(Settings(("Data:Directory", folder.Path), ("Database:Sqlite:CacheMiB", "256")));

        options.SqliteCacheMiB.Should().Be(256);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-64")]
    [InlineData("lots")]
    public void ReadDatabase_WithABadCacheSize_NamesTheSetting(string value)
    {
        using var folder = new TemporaryFolder();

        var act = () => InfrastructureSettings.ReadDatabase(Settings(("Data:Directory", folder.Path), ("Database:Sqlite:CacheMiB", value)));

        act.Should().Throw<ConfigurationProblemException>().Which.Message.Should().Contain("Database:Sqlite:CacheMiB").And.Contain(value);
    }

    [Fact]
    public async Task OpenAsync_OnSqlite_SetsTheCacheOnEveryConnection()
    {
        await using var database = TestDatabase.CreateSqlite();
        var options = new DatabaseOptions
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = database.Options.ConnectionString,
            DataDirectory = database.Options.DataDirectory,
            SqliteCacheMiB = 24,
        };
        await using var factory = new DbConnectionFactory(options);

        // Two opens: the second gets a pooled handle, which must not keep a value from elsewhere.
        foreach (var _ in Enumerable.Range(0, 2))
        {
            await using var connection = await factory.OpenAsync(CancellationToken.None);
            var cacheSize = await connection.ExecuteScalarAsync<long>("PRAGMA cache_size");
            cacheSize.Should().Be(-24 * 1024, "a negative cache_size is in KiB");
        }
    }

    private static IConfiguration Settings(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(setting => new KeyValuePair<string, string?>(setting.Key, setting.Value)))
            .Build();

    private sealed class TemporaryFolder : IDisposable
    {
        public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"foi-settings-{Guid.NewGuid():N}");

        public void Dispose()
        {
            if (Directory.Exists(Path))
                Directory.Delete(Path, recursive: true);
        }
    }
}

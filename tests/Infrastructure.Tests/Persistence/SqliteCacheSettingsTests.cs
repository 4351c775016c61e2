using Dapper;
using FoiTracker.Infrastructure.Configuration;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Tests.Support;

namespace FoiTracker.Infrastructure.Tests.Persistence;

/// <summary><c>Database:Sqlite:CacheMiB</c>: its default, a bad value stops the start, and every connection gets it.</summary>
public sealed class SqliteCacheSettingsTests
{
    [Fact]
    public async Task ReadDatabase_WithNothingSet_GivesEachConnection64MiB()
    {
        await using var database = TestDatabase.CreateSqlite();

        var options = InfrastructureSettings.ReadDatabase(TestSettings.From(("Data:Directory", database.Options.DataDirectory)));

        options.SqliteCacheMiB.Should().Be(64);
    }

    [Fact]
    public async Task ReadDatabase_WithTheCacheSet_ReadsIt()
    {
        await using var database = TestDatabase.CreateSqlite();

        var options = InfrastructureSettings.ReadDatabase(TestSettings.From(("Data:Directory", database.Options.DataDirectory), ("Database:Sqlite:CacheMiB", "256")));

        options.SqliteCacheMiB.Should().Be(256);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-64")]
    [InlineData("lots")]
    public async Task ReadDatabase_WithABadCacheSize_NamesTheSetting(string value)
    {
        await using var database = TestDatabase.CreateSqlite();

        var act = () => InfrastructureSettings.ReadDatabase(TestSettings.From(("Data:Directory", database.Options.DataDirectory), ("Database:Sqlite:CacheMiB", value)));

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
}

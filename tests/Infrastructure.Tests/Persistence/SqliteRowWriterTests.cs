using Dapper;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Tests.Support;
using Microsoft.Data.Sqlite;

namespace FoiTracker.Infrastructure.Tests.Persistence;

/// <summary>The sweep's SQLite writes through SQLite's own API: the same text forms the type handlers write, positions by name, errors as the driver reports them.</summary>
public sealed class SqliteRowWriterTests : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.CreateSqlite();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(_database.Options.ConnectionString);
        await connection.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS items (id TEXT PRIMARY KEY, n INTEGER NOT NULL, big INTEGER NULL, at TEXT NULL, day TEXT NULL, note TEXT NULL) STRICT");
        return connection;
    }

    [Fact]
    public async Task Rows_AreWrittenInTheTypeHandlersTextForms_InsideTheOpenTransaction()
    {
        await using var connection = await OpenAsync();
        var id = Guid.Parse("0194a000-0000-7000-8000-0000000000a1");
        var at = new DateTimeOffset(2026, 11, 27, 10, 30, 0, TimeSpan.FromHours(4)).AddTicks(5);
        var rows = new[] { (Id: id, N: 1, Big: (long?)5_000_000_000L, At: (DateTimeOffset?)at, Day: (DateOnly?)new DateOnly(2026, 12, 1), Note: (string?)"ნინო" ) };

        await using (var transaction = connection.BeginTransaction())
        {
            SqliteRowWriter.Run(connection, "INSERT INTO items (id, n, big, at, day, note) VALUES (@p0, @p1, @p2, @p3, @p4, @p5)", rows,
                row => [row.Id, row.N, row.Big, row.At, row.Day, row.Note], 6, null, CancellationToken.None);
            await transaction.RollbackAsync();
        }

        (await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM items")).Should().Be(0, "the rows were written in the transaction that rolled back");

        SqliteRowWriter.Run(connection, "INSERT INTO items (id, n, big, at, day, note) VALUES (@p0, @p1, @p2, @p3, @p4, @p5)", rows,
            row => [row.Id, row.N, row.Big, row.At, row.Day, row.Note], 6, null, CancellationToken.None);
        var stored = await connection.QuerySingleAsync<(string Id, long N, long Big, string At, string Day, string Note)>("SELECT id, n, big, at, day, note FROM items");
        stored.Should().Be((id.ToString("D"), 1L, 5_000_000_000L, TypeHandlers.ToSqliteText(at), "2026-12-01", "ნინო"));
    }

    [Fact]
    public async Task Parameters_AreBoundByName_WhereverTheyAppear_AndRowsThatChangeNothingAreReported()
    {
        await using var connection = await OpenAsync();
        await connection.ExecuteAsync("INSERT INTO items (id, n) VALUES ('a', 1), ('b', 1)");
        var missed = new List<int>();
        var rows = new[] { ("a", 1, "first"), ("c", 1, "nobody"), ("b", 7, "stale") };

        // @p2 comes first in the text and @p0 last: SQLite numbers them in that order.
        SqliteRowWriter.Run(connection, "UPDATE items SET note = @p2, n = n + 1 WHERE n = @p1 AND id = @p0", rows,
            row => [row.Item1, row.Item2, row.Item3], 3, missed, CancellationToken.None);

        missed.Should().Equal(1, 2);
        (await connection.QueryAsync<(string, long, string?)>("SELECT id, n, note FROM items ORDER BY id")).Should().Equal(("a", 2L, "first"), ("b", 1L, null));
    }

    [Fact]
    public async Task AConstraintViolation_IsTheDriversException_AndWritesNothingMore()
    {
        await using var connection = await OpenAsync();
        await connection.ExecuteAsync("INSERT INTO items (id, n) VALUES ('a', 1)");

        var duplicate = () => SqliteRowWriter.Run(connection, "INSERT INTO items (id, n) VALUES (@p0, @p1)", new[] { ("b", 1), ("a", 2) },
            row => [row.Item1, row.Item2], 2, null, CancellationToken.None);
        var unsupported = () => SqliteRowWriter.Run(connection, "INSERT INTO items (id, n) VALUES (@p0, @p1)", new[] { ("c", 1.5m) },
            row => [row.Item1, row.Item2], 2, null, CancellationToken.None);

        duplicate.Should().Throw<SqliteException>().Which.SqliteErrorCode.Should().Be(19, "SQLITE_CONSTRAINT");
        unsupported.Should().Throw<NotSupportedException>().WithMessage("*Decimal*");
        (await connection.QueryAsync<string>("SELECT id FROM items ORDER BY id")).Should().Equal("a", "b");
    }
}

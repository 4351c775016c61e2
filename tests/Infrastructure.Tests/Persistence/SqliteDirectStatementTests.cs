using System.Text;
using Dapper;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Tests.Support;
using Microsoft.Data.Sqlite;

namespace FoiTracker.Infrastructure.Tests.Persistence;

/// <summary>
/// Rows written and read through SQLite's own API (<see cref="SqliteRowWriter"/>, <see cref="SqliteRowReader"/>): the same text forms the type
/// handlers write and read, parameters by name, errors as the driver reports them, a busy database waited for.
/// </summary>
public sealed class SqliteDirectStatementTests : IAsyncLifetime
{
    private readonly TestDatabase _database = TestDatabase.CreateSqlite();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<SqliteConnection> OpenAsync()
    {
        var connection = new SqliteConnection(_database.Options.ConnectionString);
        await connection.OpenAsync();
        await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS items (id TEXT PRIMARY KEY, n INTEGER NOT NULL, big INTEGER NULL, at TEXT NULL, day TEXT NULL, note TEXT NULL, ref TEXT NULL) STRICT");
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

    private sealed record Item(Guid Id, int N, long? Big, DateTimeOffset? At, DateOnly? Day, string? Note, Guid? Ref, string Json);

    private static Item Read(SqliteRow row) => new(
        row.GetGuid(0), row.GetInt32(1), row.IsNull(2) ? null : row.GetInt64(2), row.GetNullableInstant(3), row.GetNullableDate(4),
        row.GetNullableString(5), row.GetNullableGuid(6), Encoding.UTF8.GetString(row.GetUtf8(7)));

    private const string Select = "SELECT id, n, big, at, day, note, ref, json_object('n', n) FROM items";

    [Fact]
    public async Task Columns_AreReadFromTheTextFormsTheWritersUse_AndFromOtherIsoForms()
    {
        await using var connection = await OpenAsync();
        var id = Guid.Parse("0194a000-0000-7000-8000-0000000000a1");
        var at = new DateTimeOffset(2026, 11, 27, 10, 30, 0, TimeSpan.FromHours(4)).AddTicks(5);
        var written = new Item(id, 1, 5_000_000_000L, at, new DateOnly(2024, 2, 29), "ნინო ბერიძე", Guid.Parse("0194a000-0000-7000-8000-0000000000b2"), "");
        SqliteRowWriter.Run(connection, "INSERT INTO items (id, n, big, at, day, note, ref) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6)", new[] { written },
            row => [row.Id, row.N, row.Big, row.At, row.Day, row.Note, row.Ref], 7, null, CancellationToken.None);
        // Written by hand, as an older row or a migration might have: an instant with an offset and no fraction, nothing optional.
        await connection.ExecuteAsync("INSERT INTO items (id, n, at) VALUES ('0194a000-0000-7000-8000-0000000000c3', 2, '2026-11-27 10:30:00+04:00')");

        var items = SqliteRowReader.Query(connection, $"{Select} WHERE n >= @p0 ORDER BY n", [1], Read, TimeSpan.FromSeconds(1), CancellationToken.None);

        items.Should().HaveCount(2);
        items[0].Should().Be(written with { At = at.ToUniversalTime(), Json = """{"n":1}""" });
        items[0].At!.Value.Offset.Should().Be(TimeSpan.Zero, "instants are read in UTC");
        items[1].Should().Be(new Item(Guid.Parse("0194a000-0000-7000-8000-0000000000c3"), 2, null,
            new DateTimeOffset(2026, 11, 27, 6, 30, 0, TimeSpan.Zero), null, null, null, """{"n":2}"""));
    }

    [Fact]
    public async Task Parameters_AreBoundByName_AndEmptyOrLongTextIsKept()
    {
        await using var connection = await OpenAsync();
        var longNote = string.Concat(Enumerable.Repeat("საჯარო ინფორმაცია; ", 300));
        SqliteRowWriter.Run(connection, "INSERT INTO items (id, n, note) VALUES (@p0, @p1, @p2)",
            new[] { (Guid.NewGuid(), 1, ""), (Guid.NewGuid(), 2, longNote), (Guid.NewGuid(), 3, "x") },
            row => [row.Item1, row.Item2, row.Item3], 3, null, CancellationToken.None);

        // @p1 comes first in the text: SQLite numbers parameters where they appear, the reader binds them by name.
        var notes = SqliteRowReader.Query(connection, "SELECT note FROM items WHERE n <= @p1 AND n >= @p0 ORDER BY n", [1, 2],
            row => row.GetNullableString(0), TimeSpan.FromSeconds(1), CancellationToken.None);

        notes.Should().Equal("", longNote);
    }

    [Fact]
    public async Task TextThatIsNotAnIdentifier_IsAFormatError()
    {
        await using var connection = await OpenAsync();
        await connection.ExecuteAsync("INSERT INTO items (id, n) VALUES ('not-a-guid', 1)");

        var read = () => SqliteRowReader.Query(connection, "SELECT id FROM items", [], row => row.GetGuid(0), TimeSpan.FromSeconds(1), CancellationToken.None);

        read.Should().Throw<FormatException>();
    }

    [Fact]
    public async Task ABusyDatabase_IsWaitedFor_UntilTheTimeout()
    {
        await using var connection = await OpenAsync();
        await connection.ExecuteAsync("INSERT INTO items (id, n) VALUES ('a', 1)");
        await using var holder = new SqliteConnection(_database.Options.ConnectionString);
        await holder.OpenAsync();
        // An exclusive lock keeps every reader out, even in WAL mode.
        await holder.ExecuteAsync("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; UPDATE items SET n = 2;");

        var locked = () => SqliteRowReader.Query(connection, "SELECT n FROM items", [], row => row.GetInt32(0), TimeSpan.FromMilliseconds(100), CancellationToken.None);
        locked.Should().Throw<SqliteException>().Which.SqliteErrorCode.Should().Be(5, "SQLITE_BUSY, once the timeout has passed");

        var reading = Task.Run(() => SqliteRowReader.Query(connection, "SELECT n FROM items", [], row => row.GetInt32(0), TimeSpan.FromSeconds(30), CancellationToken.None));
        await Task.Delay(200);
        reading.IsCompleted.Should().BeFalse("the reader waits while the lock is held");
        await holder.ExecuteAsync("COMMIT; PRAGMA locking_mode = NORMAL; SELECT 1 FROM items;");
        (await reading.WaitAsync(TimeSpan.FromSeconds(10))).Should().Equal(2);
    }
}

using Dapper;
using FoiTracker.Application.Requests;
using FoiTracker.Domain.Requests;
using Npgsql;

namespace FoiTracker.Infrastructure.Persistence.Repositories;

/// <summary>The year's counter, moved by one statement both databases run atomically.</summary>
internal static class RequestCounter
{
    public const string Next =
        """
        INSERT INTO request_counters (year, last_value) VALUES (@Year, 1)
        ON CONFLICT (year) DO UPDATE SET last_value = request_counters.last_value + 1
        RETURNING last_value
        """;
}

/// <summary>
/// SQLite: the number is taken in the filing's own transaction. SQLite has one writer, which the
/// filing holds from its start anyway, so a rolled-back filing gives its number back and nobody waits longer.
/// </summary>
public sealed class SqliteRequestNumbers(DbSession session) : SqlRepository(session), IRequestNumberAllocator
{
    public async Task<RequestNumber> NextAsync(int year, CancellationToken cancellationToken) =>
        RequestNumber.From(year, await ExecuteScalarAsync<long>(RequestCounter.Next, new { Year = year }, cancellationToken));
}

/// <summary>
/// PostgreSQL: the number is taken in a short transaction of its own, committed at once. Taken in the
/// filing's transaction, the counter's row lock was held until the filing committed, and every filing
/// on every node waited for the one before it (ADR 037). A filing that fails after this leaves a gap.
/// The connections come from a small pool of their own, so a filing that holds its connection never
/// waits for one another filing holds.
/// </summary>
public sealed class PostgresRequestNumbers : IRequestNumberAllocator, IAsyncDisposable
{
    private const int PoolSize = 4;
    private readonly NpgsqlDataSource _dataSource;

    public PostgresRequestNumbers(DatabaseOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString)
        {
            MaxPoolSize = PoolSize,
            MinPoolSize = 0,
            ApplicationName = "foitracker-numbers",
            // These connections only ever run the one statement below; nothing to reset between uses.
            NoResetOnClose = true,
        };
        // Its commit does not wait for the disk, and loses nothing by it: the filing commits after
        // this, and its commit writes the log to disk up to its own record, this one's included.
        // If the filing never commits, a counter lost in a crash gives back a number nobody kept.
        // Added to the operator's own server options, if the connection string has any.
        builder.Options = $"{builder.Options} -c synchronous_commit=off".TrimStart();
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    public async Task<RequestNumber> NextAsync(int year, CancellationToken cancellationToken)
    {
        // Outside any transaction: the statement commits by itself, and the row's lock goes with it.
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var next = await connection.ExecuteScalarAsync<long>(
            new CommandDefinition(RequestCounter.Next, new { Year = year }, cancellationToken: cancellationToken));
        return RequestNumber.From(year, next);
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}

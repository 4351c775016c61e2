using System.Data.Common;
using System.Globalization;
using Dapper;
using FoiTracker.Application.Requests;
using FoiTracker.Domain.Requests;
using FoiTracker.Infrastructure.Persistence.Repositories;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace FoiTracker.Infrastructure.Persistence;

/// <summary>
/// Imports requests as fast as each provider allows. PostgreSQL: one binary COPY in one
/// transaction, so an import lands whole or not at all. SQLite: one prepared INSERT, committed
/// every <see cref="SqliteBatchSize"/> rows so the write-ahead log stays small and other writers
/// get a turn between batches; each batch advances the counters for the numbers it wrote.
/// </summary>
public sealed class BulkRequestWriter(IDbConnectionFactory factory) : IBulkRequestImporter
{
    public const int DefaultSqliteBatchSize = 10_000;

    private const string ColumnList =
        "id, number, body_key, statute_id, statute_version, subject, text, requester_name, " +
        "requester_email, requester_address, stage, created_at, submitted_at";

    private static readonly string[] SqliteParameterNames =
        ["$id", "$number", "$body_key", "$statute_id", "$statute_version", "$subject", "$text", "$requester_name",
         "$requester_email", "$requester_address", "$stage", "$created_at", "$submitted_at"];

    /// <summary>SQLite page cache during an import, in KiB.</summary>
    private const int ImportCacheKib = 128 * 1024;

    /// <summary>Rows per SQLite transaction.</summary>
    public int SqliteBatchSize { get; init; } = DefaultSqliteBatchSize;

    public async Task<BulkImportReport> ImportAsync(IAsyncEnumerable<FoiRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentOutOfRangeException.ThrowIfLessThan(SqliteBatchSize, 1);

        await using var connection = await factory.OpenAsync(cancellationToken);
        var bodies = (await connection.QueryAsync<string>(
                new CommandDefinition("SELECT key FROM public_bodies", cancellationToken: cancellationToken)))
            .ToHashSet(StringComparer.Ordinal);
        var check = new RowCheck(bodies);

        var imported = connection switch
        {
            SqliteConnection sqlite => await WriteSqliteAsync(sqlite, requests, check, cancellationToken),
            NpgsqlConnection postgres => await WritePostgresAsync(postgres, requests, check, cancellationToken),
            _ => throw new NotSupportedException($"Bulk import is not implemented for {connection.GetType().Name}."),
        };
        return new BulkImportReport(imported, check.HighestByYear);
    }

    private async Task<long> WriteSqliteAsync(
        SqliteConnection connection, IAsyncEnumerable<FoiRequest> requests, RowCheck check, CancellationToken cancellationToken)
    {
        await using var insert = connection.CreateCommand();
        insert.CommandText = $"INSERT INTO requests ({ColumnList}) VALUES ({string.Join(", ", SqliteParameterNames)})";
        var parameters = SqliteParameterNames.Select(name => insert.Parameters.Add(new SqliteParameter { ParameterName = name })).ToArray();
        insert.Prepare();

        // The three indexes on requests take random inserts; with SQLite's default 2 MiB page cache
        // most of those become page reads and extra WAL pages. A larger cache for this connection
        // only, set back afterwards because pooled connections are reused.
        var cacheSize = await connection.ExecuteScalarAsync<long>(new CommandDefinition("PRAGMA cache_size", cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition($"PRAGMA cache_size = -{ImportCacheKib}", cancellationToken: cancellationToken));

        long written = 0;
        var inBatch = 0;
        SqliteTransaction? transaction = null;
        try
        {
            await foreach (var request in requests.WithCancellation(cancellationToken))
            {
                check.Accept(request);
                if (transaction is null)
                {
                    // BEGIN IMMEDIATE: take the write lock now rather than fail to upgrade later.
                    transaction = connection.BeginTransaction(deferred: false);
                    insert.Transaction = transaction;
                }

                parameters[0].Value = request.Id.Value.ToString("D");
                parameters[1].Value = request.Number.Value;
                parameters[2].Value = request.Body.Value;
                parameters[3].Value = request.StatuteId;
                parameters[4].Value = request.StatuteVersion;
                parameters[5].Value = request.Subject;
                parameters[6].Value = request.Text;
                parameters[7].Value = request.Requester.Name;
                parameters[8].Value = (object?)request.Requester.Email?.Value ?? DBNull.Value;
                parameters[9].Value = (object?)request.Requester.Address ?? DBNull.Value;
                parameters[10].Value = request.Stage;
                parameters[11].Value = TypeHandlers.ToSqliteText(request.CreatedAt);
                parameters[12].Value = request.SubmittedAt is { } submitted ? TypeHandlers.ToSqliteText(submitted) : DBNull.Value;
                await insert.ExecuteNonQueryAsync(cancellationToken);
                written++;

                if (++inBatch == SqliteBatchSize)
                {
                    await FinishBatchAsync(connection, transaction, check, "max", cancellationToken);
                    await transaction.DisposeAsync();
                    transaction = null;
                    inBatch = 0;
                }
            }

            if (transaction is not null)
                await FinishBatchAsync(connection, transaction, check, "max", cancellationToken);
        }
        finally
        {
            // Disposing a transaction that was not committed rolls it back.
            if (transaction is not null)
                await transaction.DisposeAsync();
            await connection.ExecuteAsync(new CommandDefinition(
                string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = {cacheSize}"), cancellationToken: CancellationToken.None));
        }

        return written;
    }

    private static async Task<long> WritePostgresAsync(
        NpgsqlConnection connection, IAsyncEnumerable<FoiRequest> requests, RowCheck check, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long written = 0;
        await using (var copy = await connection.BeginBinaryImportAsync($"COPY requests ({ColumnList}) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            await foreach (var request in requests.WithCancellation(cancellationToken))
            {
                check.Accept(request);
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(request.Id.Value, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(request.Number.Value, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(request.Body.Value, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(request.StatuteId, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(request.StatuteVersion, NpgsqlDbType.Integer, cancellationToken);
                await copy.WriteAsync(request.Subject, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(request.Text, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(request.Requester.Name, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(copy, request.Requester.Email?.Value, cancellationToken);
                await WriteNullableAsync(copy, request.Requester.Address, cancellationToken);
                await copy.WriteAsync(request.Stage, NpgsqlDbType.Text, cancellationToken);
                // timestamptz takes only UTC offsets.
                await copy.WriteAsync(request.CreatedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
                if (request.SubmittedAt is { } submitted)
                    await copy.WriteAsync(submitted.ToUniversalTime(), NpgsqlDbType.TimestampTz, cancellationToken);
                else
                    await copy.WriteNullAsync(cancellationToken);
                written++;
            }

            // Without Complete, disposing the importer cancels the COPY.
            await copy.CompleteAsync(cancellationToken);
        }

        await FinishBatchAsync(connection, transaction, check, "GREATEST", cancellationToken);
        return written;
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken)
    {
        if (value is null)
            await copy.WriteNullAsync(cancellationToken);
        else
            await copy.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);
    }

    /// <summary>Raises the counters for the numbers written since the last batch (never lowers one), then commits.</summary>
    private static async Task FinishBatchAsync(
        DbConnection connection, DbTransaction transaction, RowCheck check, string greatest, CancellationToken cancellationToken)
    {
        var pending = check.TakePending();
        if (pending.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                $"""
                INSERT INTO request_counters (year, last_value) VALUES (@Year, @Last)
                ON CONFLICT (year) DO UPDATE SET last_value = {greatest}(request_counters.last_value, excluded.last_value)
                """,
                pending.Select(pair => new { Year = pair.Key, Last = pair.Value }).ToList(),
                transaction,
                cancellationToken: cancellationToken));
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Checks each request before it is written and tracks the highest sequence per year.</summary>
    private sealed class RowCheck(HashSet<string> bodies)
    {
        private readonly Dictionary<int, long> _pending = [];

        public Dictionary<int, long> HighestByYear { get; } = [];

        public void Accept(FoiRequest request)
        {
            ArgumentNullException.ThrowIfNull(request);
            var number = request.Number.Value
                ?? throw new BulkImportException($"Request {request.Id} has no number; every imported request needs one.");
            if (request.Body.Value is null || !bodies.Contains(request.Body.Value))
                throw new BulkImportException(
                    $"Request {number} is addressed to '{request.Body.Value}', which is not a stored public body: load the body (seeds) first or fix the request.");

            // RequestNumber guarantees "YYYY-" followed by 6 to 9 digits.
            var year = int.Parse(number.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture);
            var sequence = long.Parse(number.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture);
            Raise(HighestByYear, year, sequence);
            Raise(_pending, year, sequence);
        }

        public Dictionary<int, long> TakePending()
        {
            var taken = new Dictionary<int, long>(_pending);
            _pending.Clear();
            return taken;
        }

        private static void Raise(Dictionary<int, long> highest, int year, long sequence)
        {
            if (!highest.TryGetValue(year, out var current) || sequence > current)
                highest[year] = sequence;
        }
    }
}

using System.Data.Common;
using System.Globalization;
using Dapper;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Workflows;
using FoiTracker.Domain.Requests;
using FoiTracker.Domain.Workflows;
using FoiTracker.Infrastructure.Persistence.Bulk;
using FoiTracker.Infrastructure.Persistence.Repositories;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FoiTracker.Infrastructure.Persistence;

/// <summary>
/// Imports requests as fast as each provider allows, each with its full row and the facts statistics
/// read (request_facts, request_deadlines), derived by <see cref="RequestFacts.Of"/> as a saved step's
/// are. PostgreSQL: binary COPY in one transaction, so an import lands whole or not at all. SQLite: prepared
/// INSERTs, committed every <see cref="SqliteBatchSize"/> requests so the write-ahead log stays small and
/// other writers get a turn between batches; each batch advances the counters for the numbers it wrote.
/// An import writes a request's state and facts, not its timeline or effects: the history and the letters
/// belong to the record it came from. Like a save, it marks each written request saved.
/// </summary>
public sealed class BulkRequestWriter(IDbConnectionFactory factory, WorkflowContexts contexts) : IBulkRequestImporter
{
    public const int DefaultSqliteBatchSize = 10_000;

    /// <summary>Requests per round of COPY statements on PostgreSQL (requests, then their facts, then their deadlines).</summary>
    private const int PostgresChunk = 10_000;

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
        var check = new RowCheck(bodies, contexts);

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
        using var insertRequest = ImportTables.Requests.PrepareSqlite(connection);
        using var insertFacts = ImportTables.Facts.PrepareSqlite(connection);
        using var insertDeadline = ImportTables.Deadlines.PrepareSqlite(connection);
        insertRequest.Prepare();
        insertFacts.Prepare();
        insertDeadline.Prepare();

        // The indexes on requests and the facts take random inserts; with SQLite's default 2 MiB page cache
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
                var facts = check.Accept(request);
                if (transaction is null)
                {
                    // BEGIN IMMEDIATE: take the write lock now rather than fail to upgrade later.
                    transaction = connection.BeginTransaction(deferred: false);
                    insertRequest.Transaction = insertFacts.Transaction = insertDeadline.Transaction = transaction;
                }

                await insertRequest.WriteAsync(RequestRow.From(request), cancellationToken);
                await insertFacts.WriteAsync(ImportTables.FactsOf(request, facts), cancellationToken);
                foreach (var deadline in ImportTables.DeadlinesOf(request, facts))
                    await insertDeadline.WriteAsync(deadline, cancellationToken);
                request.MarkSaved();
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
        var requestTypes = await ImportTables.Requests.PostgresTypesAsync(connection, cancellationToken);
        var factsTypes = await ImportTables.Facts.PostgresTypesAsync(connection, cancellationToken);
        var deadlineTypes = await ImportTables.Deadlines.PostgresTypesAsync(connection, cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        long written = 0;
        var chunk = new List<(FoiRequest Request, RequestFacts Facts)>(PostgresChunk);

        // One COPY per table at a time on a connection: the facts of a chunk go after its requests (they refer to them).
        async Task FlushAsync()
        {
            await ImportTables.Requests.CopyAsync(connection, requestTypes, chunk.Select(item => RequestRow.From(item.Request)), cancellationToken);
            await ImportTables.Facts.CopyAsync(connection, factsTypes, chunk.Select(item => ImportTables.FactsOf(item.Request, item.Facts)), cancellationToken);
            await ImportTables.Deadlines.CopyAsync(connection, deadlineTypes, chunk.SelectMany(item => ImportTables.DeadlinesOf(item.Request, item.Facts)), cancellationToken);
            foreach (var (request, _) in chunk)
                request.MarkSaved();
            written += chunk.Count;
            chunk.Clear();
        }

        await foreach (var request in requests.WithCancellation(cancellationToken))
        {
            chunk.Add((request, check.Accept(request)));
            if (chunk.Count == PostgresChunk)
                await FlushAsync();
        }

        if (chunk.Count > 0)
            await FlushAsync();
        await FinishBatchAsync(connection, transaction, check, "GREATEST", cancellationToken);
        return written;
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

    /// <summary>
    /// Checks each request before it is written, derives its facts in its statute version's context, and tracks
    /// the highest sequence per year.
    /// </summary>
    private sealed class RowCheck(HashSet<string> bodies, WorkflowContexts contexts)
    {
        private readonly Dictionary<int, long> _pending = [];
        private readonly Dictionary<(string, int), IWorkflowContext> _contexts = [];

        public Dictionary<int, long> HighestByYear { get; } = [];

        public RequestFacts Accept(FoiRequest request)
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
            var facts = RequestFacts.Of(request, ContextOf(request, number));
            Raise(HighestByYear, year, sequence);
            Raise(_pending, year, sequence);
            return facts;
        }

        public Dictionary<int, long> TakePending()
        {
            var taken = new Dictionary<int, long>(_pending);
            _pending.Clear();
            return taken;
        }

        private IWorkflowContext ContextOf(FoiRequest request, string number)
        {
            var key = (request.StatuteId, request.StatuteVersion);
            if (_contexts.TryGetValue(key, out var context))
                return context;
            try
            {
                return _contexts[key] = contexts.For(request.StatuteId, request.StatuteVersion);
            }
            catch (Exception ex) when (ex is NotFoundException or InvalidOperationException)
            {
                throw new BulkImportException($"Request {number} runs under statute {request.StatuteId} v{request.StatuteVersion}, which is not loaded: {ex.Message}", ex);
            }
        }

        private static void Raise(Dictionary<int, long> highest, int year, long sequence)
        {
            if (!highest.TryGetValue(year, out var current) || sequence > current)
                highest[year] = sequence;
        }
    }
}

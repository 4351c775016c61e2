using Microsoft.Extensions.Logging;

namespace FoiTracker.Infrastructure.Persistence;

/// <summary>
/// Copies SQLite's write-ahead log back into the database file on a connection of its own, after
/// each commit, instead of inside the commit that filled it (ADR 013).
/// <para>
/// SQLite's own automatic checkpoint runs in the committing connection once the log passes 1,000
/// pages: the sweep's commit waited for every page of its batch to be written into the database
/// file and synced, and the next batch waited for that. Here a commit only wakes this loop and
/// returns; the copy runs beside the next batch. A passive checkpoint never blocks a reader or a
/// writer, and a crash in the middle of one loses nothing: the committed pages are still in the
/// synced log, and the next open replays them.
/// </para>
/// <para>
/// Every connection keeps an automatic checkpoint at <see cref="BackstopPages"/> pages: if this
/// loop falls behind or fails, the log stays bounded the way SQLite bounds it by default.
/// </para>
/// </summary>
public sealed partial class SqliteCheckpointer(IDbConnectionFactory factory, ILogger<SqliteCheckpointer> logger) : IAsyncDisposable
{
    /// <summary>
    /// The log size (in pages, 4 KiB each) at which a committing connection checkpoints by itself:
    /// 64 MiB, a dozen sweep batches of 2,000 fired timers.
    /// </summary>
    public const int BackstopPages = 16_384;

    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private Task? _loop;
    private long _completed;

    /// <summary>Checkpoints this loop has finished, for tests and diagnostics.</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>What the last checkpoint reported (published whole, so a reader on another thread never sees half of it).</summary>
    public CheckpointResult LastResult => Volatile.Read(ref _lastResult);

    private CheckpointResult _lastResult = new(0, 0);

    /// <summary>Called after a commit: wakes the loop (started on first use). Signals while it runs fold into one more pass.</summary>
    public void Signal()
    {
        if (_stop.IsCancellationRequested)
            return;
        try
        {
            lock (_gate)
            {
                var token = _stop.Token;
                _loop ??= Task.Run(() => RunAsync(token), CancellationToken.None);
            }

            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A pass is already pending; it will copy this commit's pages too.
        }
        catch (ObjectDisposedException)
        {
            // Shutting down: the next open replays whatever the log holds.
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await factory.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            while (!cancellationToken.IsCancellationRequested)
            {
                await _wake.WaitAsync(cancellationToken);
                try
                {
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    if (await reader.ReadAsync(cancellationToken))
                        Volatile.Write(ref _lastResult, new CheckpointResult(reader.GetInt64(1), reader.GetInt64(2)));
                    Interlocked.Increment(ref _completed);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // The committing connections' automatic checkpoint still bounds the log.
                    LogCheckpointFailed(logger, exception);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped.
        }
        catch (Exception exception)
        {
            // Without its connection the loop ends; the automatic checkpoint at the backstop takes over.
            LogCheckpointFailed(logger, exception);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        Task? loop;
        lock (_gate)
            loop = _loop;
        if (loop is not null)
            await loop;

        _stop.Dispose();
        _wake.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Copying SQLite's log into the database file failed; commits will do it themselves once the log passes the backstop")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception);
}

/// <summary>One passive checkpoint's report: the log's pages, and how many of them are in the database file (equal when all are).</summary>
public sealed record CheckpointResult(long LogPages, long CheckpointedPages);

namespace FoiTracker.Infrastructure.Persistence;

/// <summary>
/// SQLite lets one writer in at a time. Without this, a transaction that finds the writer's lock
/// taken is retried by the driver, which sleeps the thread and tries again until the connection's
/// timeout: under concurrent filing the thread pool's threads sleep in turn, the waiting ones are
/// let in in no order, and answers wait seconds. Here the writers of this process queue for the
/// lock without holding a thread and go in in arrival order; the driver's retries are left for a
/// writer in another process (a backup, the seed command).
/// </summary>
public sealed class SqliteWriteGate : IDisposable
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    /// <summary>Waits for this process's turn to write; dispose what it returns to let the next one in.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        return new Turn(_writer);
    }

    public void Dispose() => _writer.Dispose();

    private sealed class Turn(SemaphoreSlim writer) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                writer.Release();
        }
    }
}

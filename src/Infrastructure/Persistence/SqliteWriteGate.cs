namespace FoiTracker.Infrastructure.Persistence;

/// <summary>
/// SQLite's one writer, as a queue inside this process (ADR 014). Every <see cref="DbSession"/>
/// transaction on SQLite enters it before <c>BEGIN IMMEDIATE</c> and leaves it at commit or
/// rollback. Without it a second writer's BEGIN finds the database locked, and the driver retries
/// it until it succeeds or the connection's timeout passes: polling, where this queue hands the turn
/// on the moment the first writer ends. Writers in other processes (a second service on the same
/// file, the command line) still meet SQLite's own lock and the driver's retries.
/// </summary>
public sealed class SqliteWriteGate : IDisposable
{
    private readonly SemaphoreSlim _writer = new(1, 1);

    /// <param name="timeout">How long a writer waits for its turn: the connection string's <c>Default Timeout</c>, as the driver retries a locked database (<see cref="System.Threading.Timeout.InfiniteTimeSpan"/>: for ever).</param>
    public SqliteWriteGate(TimeSpan timeout)
    {
        if (timeout != System.Threading.Timeout.InfiniteTimeSpan)
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        Timeout = timeout;
    }

    public TimeSpan Timeout { get; }

    /// <summary>How long the driver waits while the database is busy, for a connection string's <c>Default Timeout</c> in seconds: 0 is for ever.</summary>
    public static TimeSpan BusyTimeout(int defaultTimeoutSeconds) =>
        defaultTimeoutSeconds > 0 ? TimeSpan.FromSeconds(defaultTimeoutSeconds) : System.Threading.Timeout.InfiniteTimeSpan;

    /// <summary>Waits for this process's turn to write; the caller must <see cref="Leave"/> exactly once after it is granted.</summary>
    /// <exception cref="TimeoutException">Another write in this process held the database for longer than <see cref="Timeout"/>.</exception>
    public async Task EnterAsync(CancellationToken cancellationToken)
    {
        if (!await _writer.WaitAsync(Timeout, cancellationToken))
        {
            throw new TimeoutException(
                $"The database stayed busy with another write for {Timeout.TotalSeconds:0} s; nothing was changed, try again.");
        }
    }

    public void Leave() => _writer.Release();

    public void Dispose() => _writer.Dispose();
}

namespace FoiTracker.Infrastructure.Scheduling;

/// <summary>
/// How often the scheduler sweeps due timers and dispatches the outbox, and how much each batch
/// takes: the <c>Workflow</c> configuration section, read and checked by
/// <see cref="Configuration.InfrastructureSettings.ReadWorkflowSchedule"/>.
/// </summary>
public sealed class WorkflowSchedule
{
    public static readonly TimeSpan DefaultSweepInterval = TimeSpan.FromSeconds(5);
    public const int DefaultSweepBatchSize = 500;
    /// <summary>PostgreSQL: a batch spends much of its time waiting on the server, so two keep it busier (and several nodes add more).</summary>
    public const int DefaultSweepWorkersPostgres = 2;

    /// <summary>SQLite has one writer: a second batch would only wait for the first.</summary>
    public const int DefaultSweepWorkersSqlite = 1;

    public const int MaxSweepWorkers = 16;
    public static readonly TimeSpan DefaultOutboxInterval = TimeSpan.FromSeconds(5);
    public const int DefaultOutboxBatchSize = 100;

    /// <summary>
    /// How many batches one run of a job takes at most before it leaves the rest to its next run,
    /// so a backlog (a long downtime, a bulk import) never holds the scheduler's thread for ever.
    /// </summary>
    public const int MaxBatchesPerRun = 100;

    public TimeSpan SweepInterval { get; init; } = DefaultSweepInterval;

    public int SweepBatchSize { get; init; } = DefaultSweepBatchSize;

    /// <summary>How many sweep batches one node runs at the same time, each in its own transaction.</summary>
    public int SweepWorkers { get; init; } = DefaultSweepWorkersSqlite;

    public TimeSpan OutboxInterval { get; init; } = DefaultOutboxInterval;

    public int OutboxBatchSize { get; init; } = DefaultOutboxBatchSize;

    /// <summary>Whether this process runs the scheduler at all; hosts in tests turn it off.</summary>
    public bool SchedulerEnabled { get; init; } = true;
}

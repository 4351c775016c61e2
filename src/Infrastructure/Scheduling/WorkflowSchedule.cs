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
    /// <summary>
    /// PostgreSQL: a batch spends much of its time waiting on the server and on its commit's log flush, so
    /// several keep it busier (and several nodes add more). On two cores with durable commits, 1,000,000 open
    /// requests and batches of 500, three gave 4,719–6,168 fired timers/s, two 4,883 and four 3,792 (medians of three; ADR 011).
    /// </summary>
    public const int DefaultSweepWorkersPostgres = 3;

    /// <summary>
    /// SQLite has one writer. A second worker claims and fires its own lane while the first writes (ADR 014), but
    /// on two cores, at 1,000,000 open requests, one worker against two gave 3,955 against 4,091 fired timers/s with
    /// batches of 2,000 and 4,307 against 3,977 with the default 500 (medians of three, one run): one stays the default.
    /// </summary>
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

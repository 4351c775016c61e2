using FoiTracker.Application.Workflows.SweepTimers;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace FoiTracker.Infrastructure.Scheduling;

/// <summary>
/// The clock of the statute workflows: fires the timers that are due. The timer rows are the
/// truth; this job only decides when to look at them. <see cref="WorkflowSchedule.SweepWorkers"/>
/// batches run at once: on PostgreSQL each claims requests the others have not locked (ADR 007),
/// exactly as separate nodes do; on SQLite each batch holds the one writer's lock from its start,
/// so the others wait for it and then claim what is still due (ADR 018).
/// </summary>
[DisallowConcurrentExecution]
public sealed class SweepTimersJob(IServiceScopeFactory scopes, WorkflowSchedule schedule, ILogger<SweepTimersJob> logger)
    : BatchingJob<SweepResult>(scopes, logger)
{
    public const string Name = "sweep-timers";

    protected override string Work => "Timer sweep";

    protected override int Workers => schedule.SweepWorkers;

    protected override ValueTask<SweepResult> SendBatchAsync(ISender sender, int worker, CancellationToken cancellationToken) =>
        sender.Send(new SweepTimersCommand(schedule.SweepBatchSize), cancellationToken);

    protected override bool HasMore(SweepResult result) => result.More;

    protected override void LogBatch(SweepResult result)
    {
        if (result.Fired + result.Skipped > 0)
            logger.LogInformation("Timer sweep fired {Fired} timer(s), skipped {Skipped}", result.Fired, result.Skipped);
    }
}

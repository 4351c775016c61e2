using FoiTracker.Application.Outbox.DispatchOutbox;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace FoiTracker.Infrastructure.Scheduling;

/// <summary>Hands the outbox's pending effects (letters, mails) to their dispatchers.</summary>
[DisallowConcurrentExecution]
public sealed class DispatchOutboxJob(IServiceScopeFactory scopes, WorkflowSchedule schedule, ILogger<DispatchOutboxJob> logger)
    : BatchingJob<DispatchResult>(scopes, logger)
{
    public const string Name = "dispatch-outbox";

    protected override string Work => "Outbox dispatch";

    protected override async ValueTask<DispatchResult> SendBatchAsync(ISender sender, int worker, CancellationToken cancellationToken)
    {
        // Letters are drawn first, outside the batch's transaction; the batch finds them drawn.
        await sender.Send(new PrepareOutboxQuery(schedule.OutboxBatchSize), cancellationToken);
        return await sender.Send(new DispatchOutboxCommand(schedule.OutboxBatchSize), cancellationToken);
    }

    protected override bool HasMore(DispatchResult result) => result.More;

    protected override void LogBatch(DispatchResult result)
    {
        if (result.Dispatched + result.Failed > 0)
            logger.LogInformation("Outbox dispatch handed over {Dispatched} row(s), {Failed} failed", result.Dispatched, result.Failed);
    }
}

using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace FoiTracker.Infrastructure.Scheduling;

/// <summary>
/// A scheduler job that sends one command per batch, each in a DI scope of its own (so each batch
/// is its own unit of work), and goes on while the last batch was full, up to
/// <see cref="WorkflowSchedule.MaxBatchesPerRun"/>. A failure is logged and ends the run; the next
/// run tries again. Nothing is thrown back at Quartz, which would only re-fire or count the failure
/// against the trigger, while the rows themselves already say what is left to do.
/// </summary>
public abstract class BatchingJob<TResult>(IServiceScopeFactory scopes, ILogger logger) : IJob
{
    protected abstract string Work { get; }

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var batches = 0;
        try
        {
            var more = true;
            while (more && batches < WorkflowSchedule.MaxBatchesPerRun && !cancellationToken.IsCancellationRequested)
            {
                TResult result;
                await using (var scope = scopes.CreateAsyncScope())
                {
                    var sender = scope.ServiceProvider.GetRequiredService<ISender>();
                    result = await SendBatchAsync(sender, cancellationToken);
                }

                batches++;
                more = HasMore(result);
                LogBatch(result);
            }

            if (more)
                logger.LogInformation("{Work}: {Batches} full batches in one run; the rest is left to the next run", Work, batches);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("{Work} stopped by shutdown after {Batches} batch(es)", Work, batches);
        }
        catch (Exception ex)
        {
            // The scheduler must go on: the next run picks up whatever this one left.
            logger.LogError(ex, "{Work} failed after {Batches} batch(es); the next run tries again", Work, batches);
        }
    }

    protected abstract ValueTask<TResult> SendBatchAsync(ISender sender, CancellationToken cancellationToken);

    protected abstract bool HasMore(TResult result);

    protected abstract void LogBatch(TResult result);
}

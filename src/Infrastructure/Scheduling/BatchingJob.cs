using System.Collections.Concurrent;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace FoiTracker.Infrastructure.Scheduling;

/// <summary>
/// A scheduler job that sends one command per batch, each in a DI scope of its own (so each batch
/// is its own unit of work), and goes on while the last batch was full, up to
/// <see cref="MaxBatchesPerRun"/> batches in all. <see cref="Workers"/> loops of
/// batches run side by side, each stopping when its own last batch was not full. A failure is
/// logged and ends that loop; the next run tries again. Nothing is thrown back at Quartz, which
/// would only re-fire or count the failure against the trigger, while the rows themselves already
/// say what is left to do.
/// </summary>
public abstract class BatchingJob<TResult>(IServiceScopeFactory scopes, ILogger logger) : IJob
{
    protected abstract string Work { get; }

    /// <summary>How many batches run at the same time, each in its own scope and transaction.</summary>
    protected virtual int Workers => 1;

    /// <summary>How many batches one run makes at most before leaving the rest to the next run.</summary>
    protected virtual int MaxBatchesPerRun => WorkflowSchedule.MaxBatchesPerRun;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await RunAsync(cancellationToken);

    /// <summary>One run of the job, as the scheduler makes it; returns what each batch answered.</summary>
    public async Task<BatchRun<TResult>> RunAsync(CancellationToken cancellationToken)
    {
        var run = new RunState();
        await Task.WhenAll(Enumerable.Range(0, Workers).Select(worker => WorkAsync(worker, run, cancellationToken)));
        if (run.LeftOver)
            logger.LogInformation("{Work}: {Batches} full batches in one run; the rest is left to the next run", Work, run.Results.Count);
        return new BatchRun<TResult>([.. run.Results], run.Failures);
    }

    private async Task WorkAsync(int worker, RunState run, CancellationToken cancellationToken)
    {
        var batches = 0;
        try
        {
            var more = true;
            while (more && !cancellationToken.IsCancellationRequested)
            {
                if (Interlocked.Increment(ref run.Started) > MaxBatchesPerRun)
                {
                    run.LeftOver = true;
                    return;
                }

                TResult result;
                await using (var scope = scopes.CreateAsyncScope())
                {
                    var sender = scope.ServiceProvider.GetRequiredService<ISender>();
                    result = await SendBatchAsync(sender, worker, cancellationToken);
                }

                batches++;
                run.Results.Enqueue(result);
                more = HasMore(result);
                LogBatch(result);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("{Work} stopped by shutdown after {Batches} batch(es)", Work, batches);
        }
        catch (Exception ex)
        {
            // The scheduler must go on: the next run picks up whatever this one left.
            Interlocked.Increment(ref run.Failures);
            logger.LogError(ex, "{Work} failed after {Batches} batch(es); the next run tries again", Work, batches);
        }
    }

    /// <param name="worker">Which of the <see cref="Workers"/> loops sends it, from 0.</param>
    protected abstract ValueTask<TResult> SendBatchAsync(ISender sender, int worker, CancellationToken cancellationToken);

    protected abstract bool HasMore(TResult result);

    protected abstract void LogBatch(TResult result);

    private sealed class RunState
    {
        public readonly ConcurrentQueue<TResult> Results = new();
        public int Started;
        public int Failures;
        public volatile bool LeftOver;
    }
}

/// <summary>What one run of a <see cref="BatchingJob{TResult}"/> did: each batch's answer, in the order they finished, and how many of its loops failed.</summary>
public sealed record BatchRun<TResult>(IReadOnlyList<TResult> Results, int Failures);

using FoiTracker.Application.Requests;
using Mediator;

namespace FoiTracker.Application.Workflows.SweepTimers;

/// <summary>
/// Runs inside the transaction every command gets: the claim holds its requests until that
/// transaction ends, so the batch is written as it was fired, and a crash part-way writes nothing.
/// </summary>
public sealed class SweepTimersHandler(IDueRequests due, IFoiRequestRepository requests, WorkflowContexts contexts, TimeProvider clock)
    : ICommandHandler<SweepTimersCommand, SweepResult>
{
    /// <summary>
    /// Timers one request fires in one batch at most. A back-dated request catches up through its
    /// chain (reminder, deadline, chaser…) in one go; a chain longer than this goes on in the next batch.
    /// </summary>
    public const int MaxTimersPerRequest = 32;

    public async ValueTask<SweepResult> Handle(SweepTimersCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var claimed = await due.ClaimAsync(now, command.BatchSize, cancellationToken);
        if (claimed.Count == 0)
            return new SweepResult(0, 0, false);

        var more = claimed.Count == command.BatchSize;
        int fired = 0, skipped = 0;
        foreach (var request in claimed)
        {
            // Each request's due timers fire in due order, each seeing the result of the one before,
            // including timers that a step armed already due (a request caught up after downtime).
            var context = contexts.For(request.StatuteId, request.StatuteVersion);
            var steps = 0;
            while (request.NextDueTimer(now) is { } timer)
            {
                if (++steps > MaxTimersPerRequest)
                {
                    more = true;
                    break;
                }

                if (request.FireTimer(timer.Id, now, context))
                    fired++;
                else
                    skipped++;
            }
        }

        await requests.SaveManyAsync(claimed, cancellationToken);
        return new SweepResult(fired, skipped, more);
    }
}

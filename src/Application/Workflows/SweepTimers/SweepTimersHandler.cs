using FoiTracker.Application.Common.Ports;
using FoiTracker.Application.Requests;
using FoiTracker.Domain.Requests;
using Mediator;

namespace FoiTracker.Application.Workflows.SweepTimers;

public sealed class SweepTimersHandler(
    ITimerStore timers, IFoiRequestRepository requests, IUnitOfWork unitOfWork, WorkflowContexts contexts, TimeProvider clock)
    : ICommandHandler<SweepTimersCommand, SweepResult>
{
    /// <summary>
    /// Timers one request fires in one batch at most. A back-dated request catches up through its
    /// chain (reminder, deadline, chaser…) in one go; a chain longer than this goes on in the next batch.
    /// </summary>
    public const int MaxTimersPerRequest = 32;

    public async ValueTask<SweepResult> Handle(SweepTimersCommand command, CancellationToken cancellationToken)
    {
        // Where a claim locks its rows it belongs to the writing transaction. Where it does not (SQLite),
        // the batch is read and fired first and the one write lock is taken only to write it, so one
        // worker's claim and transitions run while another worker's batch is written.
        // Inside a caller's transaction the sweep joins it, and the caller commits.
        if (unitOfWork.InTransaction)
            return await SweepAsync(command, cancellationToken);

        if (timers.ClaimLocksRows)
            await unitOfWork.BeginAsync(cancellationToken);
        try
        {
            var result = await SweepAsync(command, cancellationToken);
            if (unitOfWork.InTransaction)
                await unitOfWork.CommitAsync(cancellationToken);
            return result;
        }
        catch
        {
            await unitOfWork.RollbackAsync(CancellationToken.None);
            throw;
        }
    }

    private async Task<SweepResult> SweepAsync(SweepTimersCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var claimed = await timers.ClaimDueAsync(now, command.BatchSize, command.Lane ?? SweepLane.All, cancellationToken);
        if (claimed.Count == 0)
            return new SweepResult(0, 0, false);

        var more = claimed.Count == command.BatchSize;
        var outcomes = new Dictionary<FoiRequest, (int Fired, int Skipped)>(claimed.Count, ReferenceEqualityComparer.Instance);
        foreach (var request in claimed)
        {
            // Each request's due timers fire in due order, each seeing the result of the one before,
            // including timers that a step armed already due (a request caught up after downtime).
            var context = contexts.For(request.StatuteId, request.StatuteVersion);
            int steps = 0, fired = 0, skipped = 0;
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

            outcomes[request] = (fired, skipped);
        }

        if (!unitOfWork.InTransaction)
            await unitOfWork.BeginAsync(cancellationToken);

        // All the batch's requests in a few multi-row statements: per-request statements made the
        // writes, not the claim or the transitions, the cost of a sweep. A request someone else saved
        // after it was read (a staff action, another node) is left out with everything its timers
        // produced, and fires again from what was saved, in a later batch.
        var changed = await requests.SaveUnchangedAsync(claimed, cancellationToken);
        foreach (var request in changed)
            outcomes.Remove(request);
        return new SweepResult(outcomes.Values.Sum(outcome => outcome.Fired), outcomes.Values.Sum(outcome => outcome.Skipped), more || changed.Count > 0);
    }
}

using FoiTracker.Application.Requests;
using FoiTracker.Domain.Requests;
using Mediator;

namespace FoiTracker.Application.Workflows.SweepTimers;

public sealed class SweepTimersHandler(ITimerStore timers, IFoiRequestRepository requests, WorkflowContexts contexts, TimeProvider clock)
    : ICommandHandler<SweepTimersCommand, SweepResult>
{
    public async ValueTask<SweepResult> Handle(SweepTimersCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var due = await timers.ClaimDueAsync(now, command.BatchSize, cancellationToken);
        if (due.Count == 0)
            return new SweepResult(0, 0, false);

        var loaded = await requests.GetManyAsync(due.Select(timer => new RequestId(timer.RequestId)).ToList(), cancellationToken);
        var byId = loaded.ToDictionary(request => request.Id.Value);
        int fired = 0, skipped = 0;
        var changed = new HashSet<FoiRequest>();
        // Timers of one request fire in due order on the same instance, so a chain (reminder,
        // then deadline, then chaser) within one batch sees each step's result.
        foreach (var timer in due)
        {
            var request = byId[timer.RequestId];
            if (request.FireTimer(timer.Id, now, contexts.For(request.StatuteId, request.StatuteVersion)))
                fired++;
            else
                skipped++;
            changed.Add(request);
        }

        // All the batch's requests in a few multi-row statements: per-request statements made the
        // writes, not the claim or the transitions, the cost of a sweep.
        await requests.SaveManyAsync(changed, cancellationToken);

        // A step may have armed a timer that is already due (a back-dated request catching up).
        var moreDueNow = loaded.Any(request => request.ActiveTimers.Any(timer => timer.DueAt <= now));
        return new SweepResult(fired, skipped, due.Count == command.BatchSize || moreDueNow);
    }
}

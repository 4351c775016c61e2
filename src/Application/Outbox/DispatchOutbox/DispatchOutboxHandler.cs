using FoiTracker.Application.Common.Models;
using Mediator;
using Microsoft.Extensions.Logging;

namespace FoiTracker.Application.Outbox.DispatchOutbox;

public sealed class DispatchOutboxHandler(
    IOutboxStore outbox,
    IEnumerable<IOutboxDispatcher> dispatchers,
    TimeProvider clock,
    ILogger<DispatchOutboxHandler> logger)
    : ICommandHandler<DispatchOutboxCommand, DispatchResult>
{
    public const int MaxBackoffMinutes = 60;

    public async ValueTask<DispatchResult> Handle(DispatchOutboxCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var pending = await outbox.ClaimPendingAsync(now, command.BatchSize, cancellationToken);
        int dispatched = 0, failed = 0;
        foreach (var message in pending)
        {
            var dispatcher = dispatchers.FirstOrDefault(candidate => candidate.CanDispatch(message));
            try
            {
                if (dispatcher is null)
                    throw new InvalidOperationException($"No dispatcher handles outbox rows of kind '{message.Kind}' ({message.Name}).");
                await dispatcher.DispatchAsync(message, cancellationToken);
                await outbox.MarkDispatchedAsync(message.Id, clock.GetUtcNow(), cancellationToken);
                dispatched++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Exponential back-off, capped: a broken dispatcher neither spins nor drops the row.
                var delay = Backoff.Exponential(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(MaxBackoffMinutes), message.Attempts);
                logger.LogWarning(ex, "Outbox row {DedupKey} failed (attempt {Attempt}); retrying in {Delay}", message.DedupKey, message.Attempts + 1, delay);
                await outbox.MarkFailedAsync(message.Id, ex.Message, now + delay, cancellationToken);
                failed++;
            }
        }

        return new DispatchResult(dispatched, failed, pending.Count == command.BatchSize);
    }
}

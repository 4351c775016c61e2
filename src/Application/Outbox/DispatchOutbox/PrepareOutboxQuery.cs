using Mediator;
using Microsoft.Extensions.Logging;

namespace FoiTracker.Application.Outbox.DispatchOutbox;

/// <summary>
/// Before a dispatch batch, with no transaction open: lets each pending row's dispatcher do the slow
/// part of its work that stores nothing (<see cref="IOutboxDispatcher.PrepareAsync"/>), so that the
/// batch's transaction — which on SQLite holds the one writer — stays short. Writes nothing; the
/// number of rows prepared.
/// </summary>
public sealed record PrepareOutboxQuery(int BatchSize = 100) : IQuery<int>;

public sealed class PrepareOutboxHandler(
    IOutboxStore outbox,
    IEnumerable<IOutboxDispatcher> dispatchers,
    TimeProvider clock,
    ILogger<PrepareOutboxHandler> logger)
    : IQueryHandler<PrepareOutboxQuery, int>
{
    public async ValueTask<int> Handle(PrepareOutboxQuery query, CancellationToken cancellationToken)
    {
        var prepared = 0;
        foreach (var message in await outbox.PeekPendingAsync(clock.GetUtcNow(), query.BatchSize, cancellationToken))
        {
            if (dispatchers.FirstOrDefault(candidate => candidate.CanDispatch(message)) is not { } dispatcher)
                continue;
            try
            {
                await dispatcher.PrepareAsync(message, cancellationToken);
                prepared++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The dispatch meets the same failure in its transaction and records it there.
                logger.LogDebug(ex, "Outbox row {DedupKey} could not be prepared: {Reason}", message.DedupKey, ex.Message);
            }
        }

        return prepared;
    }
}

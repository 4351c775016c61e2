using FoiTracker.Application.Outbox;
using Microsoft.Extensions.Logging;

namespace FoiTracker.Infrastructure.Outbox;

/// <summary>
/// The last resort for effects no other dispatcher carries out (a letter kind without a template
/// yet): the row's dispatched time is the record, and the log says what would have been produced.
/// </summary>
public sealed class RecordingOutboxDispatcher(ILogger<RecordingOutboxDispatcher> logger) : IOutboxDispatcher
{
    public bool CanDispatch(OutboxMessage message) => true;

    public Task DispatchAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        logger.LogInformation("Effect {Kind}/{Name} for {Recipient} recorded (request {RequestId}, key {DedupKey})",
            message.Kind, message.Name, message.Recipient, message.RequestId, message.DedupKey);
        return Task.CompletedTask;
    }
}

namespace FoiTracker.Application.Outbox;

/// <summary>A side effect waiting to happen: a letter to render, a mail to send, a notification.</summary>
public sealed record OutboxMessage(
    Guid Id,
    string DedupKey,
    Guid? RequestId,
    string Kind,
    string Name,
    string Recipient,
    string Payload,
    DateTimeOffset CreatedAt,
    int Attempts);

public interface IOutboxStore
{
    /// <summary>Pending rows whose time has come, oldest first, locked for this transaction where the database can.</summary>
    Task<IReadOnlyList<OutboxMessage>> ClaimPendingAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>The rows <see cref="ClaimPendingAsync"/> would take now, read without claiming or locking them.</summary>
    Task<IReadOnlyList<OutboxMessage>> PeekPendingAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    Task MarkDispatchedAsync(Guid id, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records a failed attempt and when to try again.</summary>
    Task MarkFailedAsync(Guid id, string error, DateTimeOffset retryAt, CancellationToken cancellationToken);

    /// <summary>Gives the row up for good: it is never claimed again, and its request shows in the staff queue with the reason.</summary>
    Task MarkGivenUpAsync(Guid id, string error, DateTimeOffset at, CancellationToken cancellationToken);
}

/// <summary>Carries out one kind of outbox row ("letter", "notify", "mail").</summary>
public interface IOutboxDispatcher
{
    bool CanDispatch(OutboxMessage message);

    Task DispatchAsync(OutboxMessage message, CancellationToken cancellationToken);

    /// <summary>
    /// Does ahead, with no transaction open, the slow part of <see cref="DispatchAsync"/> that stores
    /// nothing (drawing a letter), so the dispatch's transaction is short. Must not change anything
    /// <see cref="DispatchAsync"/> decides; a failure here is left for it to meet and record.
    /// </summary>
    Task PrepareAsync(OutboxMessage message, CancellationToken cancellationToken) => Task.CompletedTask;
}

namespace FoiTracker.Application.Common.Ports;

/// <summary>The answer given to a request sent with an Idempotency-Key, kept so a retry gets the same answer.</summary>
public sealed record StoredAnswer(string RequestHash, string Body);

public interface IIdempotencyStore
{
    Task<StoredAnswer?> FindAsync(string key, string scope, CancellationToken cancellationToken);

    /// <summary>Written in the same transaction as the work it answers for.</summary>
    Task SaveAsync(string key, string scope, StoredAnswer answer, DateTimeOffset at, CancellationToken cancellationToken);
}

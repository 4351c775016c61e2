using FoiTracker.Domain.Requests;

namespace FoiTracker.Application.Workflows;

/// <summary>The requests whose timers are due, claimed for the sweep.</summary>
public interface IDueRequests
{
    /// <summary>
    /// Requests whose earliest armed timer is due at <paramref name="now"/>, earliest first, loaded and
    /// claimed for the current transaction: until it ends, no other sweep takes them and nobody else
    /// writes them, so they can be saved without a "changed by someone else" check failing.
    /// </summary>
    /// <exception cref="InvalidOperationException">No transaction is open: a claim holds only as long as one.</exception>
    Task<IReadOnlyList<FoiRequest>> ClaimAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);
}

using Mediator;
using Microsoft.Extensions.Caching.Memory;

namespace FoiTracker.Web.Statistics;

/// <summary>
/// Statistics and charts for pages, kept as long as the API keeps its public answers
/// (<see cref="StatisticsCache.SecondsKey"/>): a page cannot use the output cache, because its layout
/// differs for a signed-in visitor, but the figures it shows are the same for everyone. A query is
/// its own key (queries are records, equal when their parameters are), and what is kept is an
/// immutable answer.
/// </summary>
public sealed class PageStatistics(IMediator mediator, IMemoryCache cache, StatisticsCache.KeepTime keep)
{
    public async Task<T> SendAsync<T>(IQuery<T> query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var seconds = keep.Seconds;
        if (seconds <= 0)
            return await mediator.Send(query, cancellationToken);
        if (cache.TryGetValue(query, out T? kept) && kept is not null)
            return kept;
        var answer = await mediator.Send(query, cancellationToken);
        cache.Set(query, answer, TimeSpan.FromSeconds(seconds));
        return answer;
    }
}

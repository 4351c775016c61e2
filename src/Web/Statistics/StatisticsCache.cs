namespace FoiTracker.Web.Statistics;

/// <summary>
/// Statistics answers are computed from every request of a period, and read far more often than a
/// request changes them: the public answers (no sign-in) are kept for a short while
/// (<c>Statistics:CacheSeconds</c>, default 60; 0 turns it off) and every answer says the day it is
/// as of. Snapshots are always computed afresh, and the request-level CSV is streamed, never kept.
/// </summary>
public static class StatisticsCache
{
    public const string Policy = "statistics";

    public const string SecondsKey = "Statistics:CacheSeconds";

    /// <summary>How long answers are kept, read once from <see cref="SecondsKey"/> (0 or less: not kept).</summary>
    public sealed record KeepTime(int Seconds);

    public static IServiceCollection AddStatisticsCache(this IServiceCollection services, IConfiguration configuration)
    {
        var seconds = configuration.GetValue(SecondsKey, 60);
        // Pages keep the same figures for the same time, in memory (PageStatistics).
        services.AddMemoryCache();
        services.AddSingleton(new KeepTime(seconds));
        services.AddScoped<PageStatistics>();
        services.AddOutputCache(options => options.AddPolicy(Policy, policy =>
        {
            // The default rules stay: only GET and HEAD, only 200, never for a signed-in caller or an answer that sets a cookie.
            policy.Expire(TimeSpan.FromSeconds(Math.Max(seconds, 0)))
                .SetVaryByQuery("*")
                .SetVaryByHeader("Accept");
            if (seconds <= 0)
                policy.NoCache();
        }));
        return services;
    }
}

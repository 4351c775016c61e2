namespace FoiTracker.Application.Common.Models;

/// <summary>How long to wait before trying a failed side effect again.</summary>
public static class Backoff
{
    /// <summary><paramref name="first"/> after the first failure, doubling with each attempt already made, at most <paramref name="max"/>.</summary>
    public static TimeSpan Exponential(TimeSpan first, TimeSpan max, int attempts) =>
        TimeSpan.FromTicks((long)Math.Min(max.Ticks, first.Ticks * Math.Pow(2, Math.Clamp(attempts, 0, 30))));
}

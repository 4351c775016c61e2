namespace FoiTracker.Application.Staff;

/// <summary>
/// What keeps the staff queue's answer quick at a million requests (most of them still open). The page
/// says both, so that nobody takes a bounded search or count for the whole.
/// </summary>
public static class QueueLimits
{
    /// <summary>
    /// Words are looked for in all requests, as a number is; when more open cases (of the body, when one is chosen)
    /// match, this many of the latest are listed, and the page says there are more.
    /// </summary>
    public const int MatchedUpTo = 100;

    /// <summary>The queue counts its cases up to this many and beyond that says "more than".</summary>
    public const int CountedUpTo = 10_000;
}

namespace FoiTracker.Application.Staff;

/// <summary>
/// What keeps the staff queue's answer quick at a million requests (most of them still open). The page
/// says both, so that nobody takes a bounded search or count for the whole.
/// </summary>
public static class QueueLimits
{
    /// <summary>Words are looked for among this many of the latest requests (of the body, when one is chosen); a number among all.</summary>
    public const int SearchedLatest = 5000;

    /// <summary>The queue counts its cases up to this many and beyond that says "more than".</summary>
    public const int CountedUpTo = 10_000;
}

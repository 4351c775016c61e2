namespace FoiTracker.Domain.Deadlines;

/// <summary>Days on which a deadline's clock was stopped (waiting for the requester's clarification), both ends included.</summary>
public readonly record struct PausePeriod
{
    public PausePeriod(DateOnly from, DateOnly to)
    {
        if (to < from)
            throw new ArgumentException($"A pause cannot end ({to:yyyy-MM-dd}) before it starts ({from:yyyy-MM-dd}).", nameof(to));
        From = from;
        To = to;
    }

    public DateOnly From { get; }

    public DateOnly To { get; }
}

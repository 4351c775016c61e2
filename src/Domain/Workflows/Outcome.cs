namespace FoiTracker.Domain.Workflows;

/// <summary>
/// What an event with an outcome decided: how the body answered, or how a complaint, review or court
/// claim ended. The statute's data says which outcomes each event takes; the words used across the
/// statutes are named here.
/// </summary>
public readonly record struct Outcome
{
    /// <summary>The body gave all the information asked for.</summary>
    public static readonly Outcome Complete = new("complete");

    public static readonly Outcome Partial = new("partial");

    /// <summary>The body refused (GAC 40: silence after the term counts as one, but is not recorded as this answer).</summary>
    public static readonly Outcome Refused = new("refused");

    /// <summary>The body does not hold the information.</summary>
    public static readonly Outcome NotHeld = new("not_held");

    /// <summary>The body sent the request on to the body that holds the information (GAC 80).</summary>
    public static readonly Outcome Forwarded = new("forwarded");

    /// <summary>A complaint, review or appeal decided for the requester.</summary>
    public static readonly Outcome Upheld = new("upheld");

    public static readonly Outcome Rejected = new("rejected");

    /// <summary>A court claim decided for the requester.</summary>
    public static readonly Outcome Won = new("won");

    public Outcome(string value) => Value = WorkflowWord.Require(value, "an outcome");

    public string Value { get; }

    /// <summary>Whether this is how a body answers a request, rather than how a complaint or claim ended.</summary>
    public bool IsAnswer => this == Complete || this == Partial || this == Refused || this == NotHeld || this == Forwarded;

    public override string ToString() => Value ?? string.Empty;
}

namespace FoiTracker.Domain.Workflows;

/// <summary>
/// An event a statute's workflow knows ("answered", "extension_notice", "escalate"). The statute's data
/// names them; the ones with a meaning of their own to the service are named here.
/// </summary>
public readonly record struct EventKind
{
    /// <summary>The request reaches its body; where it was not sent yet, its clock starts.</summary>
    public static readonly EventKind Submit = new("submit");

    /// <summary>A draft's letter is made to print and send on paper.</summary>
    public static readonly EventKind Print = new("print");

    /// <summary>The body's answer, with its outcome (complete, partial, refused, not held, forwarded).</summary>
    public static readonly EventKind Answered = new("answered");

    /// <summary>A closed or withdrawn request goes back to the stage it left.</summary>
    public static readonly EventKind Reopen = new("reopen");

    /// <summary>The requester withdraws the request.</summary>
    public static readonly EventKind Withdraw = new("withdraw");

    /// <summary>A reply from the body arrived by mail; staff then say what it answered.</summary>
    public static readonly EventKind AgencyReplied = new("agency_replied");

    /// <summary>A court's judgment; every other event with an outcome besides the answer decides a complaint or review.</summary>
    public static readonly EventKind CourtDecided = new("court_decided");

    /// <summary>The requester takes the next step up the ladder: a complaint, a review, a court claim.</summary>
    public static readonly EventKind Escalate = new("escalate");

    /// <summary>A decision on an administrative complaint (GAC 178).</summary>
    public static readonly EventKind ComplaintDecided = new("complaint_decided");

    public EventKind(string value) => Value = WorkflowWord.Require(value, "an event kind");

    public string Value { get; }

    public override string ToString() => Value ?? string.Empty;
}

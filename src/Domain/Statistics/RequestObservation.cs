namespace FoiTracker.Domain.Statistics;

/// <summary>
/// The facts of one request that statistics read, in legal dates of its statute's zone, as stored
/// (they may hold things that happened after the day the statistics are evaluated at; the classifier
/// and the calculator ignore those). A plain carrier, filled straight from the stored facts.
/// </summary>
public class RequestObservation
{
    public string BodyKey { get; init; } = "";

    public string StatuteId { get; init; } = "";

    public DateOnly SubmittedOn { get; init; }

    /// <summary>The due date of the answer: the statutory term with extensions, pauses and registration.</summary>
    public DateOnly? AnswerDue { get; init; }

    public DateOnly? FirstAnswerOn { get; init; }

    /// <summary>The outcome of the first substantive answer, as the workflow names it (complete, partial, refused, not_held, forwarded).</summary>
    public string? FirstAnswerOutcome { get; init; }

    public DateOnly? WithdrawnOn { get; init; }

    public DateOnly? ComplaintFiledOn { get; init; }

    public DateOnly? ComplaintDecidedOn { get; init; }

    /// <summary>upheld, partly_upheld or rejected.</summary>
    public string? ComplaintOutcome { get; init; }

    /// <summary>The last day for the decision on the complaint (its extension when there is one).</summary>
    public DateOnly? ComplaintDecisionDue { get; init; }

    public DateOnly? CourtFiledOn { get; init; }

    public DateOnly? CourtDecidedOn { get; init; }

    /// <summary>won, lost or settled.</summary>
    public string? CourtOutcome { get; init; }
}

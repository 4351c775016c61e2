namespace FoiTracker.Domain.Statistics;

/// <summary>
/// Classifies a request as it stood at the end of a day T. What happened after T has not happened
/// yet: an answer dated after T is no answer, a withdrawal after T no withdrawal. So a figure for
/// last year reads the same today as it did on 31 December, except for facts recorded late with
/// their true, earlier dates.
/// </summary>
public static class OutcomeClassifier
{
    public static StatisticsOutcome Classify(RequestObservation request, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (AnsweredBy(request, asOf) is { } answer)
            return answer;
        if (request.WithdrawnOn is { } withdrawn && withdrawn <= asOf)
            return StatisticsOutcome.Withdrawn;
        return request.AnswerDue is { } due && due <= asOf ? StatisticsOutcome.NoReply : StatisticsOutcome.Pending;
    }

    /// <summary>
    /// The first substantive answer's outcome when it came on or before <paramref name="asOf"/> and not
    /// after a withdrawal (a withdrawn request's later answer does not make it answered); else null.
    /// </summary>
    public static StatisticsOutcome? AnsweredBy(RequestObservation request, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.FirstAnswerOn is not { } on || on > asOf)
            return null;
        if (request.WithdrawnOn is { } withdrawn && withdrawn < on)
            return null;
        if (!StatisticsOutcomeNames.TryParse(request.FirstAnswerOutcome, out var outcome) || !outcome.IsAnswer())
            throw new InvalidDataException(
                $"A request to '{request.BodyKey}' has the answer outcome '{request.FirstAnswerOutcome}', which statistics do not know: expected complete, partial, refused, not_held or forwarded.");
        return outcome;
    }
}

using FoiTracker.Domain.Calendars;

namespace FoiTracker.Domain.Statistics;

/// <summary>
/// Computes every figure of one group of requests evaluated at the end of the day T, in one pass
/// over its requests: counts as they come, and one working-day time per request for Kaplan–Meier.
/// Working days are counted on the calendar of each request's statute, whose per-year tables make
/// each count O(1).
/// </summary>
public sealed class GroupCalculator(DateOnly asOf)
{
    private readonly int[] _outcomes = new int[Enum.GetValues<StatisticsOutcome>().Length];
    private readonly Dictionary<TimeToAnswer, int> _times = [];
    private int _sent, _due, _onTime, _repliedDue, _successDue, _open, _overdue;
    private int _complaints, _complaintsDecided, _complaintsDue, _decidedInTime, _upheld, _partlyUpheld, _rejected;
    private int _court, _courtDecided, _won, _lost, _settled;

    public DateOnly AsOf { get; } = asOf;

    public int Sent => _sent;

    /// <summary>Each request's working days to its first substantive answer, or until it was censored; what the Kaplan–Meier curve is drawn from.</summary>
    public IReadOnlyList<TimeToAnswer> Times =>
        _times.OrderBy(pair => pair.Key.Days).ThenBy(pair => pair.Key.Answered).SelectMany(pair => Enumerable.Repeat(pair.Key, pair.Value)).ToList();

    /// <summary>Adds one request sent on or before T; <paramref name="calendar"/> is its statute's calendar.</summary>
    public void Add(RequestObservation request, HolidayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(calendar);
        if (request.SubmittedOn > AsOf)
            throw new ArgumentException("A request sent after the day the statistics are evaluated at did not exist then.", nameof(request));
        _sent++;
        var outcome = OutcomeClassifier.Classify(request, AsOf);
        _outcomes[(int)outcome]++;
        var answered = outcome.IsAnswer();
        if (IsDue(request, outcome))
        {
            _due++;
            if (answered)
            {
                _repliedDue++;
                if (request.FirstAnswerOn <= request.AnswerDue)
                    _onTime++;
                if (outcome is StatisticsOutcome.Complete or StatisticsOutcome.Partial)
                    _successDue++;
            }
        }

        if (!answered && outcome != StatisticsOutcome.Withdrawn)
        {
            _open++;
            // Overdue from the day after the due date (the due date itself is still in time).
            if (request.AnswerDue is { } due && due < AsOf)
                _overdue++;
        }

        // Open requests are censored at T, withdrawn ones at their withdrawal: observed that long unanswered.
        var end = answered ? request.FirstAnswerOn!.Value : outcome == StatisticsOutcome.Withdrawn ? request.WithdrawnOn!.Value : AsOf;
        AddTime(request.SubmittedOn, end, answered, 1, calendar);
        AddEscalation(request);
    }

    /// <summary>
    /// Adds the counts of requests the store has already classified as of T (<see cref="StatisticsCounts"/>
    /// says what each one means); their times to answer come separately through <see cref="AddTime"/>.
    /// </summary>
    public void Add(StatisticsCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        _sent += counts.Sent;
        var outcomes = counts.Outcomes;
        int[] each = [outcomes.Complete, outcomes.Partial, outcomes.Refused, outcomes.NotHeld, outcomes.Forwarded, outcomes.NoReply, outcomes.Pending, outcomes.Withdrawn];
        for (var i = 0; i < each.Length; i++)
            _outcomes[i] += each[i];
        (_due, _onTime, _repliedDue, _successDue, _open, _overdue) =
            (_due + counts.Due, _onTime + counts.OnTime, _repliedDue + counts.RepliedDue, _successDue + counts.SuccessDue, _open + counts.Open, _overdue + counts.Overdue);
        (_complaints, _complaintsDecided, _complaintsDue, _decidedInTime, _upheld, _partlyUpheld, _rejected) =
            (_complaints + counts.Complaints, _complaintsDecided + counts.ComplaintsDecided, _complaintsDue + counts.ComplaintsDue,
             _decidedInTime + counts.DecidedInTime, _upheld + counts.Upheld, _partlyUpheld + counts.PartlyUpheld, _rejected + counts.Rejected);
        (_court, _courtDecided, _won, _lost, _settled) =
            (_court + counts.Court, _courtDecided + counts.CourtDecided, _won + counts.Won, _lost + counts.Lost, _settled + counts.Settled);
    }

    /// <summary>
    /// Adds <paramref name="count"/> requests sent on <paramref name="sent"/> and observed unanswered until
    /// <paramref name="end"/>: answered then, or censored then (still open at T, or withdrawn).
    /// </summary>
    public void AddTime(DateOnly sent, DateOnly end, bool answered, int count, HolidayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var time = new TimeToAnswer(Math.Max(0, calendar.WorkingDaysBetween(sent, end)), answered);
        _times[time] = _times.GetValueOrDefault(time) + count;
    }

    /// <summary>
    /// Due on or before T, unless withdrawn before the due date without an answer: a request withdrawn in
    /// time owed no answer, and counting it would make the body look late for the requester's choice.
    /// </summary>
    private bool IsDue(RequestObservation request, StatisticsOutcome outcome) =>
        request.AnswerDue is { } due && due <= AsOf
        && !(outcome == StatisticsOutcome.Withdrawn && request.WithdrawnOn <= due);

    private void AddEscalation(RequestObservation request)
    {
        if (request.ComplaintFiledOn is { } filed && filed <= AsOf)
        {
            _complaints++;
            var decided = request.ComplaintDecidedOn is { } on && on <= AsOf ? on : (DateOnly?)null;
            if (decided is not null)
            {
                _complaintsDecided++;
                switch (request.ComplaintOutcome)
                {
                    case "upheld": _upheld++; break;
                    case "partly_upheld": _partlyUpheld++; break;
                    case "rejected": _rejected++; break;
                }
            }

            if (request.ComplaintDecisionDue is { } decisionDue && (decisionDue <= AsOf || decided is not null))
            {
                _complaintsDue++;
                if (decided <= decisionDue)
                    _decidedInTime++;
            }
        }

        if (request.CourtFiledOn is { } sued && sued <= AsOf)
        {
            _court++;
            if (request.CourtDecidedOn is { } judged && judged <= AsOf)
            {
                _courtDecided++;
                switch (request.CourtOutcome)
                {
                    case "won": _won++; break;
                    case "lost": _lost++; break;
                    case "settled": _settled++; break;
                }
            }
        }
    }

    /// <summary>The figures of the requests added so far.</summary>
    /// <param name="legalTermDays">The statutory term in working days (GAC 40: 10), or null when the group's requests do not share one.</param>
    public GroupFigures Result(int? legalTermDays, OutcomeMapping idfi)
    {
        ArgumentNullException.ThrowIfNull(idfi);
        int Count(StatisticsOutcome outcome) => _outcomes[(int)outcome];
        var outcomes = new OutcomeCounts(
            Count(StatisticsOutcome.Complete), Count(StatisticsOutcome.Partial), Count(StatisticsOutcome.Refused), Count(StatisticsOutcome.NotHeld),
            Count(StatisticsOutcome.Forwarded), Count(StatisticsOutcome.NoReply), Count(StatisticsOutcome.Pending), Count(StatisticsOutcome.Withdrawn));
        const string dueRequests = "requests due";
        return new GroupFigures(
            _sent,
            _due,
            outcomes,
            idfi.Count(outcomes),
            Rate.Share(_onTime, _due, _due, dueRequests),
            Rate.Share(_repliedDue, _due, _due, dueRequests),
            Rate.Share(_successDue, _repliedDue, _due, dueRequests),
            _open,
            Rate.Share(_overdue, _open, _due, dueRequests),
            AnswerTimesOf(legalTermDays),
            new Escalation(
                _complaints, _complaintsDecided, Rate.Share(_decidedInTime, _complaintsDue, _complaintsDue, "complaint decisions due"),
                _upheld, _partlyUpheld, _rejected, _court, _courtDecided, _won, _lost, _settled));
    }

    private AnswerTimes AnswerTimesOf(int? legalTermDays)
    {
        var estimate = KaplanMeier.Estimate(_times);
        var answered = _times.Where(pair => pair.Key.Answered).Sum(pair => pair.Value);
        var (lower, upper) = estimate.MedianInterval;
        return new AnswerTimes(
            estimate.Count, answered, estimate.Count - answered, estimate.Median, estimate.Median is not null, lower, upper,
            legalTermDays, WithinTerm(estimate, legalTermDays));
    }

    /// <summary>1 − Ŝ at the legal term, with the interval of Ŝ turned round; withheld for small samples as the rates are.</summary>
    private Estimate WithinTerm(KaplanMeier estimate, int? legalTermDays)
    {
        if (_due < StatisticsThresholds.MinimumForPercentages)
            return new Estimate(null, null, null, $"Fewer than {StatisticsThresholds.MinimumForPercentages} requests due ({_due}): too few for a percentage.");
        if (legalTermDays is not { } term)
            return new Estimate(null, null, null, "The requests are under statutes with different terms, or a term not counted in working days.");
        var step = estimate.Steps.LastOrDefault(candidate => candidate.Days <= term);
        return step is null
            ? new Estimate(0, 0, 0, null)
            : new Estimate(1 - step.Survival, 1 - step.Upper, 1 - step.Lower, null);
    }
}

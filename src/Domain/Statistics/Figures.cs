namespace FoiTracker.Domain.Statistics;

/// <summary>
/// A share with its sample: <see cref="Count"/> of <see cref="Of"/>, the share and its 95 % Wilson
/// interval. When the sample is too small to publish a percentage (<see cref="StatisticsThresholds"/>)
/// the share and the interval are null and <see cref="Withheld"/> says why; the counts are always given.
/// </summary>
public sealed record Rate(int Count, int Of, double? Value, double? Lower, double? Upper, string? Withheld)
{
    /// <summary>The share of <paramref name="count"/> in <paramref name="of"/>, published when <paramref name="sample"/> reaches the threshold.</summary>
    public static Rate Share(int count, int of, int sample, string sampleName)
    {
        if (sample < StatisticsThresholds.MinimumForPercentages)
            return new Rate(count, of, null, null, null,
                $"Fewer than {StatisticsThresholds.MinimumForPercentages} {sampleName} ({sample}): too few for a percentage.");
        if (of == 0)
            return new Rate(count, of, null, null, null, "Nothing to take a share of (0).");
        var proportion = new Proportion(count, of);
        return new Rate(count, of, proportion.Value, proportion.Lower, proportion.Upper, null);
    }
}

/// <summary>How many requests ended each way, as of the day; they add up to the requests sent.</summary>
public sealed record OutcomeCounts(int Complete, int Partial, int Refused, int NotHeld, int Forwarded, int NoReply, int Pending, int Withdrawn)
{
    /// <summary>Requests with a substantive answer.</summary>
    public int Answered => Complete + Partial + Refused + NotHeld + Forwarded;
}

/// <summary>Requests in one category of a published mapping (IDFI's complete / incomplete / refusal / no reply).</summary>
public sealed record CategoryCount(string Category, int Count);

/// <summary>An estimate with its 95 % interval, or null values and the reason it is withheld.</summary>
public sealed record Estimate(double? Value, double? Lower, double? Upper, string? Withheld);

/// <summary>
/// Time to the first substantive answer in working days of the statute's calendar, by Kaplan–Meier:
/// requests still open (or withdrawn) are censored. The median is null when the estimate never falls
/// to one half ("not reached"); so are the ends of its interval.
/// </summary>
/// <param name="Requests">Requests the estimate rests on.</param>
/// <param name="Answered">Of them, answered (events).</param>
/// <param name="Censored">Of them, still open or withdrawn.</param>
/// <param name="LegalTermDays">The statutory term in working days the share below is taken at; null when the requests do not share one.</param>
/// <param name="AnsweredWithinTerm">The estimated share answered within the legal term, with its interval.</param>
public sealed record AnswerTimes(
    int Requests,
    int Answered,
    int Censored,
    int? MedianDays,
    bool MedianReached,
    int? MedianLower,
    int? MedianUpper,
    int? LegalTermDays,
    Estimate AnsweredWithinTerm);

/// <summary>The ladder after the answer: administrative complaints and court claims, as of the day.</summary>
/// <param name="DecidedInTime">Complaints decided on or before their decision's last day, of those whose decision was due or came by the day.</param>
public sealed record Escalation(
    int ComplaintsFiled,
    int ComplaintsDecided,
    Rate DecidedInTime,
    int Upheld,
    int PartlyUpheld,
    int Rejected,
    int CourtClaims,
    int CourtDecided,
    int CourtWon,
    int CourtLost,
    int CourtSettled);

/// <summary>Every figure for one group of requests (a body, a kind of body, a municipality, a statute).</summary>
/// <param name="Sent">Requests sent in the period (up to the day).</param>
/// <param name="Due">Requests whose answer was due on or before the day, less those withdrawn before it was due: the denominator of the rates.</param>
/// <param name="OnTime">First substantive answer on or before the due date, of <paramref name="Due"/>.</param>
/// <param name="Replied">Substantive answer by the day, of <paramref name="Due"/>.</param>
/// <param name="Success">Complete or partial, of the due requests answered.</param>
/// <param name="Open">Not answered and not withdrawn by the day.</param>
/// <param name="OverdueNow">Open and past the due date on the day, of <paramref name="Open"/>.</param>
public sealed record GroupFigures(
    int Sent,
    int Due,
    OutcomeCounts Outcomes,
    IReadOnlyList<CategoryCount> Idfi,
    Rate OnTime,
    Rate Replied,
    Rate Success,
    int Open,
    Rate OverdueNow,
    AnswerTimes TimeToAnswer,
    Escalation Escalation);

/// <summary>When a figure may be published and a body ranked.</summary>
public static class StatisticsThresholds
{
    /// <summary>Percentages only from this many due requests: below it one request moves a share by 20 points or more.</summary>
    public const int MinimumForPercentages = 5;

    /// <summary>Bodies are ranked only from this many due requests, by the lower bound of the on-time rate's interval.</summary>
    public const int MinimumForRanking = 20;
}

namespace FoiTracker.Domain.Statistics;

/// <summary>
/// One request's time to its first substantive answer, in working days: <see cref="Answered"/> when
/// the answer came after <see cref="Days"/>; otherwise the request was still open (or withdrawn) after
/// that many days, and it is censored there.
/// </summary>
public readonly record struct TimeToAnswer(int Days, bool Answered);

/// <summary>The estimate at one time where at least one answer came: Ŝ(t) and its 95 % interval.</summary>
/// <param name="AtRisk">Requests still unanswered and observed just before <paramref name="Days"/>.</param>
/// <param name="Answers">Requests answered after exactly <paramref name="Days"/>.</param>
public sealed record SurvivalStep(int Days, int AtRisk, int Answers, double Survival, double Lower, double Upper);

/// <summary>
/// The Kaplan–Meier estimate of the share of requests still unanswered after t working days, with
/// Greenwood's variance on the log(−log) scale for the pointwise 95 % interval, so the bounds stay
/// inside (0, 1). Requests still open, or withdrawn, count while they were observed and then leave
/// the risk set (censored); dropping them would make bodies look faster than they are.
/// </summary>
public sealed class KaplanMeier
{
    private KaplanMeier(IReadOnlyList<SurvivalStep> steps, int count)
    {
        Steps = steps;
        Count = count;
    }

    /// <summary>The estimate at each time an answer came, in time order.</summary>
    public IReadOnlyList<SurvivalStep> Steps { get; }

    /// <summary>How many requests the estimate rests on (answered and censored).</summary>
    public int Count { get; }

    public static KaplanMeier Estimate(IEnumerable<TimeToAnswer> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        var counted = new Dictionary<TimeToAnswer, int>();
        foreach (var observation in observations)
            counted[observation] = counted.GetValueOrDefault(observation) + 1;
        return Estimate(counted);
    }

    /// <summary>The estimate from each distinct time with how many requests share it: the same figures as listing every request.</summary>
    public static KaplanMeier Estimate(IReadOnlyDictionary<TimeToAnswer, int> counted)
    {
        ArgumentNullException.ThrowIfNull(counted);
        if (counted.Keys.Any(observation => observation.Days < 0))
            throw new ArgumentException("A time to answer cannot be negative.", nameof(counted));
        if (counted.Values.Any(count => count < 0))
            throw new ArgumentException("A count of requests cannot be negative.", nameof(counted));

        var byDays = counted
            .GroupBy(pair => pair.Key.Days)
            .Select(group => (Days: group.Key, Answers: group.Where(pair => pair.Key.Answered).Sum(pair => pair.Value), Leaving: group.Sum(pair => pair.Value)))
            .Where(time => time.Leaving > 0)
            .OrderBy(time => time.Days)
            .ToList();
        var steps = new List<SurvivalStep>();
        double survival = 1, greenwood = 0;
        var total = byDays.Sum(time => time.Leaving);
        var atRisk = total;
        // Answers and censorings at the same time: the censored ones still count as at risk then.
        foreach (var (days, answers, leaving) in byDays)
        {
            if (answers > 0)
            {
                survival *= 1 - ((double)answers / atRisk);
                greenwood += answers == atRisk ? double.PositiveInfinity : answers / ((double)atRisk * (atRisk - answers));
                var (lower, upper) = Interval(survival, greenwood);
                steps.Add(new SurvivalStep(days, atRisk, answers, survival, lower, upper));
            }

            atRisk -= leaving;
        }

        return new KaplanMeier(steps, total);
    }

    /// <summary>Ŝ after <paramref name="days"/> working days: the share still unanswered then.</summary>
    public double SurvivalAt(int days) => Steps.LastOrDefault(step => step.Days <= days)?.Survival ?? 1;

    /// <summary>The share answered within <paramref name="days"/> working days (the legal term): 1 − Ŝ.</summary>
    public double AnsweredWithin(int days) => 1 - SurvivalAt(days);

    /// <summary>The median time to answer: the first time Ŝ ≤ 0.5; null ("not reached") when it never is.</summary>
    public int? Median => Steps.FirstOrDefault(step => step.Survival <= 0.5)?.Days;

    /// <summary>
    /// The 95 % interval of the median: from the first time the interval's lower bound is ≤ 0.5 to the
    /// first time its upper bound is; either end null ("not reached") when that bound never gets there.
    /// </summary>
    public (int? Lower, int? Upper) MedianInterval =>
        (Steps.FirstOrDefault(step => step.Lower <= 0.5)?.Days, Steps.FirstOrDefault(step => step.Upper <= 0.5)?.Days);

    private static (double Lower, double Upper) Interval(double survival, double greenwood)
    {
        if (survival <= 0 || survival >= 1 || double.IsInfinity(greenwood))
            return survival <= 0 ? (0, 0) : (survival, survival);
        var logSurvival = Math.Log(survival);
        var spread = Proportion.Z95 * Math.Sqrt(greenwood) / Math.Abs(logSurvival);
        return (Math.Pow(survival, Math.Exp(spread)), Math.Pow(survival, Math.Exp(-spread)));
    }
}

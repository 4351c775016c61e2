using FoiTracker.Domain.Statistics;

namespace FoiTracker.Application.Statistics.AnnualReports;

/// <summary>
/// What the service's own records show for one body's requests sent in a calendar year, as known on
/// an as-of date, in the terms a GAC Art 49 annual report uses.
/// </summary>
/// <param name="Sent">Requests sent to the body in the year (up to the as-of date).</param>
/// <param name="NoReply">Due on or before the as-of date with no substantive answer (not withdrawn).</param>
/// <param name="Pending">Not yet due and not answered.</param>
/// <param name="Complaints">Administrative complaints filed against the body's answer or silence.</param>
public sealed record OwnYearCounts(
    int Sent, int Complete, int Partial, int Refused, int NotHeld, int Forwarded, int NoReply, int Pending, int Withdrawn,
    int Complaints, int CourtClaims)
{
    public static OwnYearCounts Of(GroupFigures figures)
    {
        ArgumentNullException.ThrowIfNull(figures);
        var outcomes = figures.Outcomes;
        return new OwnYearCounts(
            figures.Sent, outcomes.Complete, outcomes.Partial, outcomes.Refused, outcomes.NotHeld, outcomes.Forwarded, outcomes.NoReply,
            outcomes.Pending, outcomes.Withdrawn, figures.Escalation.ComplaintsFiled, figures.Escalation.CourtClaims);
    }
}

/// <summary>Counts a body's year with the statistics' own definitions, so a comparison and the body's page never disagree.</summary>
public sealed class OwnYearCounter(StatisticsEvaluator evaluator)
{
    /// <summary>The version of the definitions behind the counts.</summary>
    public static string MethodologyVersion => StatisticsMethodology.Version;

    public async Task<OwnYearCounts> ForBodyAsync(string bodyKey, int year, DateOnly asOf, CancellationToken cancellationToken)
    {
        var window = new StatisticsWindow(StatisticsPeriod.Year(year), asOf);
        var evaluation = await evaluator.EvaluateCountedAsync(
            window, new StatisticsSelection(window.Period.From, window.Through, Body: bodyKey), _ => bodyKey, cancellationToken);
        return OwnYearCounts.Of(evaluation.Groups.TryGetValue(bodyKey, out var figures) ? figures : evaluator.Empty(window));
    }
}

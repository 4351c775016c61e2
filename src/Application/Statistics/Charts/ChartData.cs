using System.Globalization;
using FoiTracker.Domain.Statistics;

namespace FoiTracker.Application.Statistics.Charts;

/// <summary>A body's requests due by the as-of date, and how many of them were answered on time.</summary>
public sealed record BodyOnTime(string BodyKey, string NameKa, string NameEn, int Due, int OnTime);

/// <summary>The requests sent in one month that were due by the as-of date, and how many were answered on time.</summary>
public sealed record MonthOnTime(DateOnly Month, int Sent, int Due, int OnTime);

/// <summary>
/// What the charts draw, computed by the statistics' own evaluator, so that a chart and the table
/// beside it (and the body's figures elsewhere) count the same requests the same way.
/// </summary>
public sealed class ChartData(StatisticsEvaluator evaluator, IStatisticsSource source)
{
    public async Task<IReadOnlyList<BodyOnTime>> OnTimeByBodyAsync(StatisticsScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var evaluation = await evaluator.EvaluateCountedAsync(scope.Window, scope.Selection(), key => key.BodyKey, cancellationToken);
        var bodies = await source.BodiesAsync(kind: null, municipality: null, cancellationToken);
        return bodies
            .Where(body => evaluation.Groups.ContainsKey(body.Key))
            .Select(body => (Body: body, Figures: evaluation.Groups[body.Key]))
            .Select(pair => new BodyOnTime(pair.Body.Key, pair.Body.NameKa, pair.Body.NameEn, pair.Figures.Due, pair.Figures.OnTime.Count))
            .ToList();
    }

    public async Task<IReadOnlyList<MonthOnTime>> OnTimeByMonthAsync(StatisticsScope scope, string? bodyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var evaluation = await evaluator.EvaluateAsync(
            scope.Window, scope.Selection(bodyKey), row => row.SubmittedOn.ToString("yyyy-MM", CultureInfo.InvariantCulture), cancellationToken);
        return evaluation.Groups
            .Select(pair => new MonthOnTime(
                DateOnly.ParseExact(pair.Key + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture), pair.Value.Sent, pair.Value.Due, pair.Value.OnTime.Count))
            .OrderBy(month => month.Month)
            .ToList();
    }

    /// <summary>Each request's working days to its first substantive answer, or until it was censored (still open, withdrawn).</summary>
    public Task<IReadOnlyList<TimeToAnswer>> TimesToAnswerAsync(StatisticsScope scope, string? bodyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return evaluator.TimesToAnswerAsync(scope.Window, scope.Selection(bodyKey), cancellationToken);
    }
}

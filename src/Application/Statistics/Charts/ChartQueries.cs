using System.Globalization;
using FluentValidation;
using FoiTracker.Domain.Statistics;
using Mediator;

namespace FoiTracker.Application.Statistics.Charts;

/// <summary>The parameters every chart takes: the statistics scope, a language (en, ka) and optionally one body.</summary>
public interface IChartQuery
{
    string? Period { get; }

    string? AsOf { get; }

    string? Statute { get; }

    string? Lang { get; }
}

/// <summary>On-time rate per body with its 95 % interval.</summary>
public sealed record GetOnTimeChartQuery(string? Period, string? AsOf, string? Statute, string? Lang) : IChartQuery, IQuery<BarChartModel>;

/// <summary>On-time rate per month the requests were sent in.</summary>
public sealed record GetMonthlyTrendChartQuery(string? Period, string? AsOf, string? Statute, string? Lang, string? Body) : IChartQuery, IQuery<LineChartModel>;

/// <summary>The share still unanswered after each working day (Kaplan–Meier).</summary>
public sealed record GetTimeToAnswerChartQuery(string? Period, string? AsOf, string? Statute, string? Lang, string? Body) : IChartQuery, IQuery<LineChartModel>;

public abstract class ChartQueryValidator<T> : AbstractValidator<T>
    where T : IChartQuery
{
    protected ChartQueryValidator(StatisticsWindows windows)
    {
        this.AddScopeRules(windows, query => query.Period, query => query.AsOf, query => query.Statute);
        this.AddLanguageRule(query => query.Lang);
    }
}

public sealed class GetOnTimeChartValidator(StatisticsWindows windows) : ChartQueryValidator<GetOnTimeChartQuery>(windows);

public sealed class GetMonthlyTrendChartValidator(StatisticsWindows windows) : ChartQueryValidator<GetMonthlyTrendChartQuery>(windows);

public sealed class GetTimeToAnswerChartValidator(StatisticsWindows windows) : ChartQueryValidator<GetTimeToAnswerChartQuery>(windows);

public sealed class ChartQueryHandlers(StatisticsScopeReader scopes, ChartData data)
    : IQueryHandler<GetOnTimeChartQuery, BarChartModel>,
      IQueryHandler<GetMonthlyTrendChartQuery, LineChartModel>,
      IQueryHandler<GetTimeToAnswerChartQuery, LineChartModel>
{
    /// <summary>A share is drawn only from this many due requests on (docs/statistics.md): fewer say too little.</summary>
    public const int MinDueForShare = 5;

    public async ValueTask<BarChartModel> Handle(GetOnTimeChartQuery query, CancellationToken cancellationToken)
    {
        var scope = scopes.Read(query.Period, query.AsOf, query.Statute);
        var words = ChartWords.For(query.Lang);
        var bodies = await data.OnTimeByBodyAsync(scope, cancellationToken);
        var shown = bodies.Where(body => body.Due >= MinDueForShare).ToList();
        // Ordered by name, not by rate: a chart is not a ranking (rankings need 20 due requests and use the lower bound).
        var bars = shown
            .Select(body => (Label: words.Ka ? body.NameKa : body.NameEn, Share: new Proportion(body.OnTime, body.Due)))
            .OrderBy(bar => bar.Label, StringComparer.Ordinal)
            .Select(bar => new BarDatum(bar.Label, bar.Share.Value!.Value, bar.Share.Lower, bar.Share.Upper, words.Share(bar.Share)))
            .ToList();
        var text = new ChartText(
            words.OnTimeTitle(scope), words.OnTimeDescription(scope, bars.Count, bodies.Count - shown.Count), words.BodyHead, words.OnTimeHead, words.Language);
        return new BarChartModel(text, bars, words.OnTimeAxis);
    }

    public async ValueTask<LineChartModel> Handle(GetMonthlyTrendChartQuery query, CancellationToken cancellationToken)
    {
        var scope = scopes.Read(query.Period, query.AsOf, query.Statute);
        var words = ChartWords.For(query.Lang);
        var months = await data.OnTimeByMonthAsync(scope, Blank(query.Body), cancellationToken);
        var first = scope.Period.From;
        var points = months
            .Where(month => month.Due >= MinDueForShare)
            .OrderBy(month => month.Month)
            .Select(month =>
            {
                var share = new Proportion(month.OnTime, month.Due);
                var index = ((month.Month.Year - first.Year) * 12) + month.Month.Month - first.Month;
                return new PointDatum(month.Month.ToString("yyyy-MM", CultureInfo.InvariantCulture), index, share.Value!.Value, share.Lower, share.Upper, words.Share(share));
            })
            .ToList();
        var span = Math.Max(1, ((scope.Period.To.Year - first.Year) * 12) + scope.Period.To.Month - first.Month);
        var text = new ChartText(words.TrendTitle(scope, query.Body), words.TrendDescription(scope, points.Count), words.MonthHead, words.OnTimeHead, words.Language);
        return new LineChartModel(text, points, words.MonthHead, words.OnTimeAxis, Steps: false, XMax: span);
    }

    public async ValueTask<LineChartModel> Handle(GetTimeToAnswerChartQuery query, CancellationToken cancellationToken)
    {
        var scope = scopes.Read(query.Period, query.AsOf, query.Statute);
        var words = ChartWords.For(query.Lang);
        var times = await data.TimesToAnswerAsync(scope, Blank(query.Body), cancellationToken);
        var estimate = KaplanMeier.Estimate(times);
        // The curve starts with every request unanswered on day 0.
        var points = new List<PointDatum> { new(words.Day(0), 0, 1, null, null, ChartWords.Percent(1)) };
        points.AddRange(estimate.Steps.Select(step =>
            new PointDatum(words.Day(step.Days), step.Days, step.Survival, step.Lower, step.Upper, words.Survival(step))));
        var last = times.Count == 0 ? 10 : Math.Max(10, times.Max(time => time.Days));
        var text = new ChartText(
            words.SurvivalTitle(scope, query.Body), words.SurvivalDescription(scope, estimate), words.DayHead, words.SurvivalHead, words.Language);
        return new LineChartModel(text, points, words.DayAxis, words.SurvivalHead, Steps: true, XMax: last);
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

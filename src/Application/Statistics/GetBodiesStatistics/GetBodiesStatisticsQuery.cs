using FluentValidation;
using FoiTracker.Application.Bodies;
using FoiTracker.Domain.Statistics;
using Mediator;

namespace FoiTracker.Application.Statistics.GetBodiesStatistics;

/// <summary>Every body's statistics for requests sent in a period, as of a day; optionally only one kind of body or one municipality.</summary>
public sealed record GetBodiesStatisticsQuery(string? Period = null, string? AsOf = null, string? Kind = null, string? Municipality = null)
    : IQuery<BodiesStatistics>;

public sealed class GetBodiesStatisticsValidator : AbstractValidator<GetBodiesStatisticsQuery>
{
    public GetBodiesStatisticsValidator(StatisticsWindows windows)
    {
        this.CheckWindow(windows, query => query.Period, query => query.AsOf);
        RuleFor(query => query.Kind).MustBeBodyKind();
        RuleFor(query => query.Municipality).MustBeKey("municipality", "gori");
    }
}

public sealed class GetBodiesStatisticsHandler(StatisticsWindows windows, BodiesStatisticsReader reader)
    : IQueryHandler<GetBodiesStatisticsQuery, BodiesStatistics>
{
    public async ValueTask<BodiesStatistics> Handle(GetBodiesStatisticsQuery query, CancellationToken cancellationToken)
    {
        var window = windows.Resolve(query.Period, query.AsOf);
        return await reader.ReadAsync(window, query.Kind, query.Municipality, statute: null, cancellationToken);
    }
}

/// <summary>Every body's figures for a window, ranked; optionally only one kind, one municipality or one statute's requests.</summary>
public sealed class BodiesStatisticsReader(StatisticsEvaluator evaluator, IStatisticsSource source)
{
    public async Task<BodiesStatistics> ReadAsync(
        StatisticsWindow window, string? kind, string? municipality, string? statute, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        var bodies = await source.BodiesAsync(kind, municipality, cancellationToken);
        var evaluation = await evaluator.EvaluateCountedAsync(
            window, new StatisticsSelection(window.Period.From, window.Through, Kind: kind, Municipality: municipality, Statute: statute),
            key => key.BodyKey, cancellationToken);
        var empty = evaluator.Empty(window);
        var figures = bodies.Select(body => (body, evaluation.Groups.TryGetValue(body.Key, out var found) ? found : empty)).ToList();
        return new BodiesStatistics(evaluation.Basis, Ranking.Rank(figures));
    }
}

/// <summary>
/// Bodies are ranked only with enough due requests (<see cref="StatisticsThresholds.MinimumForRanking"/>),
/// by the lower bound of the on-time rate's interval: a body is placed by what its record shows at the
/// least, so a small body with a lucky run does not top one with a long good record.
/// </summary>
public static class Ranking
{
    public static IReadOnlyList<BodyStatistics> Rank(IEnumerable<(StatisticsBody Body, GroupFigures Figures)> bodies)
    {
        var list = bodies.ToList();
        var ranked = list
            .Where(pair => pair.Figures.Due >= StatisticsThresholds.MinimumForRanking)
            .OrderByDescending(pair => pair.Figures.OnTime.Lower)
            .ThenByDescending(pair => pair.Figures.OnTime.Value)
            .ThenBy(pair => pair.Body.Key, StringComparer.Ordinal)
            .Select((pair, index) => Of(pair.Body, pair.Figures, index + 1))
            .ToList();
        var rest = list
            .Where(pair => pair.Figures.Due < StatisticsThresholds.MinimumForRanking)
            .OrderBy(pair => pair.Body.Key, StringComparer.Ordinal)
            .Select(pair => Of(pair.Body, pair.Figures, null));
        return [.. ranked, .. rest];
    }

    public static BodyStatistics Of(StatisticsBody body, GroupFigures figures, int? rank) =>
        new(body.Key, new LocalizedDto(body.NameKa, body.NameEn), body.Kind, body.Municipality, rank, figures);
}

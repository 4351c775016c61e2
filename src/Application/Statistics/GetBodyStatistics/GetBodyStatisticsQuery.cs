using FluentValidation;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Statistics.GetBodiesStatistics;
using Mediator;

namespace FoiTracker.Application.Statistics.GetBodyStatistics;

/// <summary>One body's statistics for requests sent in a period, as of a day.</summary>
public sealed record GetBodyStatisticsQuery(string Key, string? Period = null, string? AsOf = null) : IQuery<BodyStatisticsReport>;

public sealed class GetBodyStatisticsValidator : AbstractValidator<GetBodyStatisticsQuery>
{
    public GetBodyStatisticsValidator(StatisticsWindows windows)
    {
        this.CheckWindow(windows, query => query.Period, query => query.AsOf);
    }
}

public sealed class GetBodyStatisticsHandler(StatisticsWindows windows, StatisticsEvaluator evaluator, IStatisticsSource source)
    : IQueryHandler<GetBodyStatisticsQuery, BodyStatisticsReport>
{
    public async ValueTask<BodyStatisticsReport> Handle(GetBodyStatisticsQuery query, CancellationToken cancellationToken)
    {
        var body = await source.BodyAsync(query.Key, cancellationToken)
            ?? throw new NotFoundException($"There is no public body '{query.Key}'. Find bodies and their keys at /api/bodies.");
        var window = windows.Resolve(query.Period, query.AsOf);
        var evaluation = await evaluator.EvaluateCountedAsync(
            window, new StatisticsSelection(window.Period.From, window.Through, Body: body.Key), _ => body.Key, cancellationToken);
        var figures = evaluation.Groups.TryGetValue(body.Key, out var found) ? found : evaluator.Empty(window);
        // A single body has no rank: its place is only meaningful beside the others (the list gives it).
        return new BodyStatisticsReport(evaluation.Basis, Ranking.Of(body, figures, null));
    }
}

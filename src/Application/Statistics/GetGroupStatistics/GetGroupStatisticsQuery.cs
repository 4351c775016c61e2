using FluentValidation;
using Mediator;

namespace FoiTracker.Application.Statistics.GetGroupStatistics;

/// <summary>Statistics per kind of body, per municipality or per statute, for requests sent in a period, as of a day.</summary>
public sealed record GetGroupStatisticsQuery(string? By, string? Period = null, string? AsOf = null) : IQuery<GroupedStatistics>;

public sealed class GetGroupStatisticsValidator : AbstractValidator<GetGroupStatisticsQuery>
{
    public GetGroupStatisticsValidator(StatisticsWindows windows)
    {
        RuleFor(query => query.By)
            .Must(by => GetGroupStatisticsHandler.TryParse(by, out _))
            .WithMessage("'by' must be 'kind', 'municipality' or 'statute'; '{PropertyValue}' is not.");
        this.CheckWindow(windows, query => query.Period, query => query.AsOf);
    }
}

public sealed class GetGroupStatisticsHandler(StatisticsWindows windows, StatisticsEvaluator evaluator)
    : IQueryHandler<GetGroupStatisticsQuery, GroupedStatistics>
{
    /// <summary>The group of national bodies when grouping by municipality.</summary>
    public const string NoMunicipality = "none";

    public static bool TryParse(string? by, out StatisticsGrouping grouping)
    {
        (var known, grouping) = by switch
        {
            "kind" => (true, StatisticsGrouping.Kind),
            "municipality" => (true, StatisticsGrouping.Municipality),
            "statute" => (true, StatisticsGrouping.Statute),
            _ => (false, default),
        };
        return known;
    }

    public async ValueTask<GroupedStatistics> Handle(GetGroupStatisticsQuery query, CancellationToken cancellationToken)
    {
        if (!TryParse(query.By, out var grouping))
            throw new ArgumentException("The validator lets only known groupings through.", nameof(query));
        var window = windows.Resolve(query.Period, query.AsOf);
        Func<StatisticsGroupKey, string> groupOf = grouping switch
        {
            StatisticsGrouping.Kind => key => key.BodyKind,
            StatisticsGrouping.Municipality => key => key.Municipality ?? NoMunicipality,
            _ => key => key.StatuteId,
        };
        var evaluation = await evaluator.EvaluateCountedAsync(window, new StatisticsSelection(window.Period.From, window.Through), groupOf, cancellationToken);
        var groups = evaluation.Groups
            .OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => new GroupStatistics(pair.Key, pair.Value))
            .ToList();
        return new GroupedStatistics(evaluation.Basis, query.By!, groups);
    }
}

using FoiTracker.Application.Statutes;
using FoiTracker.Domain.Calendars;
using FoiTracker.Domain.Statistics;
using FoiTracker.Domain.Statutes;

namespace FoiTracker.Application.Statistics;

/// <summary>The figures of each group, and the basis they were computed on.</summary>
public sealed record Evaluation(IReadOnlyDictionary<string, GroupFigures> Groups, StatisticsBasis Basis);

/// <summary>
/// Reads the selected requests once, as they stream from the store, into one calculator per group,
/// and counts working days on the calendar of each request's statute.
/// </summary>
public sealed class StatisticsEvaluator(IStatisticsSource source, IStatuteCatalog catalog, OutcomeMapping idfi)
{
    public async Task<Evaluation> EvaluateAsync(
        StatisticsWindow window, StatisticsSelection selection, Func<StatisticsRow, string> groupOf, CancellationToken cancellationToken)
    {
        var (groups, statutes) = await CalculateAsync(window, selection, groupOf, cancellationToken);
        var figures = groups.ToDictionary(pair => pair.Key, pair => pair.Value.Calculator.Result(pair.Value.Mixed ? null : pair.Value.Term, idfi), StringComparer.Ordinal);
        return new Evaluation(figures, Basis(window, statutes));
    }

    /// <summary>
    /// The figures of groups made of whole bodies or statutes (a body, a kind, a municipality, a statute, or all):
    /// the store counts the requests as of T per body and statute, and hands over only the days Kaplan–Meier
    /// needs, so a year of every body moves a few values per body instead of every request's facts.
    /// </summary>
    public async Task<Evaluation> EvaluateCountedAsync(
        StatisticsWindow window, StatisticsSelection selection, Func<StatisticsGroupKey, string> groupOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(groupOf);
        var statutes = new Dictionary<string, StatuteTerms>(StringComparer.Ordinal);
        var groups = new Dictionary<string, Group>(StringComparer.Ordinal);
        foreach (var tallied in await source.TallyAsync(selection, window.AsOf, cancellationToken))
        {
            var key = tallied.Key;
            if (!statutes.TryGetValue(key.StatuteId, out var terms))
                statutes[key.StatuteId] = terms = StatuteTerms.Of(catalog, key.StatuteId);
            var calculator = GroupOf(groups, groupOf(key), window, terms).Calculator;
            calculator.Add(tallied.Counts);
            foreach (var time in tallied.Times)
                calculator.AddTime(time.SubmittedOn, time.EndedOn ?? window.AsOf, time.Answered, time.Count, terms.Calendar);
        }

        var figures = groups.ToDictionary(pair => pair.Key, pair => pair.Value.Calculator.Result(pair.Value.Mixed ? null : pair.Value.Term, idfi), StringComparer.Ordinal);
        return new Evaluation(figures, Basis(window, statutes.Values));
    }

    /// <summary>Each selected request's working days to its first substantive answer, or until it was censored (open, withdrawn).</summary>
    public async Task<IReadOnlyList<TimeToAnswer>> TimesToAnswerAsync(StatisticsWindow window, StatisticsSelection selection, CancellationToken cancellationToken)
    {
        var (groups, _) = await CalculateAsync(window, selection, _ => "", cancellationToken);
        return groups.TryGetValue("", out var all) ? all.Calculator.Times : [];
    }

    private async Task<(Dictionary<string, Group> Groups, IReadOnlyCollection<StatuteTerms> Statutes)> CalculateAsync(
        StatisticsWindow window, StatisticsSelection selection, Func<StatisticsRow, string> groupOf, CancellationToken cancellationToken)
    {
        var statutes = new Dictionary<string, StatuteTerms>(StringComparer.Ordinal);
        var groups = new Dictionary<string, Group>(StringComparer.Ordinal);
        await foreach (var row in source.ReadAsync(selection, cancellationToken))
        {
            if (!statutes.TryGetValue(row.StatuteId, out var terms))
                statutes[row.StatuteId] = terms = StatuteTerms.Of(catalog, row.StatuteId);
            GroupOf(groups, groupOf(row), window, terms).Calculator.Add(row, terms.Calendar);
        }

        return (groups, statutes.Values);
    }

    /// <summary>The group of that name, made on first use; a group whose requests have different answer terms has none.</summary>
    private static Group GroupOf(Dictionary<string, Group> groups, string key, StatisticsWindow window, StatuteTerms terms)
    {
        if (!groups.TryGetValue(key, out var group))
            groups[key] = group = new Group(new GroupCalculator(window.AsOf), terms.ResponseDays);
        if (group.Term != terms.ResponseDays)
            group.Mixed = true;
        return group;
    }

    /// <summary>The figures of a group with no requests: every count zero, every share withheld.</summary>
    public GroupFigures Empty(StatisticsWindow window) => new GroupCalculator(window.AsOf).Result(null, idfi);

    public StatisticsBasis Basis(StatisticsWindow window, IEnumerable<StatuteTerms> statutes) => new(
        StatisticsMethodology.Version,
        StatisticsMethodology.Link,
        window.Period.Text,
        window.Period.From,
        window.Period.To,
        window.AsOf,
        statutes.Select(terms => new StatuteVersion(terms.Statute.Id.Value, terms.Statute.Version, terms.Calendar.Id.Value, terms.Calendar.Version))
            .OrderBy(version => version.Statute, StringComparer.Ordinal).ToList(),
        idfi.Key,
        idfi.Version,
        StatisticsThresholds.MinimumForPercentages,
        StatisticsThresholds.MinimumForRanking);

    private sealed class Group(GroupCalculator calculator, int? term)
    {
        public GroupCalculator Calculator { get; } = calculator;

        public int? Term { get; } = term;

        public bool Mixed { get; set; }
    }
}

/// <summary>A statute with its calendar and the legal term of its answer in working days (null when not counted in working days).</summary>
public sealed record StatuteTerms(Statute Statute, HolidayCalendar Calendar, int? ResponseDays)
{
    public static StatuteTerms Of(IStatuteCatalog catalog, string statuteId)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var statute = catalog.GetStatute(statuteId);
        // The clock the sent request starts is the answer's term (GAC 40: "response", 10 working days).
        var clock = statute.Workflow is { } workflow ? workflow.Stage(workflow.SubmittedStage).Clock : null;
        int? days = clock is not null && statute.TryGetDeadline(clock, out var rule) && rule.Unit == DeadlineUnit.WorkingDays ? rule.Value : null;
        return new StatuteTerms(statute, catalog.CalendarOf(statute), days);
    }
}

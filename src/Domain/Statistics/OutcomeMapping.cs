namespace FoiTracker.Domain.Statistics;

/// <summary>
/// A published way of counting outcomes in fewer categories, kept as data so that it can follow the
/// publisher's method (IDFI: complete / incomplete / refusal / no reply). An outcome mapped to no
/// category (pending, withdrawn) is left out of its counts.
/// </summary>
public sealed class OutcomeMapping
{
    private readonly Dictionary<StatisticsOutcome, string?> _map;

    public OutcomeMapping(string key, int version, IReadOnlyList<string> categories, IReadOnlyDictionary<StatisticsOutcome, string?> map)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(map);
        if (categories.Count == 0 || categories.Distinct(StringComparer.Ordinal).Count() != categories.Count)
            throw new ArgumentException("A mapping needs categories, each named once.", nameof(categories));
        foreach (var outcome in Enum.GetValues<StatisticsOutcome>())
        {
            if (!map.TryGetValue(outcome, out var category))
                throw new ArgumentException($"The mapping does not say where '{outcome.ToName()}' goes.", nameof(map));
            if (category is not null && !categories.Contains(category, StringComparer.Ordinal))
                throw new ArgumentException($"'{outcome.ToName()}' is mapped to '{category}', which is not one of its categories.", nameof(map));
        }

        Key = key;
        Version = version;
        Categories = categories;
        _map = new Dictionary<StatisticsOutcome, string?>(map);
    }

    public string Key { get; }

    public int Version { get; }

    /// <summary>The categories in the order the publisher lists them.</summary>
    public IReadOnlyList<string> Categories { get; }

    public string? CategoryOf(StatisticsOutcome outcome) => _map[outcome];

    /// <summary>The counts per category, in the publisher's order.</summary>
    public IReadOnlyList<CategoryCount> Count(OutcomeCounts outcomes)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var counts = Categories.ToDictionary(category => category, _ => 0, StringComparer.Ordinal);
        void Add(StatisticsOutcome outcome, int count)
        {
            if (CategoryOf(outcome) is { } category)
                counts[category] += count;
        }

        Add(StatisticsOutcome.Complete, outcomes.Complete);
        Add(StatisticsOutcome.Partial, outcomes.Partial);
        Add(StatisticsOutcome.Refused, outcomes.Refused);
        Add(StatisticsOutcome.NotHeld, outcomes.NotHeld);
        Add(StatisticsOutcome.Forwarded, outcomes.Forwarded);
        Add(StatisticsOutcome.NoReply, outcomes.NoReply);
        Add(StatisticsOutcome.Pending, outcomes.Pending);
        Add(StatisticsOutcome.Withdrawn, outcomes.Withdrawn);
        return Categories.Select(category => new CategoryCount(category, counts[category])).ToList();
    }
}

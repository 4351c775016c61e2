using FoiTracker.Domain.Statistics;

namespace FoiTracker.Application.Statistics;

/// <summary>
/// Which stored requests to read: sent from <see cref="From"/> through <see cref="Through"/> (both
/// included), optionally only one body, one kind of body, one municipality or one statute.
/// </summary>
public sealed record StatisticsSelection(
    DateOnly From, DateOnly Through, string? Body = null, string? Kind = null, string? Municipality = null, string? Statute = null)
{
    /// <summary>
    /// The same selection in at most <paramref name="count"/> parts of consecutive days sent, as even as whole days
    /// allow, that together cover the period once; the whole selection when its period has fewer than two days a part.
    /// A request is in exactly one part, by its day sent.
    /// </summary>
    public IReadOnlyList<StatisticsSelection> InParts(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var days = Through.DayNumber - From.DayNumber + 1;
        if (days < 2 * count)
            return [this];
        return Enumerable.Range(0, count)
            .Select(part => this with { From = Day(days * part / count), Through = Day(days * (part + 1) / count - 1) })
            .ToList();

        DateOnly Day(long offset) => From.AddDays(checked((int)offset));
    }
}

/// <summary>One request's facts with what statistics group it by.</summary>
public class StatisticsRow : RequestObservation
{
    public string BodyKind { get; init; } = "";

    public string? Municipality { get; init; }
}

/// <summary>A request as the open-data file lists it: its facts and its public number, nothing personal.</summary>
public sealed class RequestExportRow : StatisticsRow
{
    public string Number { get; init; } = "";
}

/// <summary>What requests are grouped by when they are counted in the store: their body (with its kind and municipality) and their statute.</summary>
public sealed record StatisticsGroupKey(string BodyKey, string BodyKind, string? Municipality, string StatuteId);

/// <summary>
/// One body's requests under one statute, as of a day: their counts, and their times to answer, which
/// Kaplan–Meier is drawn from.
/// </summary>
public sealed record TalliedGroup(StatisticsGroupKey Key, StatisticsCounts Counts, IReadOnlyList<TalliedTime> Times);

/// <summary>
/// <see cref="Count"/> requests sent on <see cref="SubmittedOn"/> and observed unanswered until
/// <see cref="EndedOn"/> (null: until the day of evaluation), when they were answered or, when not
/// <see cref="Answered"/>, withdrawn or still open.
/// </summary>
public readonly record struct TalliedTime(DateOnly SubmittedOn, DateOnly? EndedOn, bool Answered, int Count);

/// <summary>A body as statistics name it.</summary>
public sealed record StatisticsBody(string Key, string NameKa, string NameEn, string Kind, string? Municipality);

/// <summary>
/// Reads the stored facts of requests for statistics, streaming: a year of every body can be a
/// million rows, which are counted as they come and never held in memory together.
/// </summary>
public interface IStatisticsSource
{
    /// <summary>The facts of the selected requests, in no particular order.</summary>
    IAsyncEnumerable<StatisticsRow> ReadAsync(StatisticsSelection selection, CancellationToken cancellationToken);

    /// <summary>
    /// The selected requests classified as of <paramref name="asOf"/> in the store, with the definitions of
    /// <see cref="OutcomeClassifier"/> and <see cref="GroupCalculator"/>, counted per body and statute with what
    /// Kaplan–Meier needs of them (two days each); both from one read, so they agree. Each request hands over a
    /// few small values instead of every fact. Outside a transaction a long period may be read in parts, each
    /// by one statement on a connection of its own and all at once; each request is still counted once, with its
    /// times from the same read as its counts, and a body and statute may then come in one group per part (their
    /// counts and times add up).
    /// </summary>
    /// <exception cref="InvalidDataException">A request answered by then has an answer outcome statistics do not know.</exception>
    Task<IReadOnlyList<TalliedGroup>> TallyAsync(StatisticsSelection selection, DateOnly asOf, CancellationToken cancellationToken);

    /// <summary>The selected requests with their numbers, body by body (by key) and by the day they were sent.</summary>
    IAsyncEnumerable<RequestExportRow> ReadRequestsAsync(StatisticsSelection selection, CancellationToken cancellationToken);

    /// <summary>The bodies of a kind and a municipality (either may be null: any), by key.</summary>
    Task<IReadOnlyList<StatisticsBody>> BodiesAsync(string? kind, string? municipality, CancellationToken cancellationToken);

    /// <summary>One body, or null when there is none with the key.</summary>
    Task<StatisticsBody?> BodyAsync(string key, CancellationToken cancellationToken);
}

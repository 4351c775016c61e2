using FoiTracker.Domain.Statistics;

namespace FoiTracker.Application.Statistics;

/// <summary>
/// Which stored requests to read: sent from <see cref="From"/> through <see cref="Through"/> (both
/// included), optionally only one body, one kind of body, one municipality or one statute.
/// </summary>
public sealed record StatisticsSelection(
    DateOnly From, DateOnly Through, string? Body = null, string? Kind = null, string? Municipality = null, string? Statute = null);

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

    /// <summary>The selected requests with their numbers, body by body (by key) and by the day they were sent.</summary>
    IAsyncEnumerable<RequestExportRow> ReadRequestsAsync(StatisticsSelection selection, CancellationToken cancellationToken);

    /// <summary>The bodies of a kind and a municipality (either may be null: any), by key.</summary>
    Task<IReadOnlyList<StatisticsBody>> BodiesAsync(string? kind, string? municipality, CancellationToken cancellationToken);

    /// <summary>One body, or null when there is none with the key.</summary>
    Task<StatisticsBody?> BodyAsync(string key, CancellationToken cancellationToken);
}

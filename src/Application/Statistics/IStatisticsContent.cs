namespace FoiTracker.Application.Statistics;

/// <summary>
/// The statistics a snapshot publishes, as canonical JSON in UTF-8: the same scope and the same
/// stored facts give the same bytes, so the SHA-256 a citation quotes can be checked later.
/// </summary>
public interface IStatisticsContent
{
    /// <summary>The version of the definitions the content follows (see docs/statistics.md); stored with each snapshot.</summary>
    string MethodologyVersion { get; }

    Task<byte[]> ForAsync(StatisticsScope scope, CancellationToken cancellationToken);
}

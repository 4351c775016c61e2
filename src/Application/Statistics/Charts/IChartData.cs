using FoiTracker.Domain.Statistics;

namespace FoiTracker.Application.Statistics.Charts;

/// <summary>A body's requests due by the as-of date, and how many of them were answered on time.</summary>
public sealed record BodyOnTime(string BodyKey, string NameKa, string NameEn, int Due, int OnTime);

/// <summary>The requests sent in one month that were due by the as-of date, and how many were answered on time.</summary>
public sealed record MonthOnTime(DateOnly Month, int Sent, int Due, int OnTime);

/// <summary>The counts the charts draw, for a scope and optionally one body.</summary>
public interface IChartData
{
    Task<IReadOnlyList<BodyOnTime>> OnTimeByBodyAsync(StatisticsScope scope, CancellationToken cancellationToken);

    Task<IReadOnlyList<MonthOnTime>> OnTimeByMonthAsync(StatisticsScope scope, string? bodyKey, CancellationToken cancellationToken);

    /// <summary>Each request's working days to its first substantive answer, or until it was censored (still open, withdrawn).</summary>
    Task<IReadOnlyList<TimeToAnswer>> TimesToAnswerAsync(StatisticsScope scope, string? bodyKey, CancellationToken cancellationToken);
}

using FoiTracker.Application.Bodies;
using FoiTracker.Domain.Statistics;

namespace FoiTracker.Application.Statistics;

/// <summary>A statute and the calendar its working days were counted on, in the versions used.</summary>
public sealed record StatuteVersion(string Statute, int Version, string Calendar, int CalendarVersion);

/// <summary>
/// What every statistics answer rests on, so that a figure can be cited and checked: the methodology
/// (version and where it is written), the period the requests were sent in, the day they were
/// evaluated at, the statutes and calendars used, the outcome mapping and the publication thresholds.
/// </summary>
public sealed record StatisticsBasis(
    string MethodologyVersion,
    string Methodology,
    string Period,
    DateOnly From,
    DateOnly To,
    DateOnly AsOf,
    IReadOnlyList<StatuteVersion> Statutes,
    string OutcomeMapping,
    int OutcomeMappingVersion,
    int MinimumForPercentages,
    int MinimumForRanking);

/// <summary>One body's figures. <see cref="Rank"/> is its place by the on-time rate's lower bound, among bodies with enough due requests; null otherwise.</summary>
public sealed record BodyStatistics(string Key, LocalizedDto Name, string Kind, string? Municipality, int? Rank, GroupFigures Figures);

/// <summary>Every body's figures: ranked bodies first, in rank order, then the others by key.</summary>
public sealed record BodiesStatistics(StatisticsBasis Basis, IReadOnlyList<BodyStatistics> Bodies);

public sealed record BodyStatisticsReport(StatisticsBasis Basis, BodyStatistics Body);

/// <summary>How requests are grouped beyond single bodies.</summary>
public enum StatisticsGrouping
{
    Kind,
    Municipality,
    Statute,
}

/// <summary>One group's figures; <see cref="Group"/> is the kind, the municipality or the statute id ("none" for national bodies by municipality).</summary>
public sealed record GroupStatistics(string Group, GroupFigures Figures);

public sealed record GroupedStatistics(StatisticsBasis Basis, string By, IReadOnlyList<GroupStatistics> Groups);

/// <summary>One line of the request-level open data: no names, addresses, e-mails or texts.</summary>
public sealed record RequestExportLine(
    string Number,
    string Body,
    DateOnly Sent,
    DateOnly? Due,
    DateOnly? FirstAnswer,
    string Outcome,
    int? WorkingDaysToAnswer,
    DateOnly? ComplaintFiled,
    DateOnly? CourtFiled);

/// <summary>The request-level open data: its basis and its lines, read as they are written out.</summary>
public sealed record RequestExport(StatisticsBasis Basis, IAsyncEnumerable<RequestExportLine> Lines);

/// <summary>The methodology the figures follow; its version changes with any change to a definition.</summary>
public static class StatisticsMethodology
{
    public const string Version = "1.0";

    /// <summary>Where the methodology is published: the site's page rendering docs/statistics.md (Georgian; /en/… in English).</summary>
    public const string Link = "/ka/statistics/methodology";
}

using FoiTracker.Domain.Calendars;
using FoiTracker.Domain.Statutes;

namespace FoiTracker.Application.Statutes;

/// <summary>A name in English and, where the data has them, Georgian and the local language.</summary>
public sealed record NameDto(string En, string? Ka, string? Local)
{
    public static NameDto From(MultilingualName name) => new(name.En, name.Ka, name.Local);

    public static NameDto? FromOptional(MultilingualName? name) => name is null ? null : From(name);
}

public sealed record StatuteSummaryDto(string Id, int Version, NameDto Name, string Citation, string Calendar, string TimeZone, IReadOnlyList<string> Deadlines);

public sealed record DeadlineRuleDto(string Key, int Value, string Unit, string Start, bool RollForward, string Citation, NameDto? Explanation, NameDto? Event);

public sealed record StatuteDto(
    string Id, int Version, NameDto Name, string Citation, string Calendar, string TimeZone, string? Note, IReadOnlyList<DeadlineRuleDto> Deadlines);

public sealed record HolidayDto(DateOnly Date, NameDto Name);

public sealed record SkippedDayDto(DateOnly Date, string Reason);

public sealed record DeadlineDto(
    string Statute,
    int StatuteVersion,
    string Calendar,
    int CalendarVersion,
    string Deadline,
    DateOnly From,
    DateOnly Due,
    int Value,
    string Unit,
    string Citation,
    int PausedDays,
    string? Explanation,
    IReadOnlyList<SkippedDayDto> Skipped);

public static class StatuteNames
{
    public static string Of(DeadlineUnit unit) => unit switch
    {
        DeadlineUnit.CalendarDays => "calendar_days",
        DeadlineUnit.WorkingDays => "working_days",
        DeadlineUnit.Months => "months",
        DeadlineUnit.Hours => "hours",
        _ => unit.ToString(),
    };

    public static string Of(DeadlineStart start) => start switch
    {
        DeadlineStart.DayAfterEvent => "day_after_event",
        DeadlineStart.NextWorkingDay => "next_working_day",
        DeadlineStart.SameDay => "same_day",
        _ => start.ToString(),
    };

    public static StatuteSummaryDto Summary(Statute statute) => new(
        statute.Id.Value, statute.Version, NameDto.From(statute.Name), statute.Citation, statute.CalendarId.Value, statute.TimeZone, statute.DeadlineKeys);

    public static DeadlineRuleDto Rule(DeadlineRule rule) => new(
        rule.Key, rule.Value, Of(rule.Unit), Of(rule.Start), rule.RollForward, rule.Citation,
        NameDto.FromOptional(rule.Explanation), NameDto.FromOptional(rule.EventDescription));
}

using FoiTracker.Domain.Calendars;
using FoiTracker.Domain.Statutes;

namespace FoiTracker.Infrastructure.Statutes;

/// <summary>The words the seed files use for enumerations (snake_case, as documented in seeds/README.md).</summary>
internal static class SeedVocabulary
{
    public static readonly IReadOnlyDictionary<string, DayOfWeek> Weekdays = new Dictionary<string, DayOfWeek>(StringComparer.Ordinal)
    {
        ["monday"] = DayOfWeek.Monday,
        ["tuesday"] = DayOfWeek.Tuesday,
        ["wednesday"] = DayOfWeek.Wednesday,
        ["thursday"] = DayOfWeek.Thursday,
        ["friday"] = DayOfWeek.Friday,
        ["saturday"] = DayOfWeek.Saturday,
        ["sunday"] = DayOfWeek.Sunday,
    };

    public static readonly IReadOnlyDictionary<string, SubstitutePolicy> Substitutes = new Dictionary<string, SubstitutePolicy>(StringComparer.Ordinal)
    {
        ["none"] = SubstitutePolicy.None,
        ["next_working_day"] = SubstitutePolicy.NextWorkingDay,
        ["nearest_weekday"] = SubstitutePolicy.NearestWeekday,
        ["sunday_to_monday"] = SubstitutePolicy.SundayToMonday,
    };

    public static readonly IReadOnlyDictionary<string, EasterComputus> Computuses = new Dictionary<string, EasterComputus>(StringComparer.Ordinal)
    {
        ["orthodox"] = EasterComputus.Orthodox,
        ["western"] = EasterComputus.Western,
    };

    public static readonly IReadOnlyDictionary<string, CalendarOverrideKind> OverrideKinds = new Dictionary<string, CalendarOverrideKind>(StringComparer.Ordinal)
    {
        ["day_off"] = CalendarOverrideKind.DayOff,
        ["cancel"] = CalendarOverrideKind.CancelHoliday,
        ["working_day"] = CalendarOverrideKind.WorkingDay,
    };

    public static readonly IReadOnlyDictionary<string, DeadlineUnit> Units = new Dictionary<string, DeadlineUnit>(StringComparer.Ordinal)
    {
        ["calendar_days"] = DeadlineUnit.CalendarDays,
        ["working_days"] = DeadlineUnit.WorkingDays,
        ["months"] = DeadlineUnit.Months,
        ["hours"] = DeadlineUnit.Hours,
    };

    public static readonly IReadOnlyDictionary<string, DeadlineStart> Starts = new Dictionary<string, DeadlineStart>(StringComparer.Ordinal)
    {
        ["day_after_event"] = DeadlineStart.DayAfterEvent,
        ["next_working_day"] = DeadlineStart.NextWorkingDay,
        ["same_day"] = DeadlineStart.SameDay,
    };

    /// <summary>How a request must have been sent for a rule to apply: whether only an electronic one counts.</summary>
    public static readonly IReadOnlyDictionary<string, bool> SentBy = new Dictionary<string, bool>(StringComparer.Ordinal)
    {
        ["email"] = true,
        ["any"] = false,
    };

    /// <summary>Confidence of a fact, as in the facts file: H read in the statute, M official guidance or a reading, L general knowledge.</summary>
    public static readonly IReadOnlyDictionary<string, int> Confidences = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["H"] = 3,
        ["M"] = 2,
        ["L"] = 1,
    };
}

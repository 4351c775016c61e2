using FoiTracker.Domain.Calendars;

namespace FoiTracker.Domain.Deadlines;

/// <summary>Why a day did not count towards a deadline.</summary>
public enum SkipReason
{
    /// <summary>A weekly rest day with no holiday on it.</summary>
    RestDay = 1,

    /// <summary>A holiday (rule, substitute or decreed day off); its names are in <see cref="SkippedDay.Holidays"/>.</summary>
    Holiday = 2,

    /// <summary>The clock was stopped on this day.</summary>
    Paused = 3,
}

/// <summary>A day inside a deadline's period that did not count, or over which its last day was rolled forward.</summary>
public sealed record SkippedDay(DateOnly Date, SkipReason Reason, IReadOnlyList<Holiday> Holidays)
{
    /// <summary>A short reason in English ("Good Friday", "Saturday (rest day)", "paused").</summary>
    public string Describe() => Reason switch
    {
        SkipReason.Holiday => string.Join("; ", Holidays.Select(h => h.Name.En)),
        SkipReason.RestDay => $"{Date.DayOfWeek} (rest day)",
        _ => "clock paused",
    };

    /// <summary>The reason in "en" or "ka" (holiday names in Georgian where the data has them).</summary>
    public string Describe(string language)
    {
        if (!string.Equals(language, "ka", StringComparison.OrdinalIgnoreCase))
            return Describe();
        return Reason switch
        {
            SkipReason.Holiday => string.Join("; ", Holidays.Select(h => h.Name.In("ka"))),
            SkipReason.RestDay => "დასვენების დღე",
            _ => "ვადის დენა შეჩერებულია",
        };
    }
}

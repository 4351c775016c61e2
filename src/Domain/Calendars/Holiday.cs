namespace FoiTracker.Domain.Calendars;

/// <summary>Why a day is a holiday.</summary>
public enum HolidayKind
{
    /// <summary>Given by a recurring rule.</summary>
    Rule = 1,

    /// <summary>A substitute day for a rule holiday that fell on a rest day.</summary>
    Substitute = 2,

    /// <summary>An extra day off from a dated override.</summary>
    DayOff = 3,
}

/// <summary>One holiday on one date. <see cref="Source"/> is the rule's key for rule and substitute days.</summary>
public sealed record Holiday(DateOnly Date, MultilingualName Name, HolidayKind Kind, string Source);

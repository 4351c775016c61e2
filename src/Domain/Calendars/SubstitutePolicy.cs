namespace FoiTracker.Domain.Calendars;

/// <summary>What happens when a holiday falls on a rest day.</summary>
public enum SubstitutePolicy
{
    /// <summary>Nothing: the holiday is simply lost (Georgia, Germany, the EU institutions).</summary>
    None = 0,

    /// <summary>
    /// The next day that is neither a rest day nor already a holiday is off instead (UK bank holidays,
    /// Ireland, Ukraine before martial law): Christmas on Saturday → Monday 27th, Boxing Day on Sunday → Tuesday 28th.
    /// </summary>
    NextWorkingDay = 1,

    /// <summary>Saturday → the Friday before, Sunday → the Monday after (US federal holidays, 5 U.S.C. 6103(b)).</summary>
    NearestWeekday = 2,

    /// <summary>Only a Sunday holiday moves, to the Monday after (California Government Code 6700(b)).</summary>
    SundayToMonday = 3,
}

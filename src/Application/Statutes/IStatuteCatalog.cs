using System.Diagnostics.CodeAnalysis;
using FoiTracker.Domain.Calendars;
using FoiTracker.Domain.Statutes;

namespace FoiTracker.Application.Statutes;

/// <summary>The statutes and calendars the service knows, by id (loaded from the seeds at start-up).</summary>
public interface IStatuteCatalog
{
    /// <summary>Statute ids in ordinal order.</summary>
    IReadOnlyList<StatuteId> StatuteIds { get; }

    /// <summary>Calendar ids in ordinal order.</summary>
    IReadOnlyList<CalendarId> CalendarIds { get; }

    bool TryGetStatute(string id, [NotNullWhen(true)] out Statute? statute);

    /// <summary>A statute in a given version: the current one or an archived earlier one.</summary>
    bool TryGetStatute(string id, int version, [NotNullWhen(true)] out Statute? statute);

    bool TryGetCalendar(string id, [NotNullWhen(true)] out HolidayCalendar? calendar);

    /// <summary>The statute with this id; an unknown id throws <see cref="KeyNotFoundException"/> naming the known ones.</summary>
    Statute GetStatute(string id);

    /// <summary>The calendar with this id; an unknown id throws <see cref="KeyNotFoundException"/> naming the known ones.</summary>
    HolidayCalendar GetCalendar(string id);

    /// <summary>The calendar a statute counts its working days on.</summary>
    HolidayCalendar CalendarOf(Statute statute);
}

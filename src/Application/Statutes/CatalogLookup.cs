using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Domain.Calendars;
using FoiTracker.Domain.Statutes;

namespace FoiTracker.Application.Statutes;

/// <summary>Lookups that answer an unknown id with a 404 naming it and the valid ones.</summary>
internal static class CatalogLookup
{
    public static Statute Statute(this IStatuteCatalog catalog, string id) =>
        catalog.TryGetStatute(id, out var statute)
            ? statute
            : throw new NotFoundException($"There is no statute '{id}'. Known statutes: {string.Join(", ", catalog.StatuteIds)}.");

    public static HolidayCalendar Calendar(this IStatuteCatalog catalog, string id) =>
        catalog.TryGetCalendar(id, out var calendar)
            ? calendar
            : throw new NotFoundException($"There is no calendar '{id}'. Known calendars: {string.Join(", ", catalog.CalendarIds)}.");

    public static DeadlineRule DeadlineOrNotFound(this Statute statute, string key) =>
        statute.TryGetDeadline(key, out var rule)
            ? rule
            : throw new NotFoundException($"Statute '{statute.Id}' has no deadline '{key}'. Its deadlines: {string.Join(", ", statute.DeadlineKeys)}.");
}

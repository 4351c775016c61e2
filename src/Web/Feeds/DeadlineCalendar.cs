using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace FoiTracker.Web.Feeds;

/// <summary>One deadline of a request as a calendar event: the day it falls on, its name and its citation.</summary>
public sealed record CalendarDeadline(string Uid, DateOnly Due, string Summary, string Description, string Link);

/// <summary>A request's deadlines as an iCalendar file (RFC 5545), each an all-day event on its due day.</summary>
public static class DeadlineCalendar
{
    public const string ContentType = "text/calendar; charset=utf-8";

    public static string Write(string name, IEnumerable<CalendarDeadline> deadlines)
    {
        ArgumentNullException.ThrowIfNull(deadlines);
        var calendar = new Calendar { ProductId = "-//FoiTracker//Deadlines//EN" };
        calendar.AddProperty("X-WR-CALNAME", name);
        foreach (var deadline in deadlines)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = deadline.Uid,
                Summary = deadline.Summary,
                Description = deadline.Description,
                Url = new Uri(deadline.Link),
                // A date without a time is an all-day event; it ends (exclusively) the next day.
                DtStart = new CalDateTime(deadline.Due),
                DtEnd = new CalDateTime(deadline.Due.AddDays(1)),
            });
        }

        return new CalendarSerializer().SerializeToString(calendar)!;
    }
}

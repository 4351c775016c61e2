using FoiTracker.Benchmarks.Statistics;

namespace FoiTracker.Benchmarks.Pages;

/// <summary>
/// The pages measured, by a short name for the figures: the public ones asked for by an anonymous
/// visitor, the citizen's and staff's by a signed-in administrator (who may see both). Where a page
/// shows one body or one request, it is the busiest body and its latest request.
/// </summary>
public static class SitePaths
{
    public static IEnumerable<(string Name, string Path)> Public(HistoryShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var body = Uri.EscapeDataString(shape.BusiestBody);
        var number = Uri.EscapeDataString(shape.SampleNumber);
        return
        [
            ("home_ka", "/ka/"),
            ("home_en", "/en/"),
            ("find_body", "/ka/bodies?q=" + Uri.EscapeDataString("გორი")),
            ("body", $"/ka/bodies/{body}"),
            ("sign_in", "/ka/account/sign-in"),
            ("public_request", $"/ka/requests/{number}/public"),
            ("public_request_feed", $"/ka/requests/{number}/public/feed"),
            ("public_request_calendar", $"/ka/requests/{number}/public/deadlines.ics"),
            ("body_feed", $"/ka/bodies/{body}/feed"),
            ("statistics", "/ka/statistics"),
            ("statistics_of_kind", "/ka/statistics?kind=city_hall"),
            ("deadline_calculator", "/ka/deadline-calculator?statute=ge-gac&deadline=response&from=2026-03-02"),
            ("methodology", "/ka/statistics/methodology"),
            ("snapshots", "/ka/statistics/snapshots"),
        ];
    }

    public static IEnumerable<(string Name, string Path)> SignedIn(HistoryShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var body = Uri.EscapeDataString(shape.BusiestBody);
        var number = Uri.EscapeDataString(shape.SampleNumber);
        return
        [
            ("file_request", $"/ka/citizen/requests/new?body={body}"),
            ("my_requests", "/ka/citizen/requests"),
            ("request", $"/ka/requests/{number}"),
            ("staff_queue", "/ka/staff/queue"),
            ("staff_queue_overdue_of_body", $"/ka/staff/queue?body={body}"),
            ("staff_queue_search", "/ka/staff/queue?q=" + Uri.EscapeDataString("ბიუჯეტი")),
            ("staff_request", $"/ka/staff/requests/{number}"),
            ("staff_outgoing_mail", "/ka/staff/mail/outgoing"),
        ];
    }
}

using System.Globalization;

namespace FoiTracker.Benchmarks.Statistics;

/// <summary>
/// The statistics API's addresses for requests sent in <paramref name="Year"/>, evaluated as of <paramref name="AsOf"/>,
/// and for the request-level CSV of every request sent from <paramref name="FirstYear"/> to <paramref name="AsOf"/>.
/// </summary>
public sealed record StatisticsQuery(int Year, DateOnly AsOf, int FirstYear)
{
    /// <summary>The request-level open-data CSV of every request (a period written as a range of days).</summary>
    public string Csv => string.Create(CultureInfo.InvariantCulture, $"/api/statistics/requests.csv?period={FirstYear}-01-01..{AsOf:yyyy-MM-dd}");

    public DateOnly From => new(Year, 1, 1);

    public DateOnly Until => new(Year + 1, 1, 1);

    public string AllBodies => $"/api/statistics/bodies?{Period}";

    /// <summary>Every body's statistics as of another day: computed afresh, not answered from what is kept.</summary>
    public string AllBodiesAsOf(DateOnly asOf) =>
        string.Create(CultureInfo.InvariantCulture, $"/api/statistics/bodies?period={Year}&asOf={asOf:yyyy-MM-dd}");

    public string OneBody(string body) => $"/api/statistics/bodies/{Uri.EscapeDataString(body)}?{Period}";

    /// <summary>One body's statistics as of another day: an address the service has not answered before, so nothing kept can answer it.</summary>
    public string OneBody(string body, DateOnly asOf) =>
        string.Create(CultureInfo.InvariantCulture, $"/api/statistics/bodies/{Uri.EscapeDataString(body)}?period={Year}&asOf={asOf:yyyy-MM-dd}");

    private string Period => string.Create(CultureInfo.InvariantCulture, $"period={Year}&asOf={AsOf:yyyy-MM-dd}");
}

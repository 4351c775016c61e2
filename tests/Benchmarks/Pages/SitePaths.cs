using FoiTracker.Benchmarks.Statistics;

namespace FoiTracker.Benchmarks.Pages;

/// <summary>The pages measured, by a short name for the figures, with the busiest body where a page shows one body.</summary>
public static class SitePaths
{
    public static IEnumerable<(string Name, string Path)> Of(HistoryShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var body = Uri.EscapeDataString(shape.BusiestBody);
        return
        [
            ("home_ka", "/ka/"),
            ("home_en", "/en/"),
            ("find_body", "/ka/bodies?q=" + Uri.EscapeDataString("გორი")),
            ("body", $"/ka/bodies/{body}"),
            ("sign_in", "/ka/account/sign-in"),
        ];
    }
}

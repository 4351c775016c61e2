using System.Globalization;
using FoiTracker.Application.Letters;

namespace FoiTracker.Web.Pages.Support;

/// <summary>
/// Dates and numbers as the page's language writes them. .NET's ka-GE culture writes numbers the
/// Georgian way (1 234 567,5: a no-break space between thousands, a decimal comma) and short dates
/// as 16.10.2026, but its long date, "16 ოქტომბერი, 2026", is not how Georgian prose dates a day:
/// that is "2026 წლის 16 ოქტომბერი", which the letters already write (GeorgianDates).
/// </summary>
public static class PageFormat
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>"2026 წლის 16 ოქტომბერი" / "16 October 2026".</summary>
    public static string Date(DateOnly date) =>
        SiteCulture.Current == SiteCulture.Georgian
            ? GeorgianDates.Format(date, DateCase.Nominative)
            : date.ToString("d MMMM yyyy", English);

    /// <summary>"16.10.2026" / "16/10/2026": in tables, where a column of dates should line up.</summary>
    public static string ShortDate(DateOnly date) =>
        date.ToString("d", SiteCulture.CultureOf(SiteCulture.Current));

    /// <summary>A whole number with the language's thousands separator: "1 234 567" / "1,234,567".</summary>
    public static string Number(long value) =>
        value.ToString("N0", SiteCulture.CultureOf(SiteCulture.Current));

    /// <summary>A share as a percentage with one decimal: "25,3%" / "25.3%".</summary>
    public static string Percent(double share) =>
        share.ToString("P1", SiteCulture.CultureOf(SiteCulture.Current));
}

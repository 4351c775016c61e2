using System.Globalization;

namespace FoiTracker.Application.Letters;

/// <summary>The grammatical case a date takes where it stands in a sentence.</summary>
public enum DateCase
{
    /// <summary>"2026 წლის 16 ოქტომბერი": a date standing alone or as the subject.</summary>
    Nominative,

    /// <summary>"2026 წლის 16 ოქტომბერს": when something happened ("on 16 October").</summary>
    Dative,

    /// <summary>"2026 წლის 16 ოქტომბრის": a date that qualifies a noun ("the letter of 16 October").</summary>
    Genitive,
}

/// <summary>
/// Dates written the Georgian way, "2026 წლის 16 ოქტომბერს": the year in the genitive ("of the year
/// 2026"), then the day and the month, and the month takes the case the sentence needs. A Georgian
/// letter cannot put "16 ოქტომბერი 2026" into a sentence: "on 16 October" is the dative
/// ოქტომბერს, "of 16 October" the genitive ოქტომბრის.
/// </summary>
public static class GeorgianDates
{
    // Each month in the nominative, dative and genitive. The months in -ერი and -არი/-ალი drop the
    // vowel of their last syllable before the genitive -ის (ოქტომბერი → ოქტომბრის, იანვარი → იანვრის,
    // თებერვალი → თებერვლის) but not before the dative -ს (ოქტომბერს); აგვისტო, ending in a vowel,
    // adds -ს for both. Written out in full rather than derived, so each form can be read and checked.
    private static readonly string[,] Months =
    {
        { "იანვარი", "იანვარს", "იანვრის" },
        { "თებერვალი", "თებერვალს", "თებერვლის" },
        { "მარტი", "მარტს", "მარტის" },
        { "აპრილი", "აპრილს", "აპრილის" },
        { "მაისი", "მაისს", "მაისის" },
        { "ივნისი", "ივნისს", "ივნისის" },
        { "ივლისი", "ივლისს", "ივლისის" },
        { "აგვისტო", "აგვისტოს", "აგვისტოს" },
        { "სექტემბერი", "სექტემბერს", "სექტემბრის" },
        { "ოქტომბერი", "ოქტომბერს", "ოქტომბრის" },
        { "ნოემბერი", "ნოემბერს", "ნოემბრის" },
        { "დეკემბერი", "დეკემბერს", "დეკემბრის" },
    };

    /// <summary>The month's name in the given case ("ოქტომბრის").</summary>
    public static string Month(int month, DateCase form)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(month, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(month, 12);
        return Months[month - 1, (int)form];
    }

    /// <summary>"2026 წლის 16 ოქტომბერს" for <see cref="DateCase.Dative"/>.</summary>
    public static string Format(DateOnly date, DateCase form) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Year} წლის {date.Day} {Month(date.Month, form)}");

    /// <summary>"16 ოქტომბერი 2026": the short form of a letter's own date line, outside any sentence.</summary>
    public static string DateLine(DateOnly date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Day} {Month(date.Month, DateCase.Nominative)} {date.Year}");
}

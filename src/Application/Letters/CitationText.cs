using System.Globalization;
using System.Text.RegularExpressions;

namespace FoiTracker.Application.Letters;

/// <summary>
/// A short citation from the data ("LSG 62(1)", "GAC 178") written out for a letter in its language:
/// "ადგილობრივი თვითმმართველობის კოდექსის 62-ე მუხლის პირველი ნაწილი", "Article 62(1) of the
/// Local Self-Government Code". Georgian letters never carry the Latin abbreviations, so a code
/// without a Georgian name here gives no text and the sentence that would cite it is left out.
/// </summary>
public static partial class CitationText
{
    private static readonly Dictionary<string, (string Georgian, string English)> Codes = new(StringComparer.Ordinal)
    {
        // The Georgian names in the genitive, as they stand before "N-ე მუხლი". Without "საქართველოს"
        // ("of Georgia"): a letter names a code in full the first time it cites it, in its own text,
        // and these citations come later (seeds/letters/README.md, "Citations").
        ["GAC"] = ("ზოგადი ადმინისტრაციული კოდექსის", "General Administrative Code"),
        ["LSG"] = ("ადგილობრივი თვითმმართველობის კოდექსის", "Local Self-Government Code"),
        ["APC"] = ("ადმინისტრაციული საპროცესო კოდექსის", "Administrative Procedure Code"),
    };

    /// <summary>The citation written out in <paramref name="language"/> ("ka" or "en"), or null when it cannot be.</summary>
    public static string? InLanguage(string? citation, string language)
    {
        if (string.IsNullOrWhiteSpace(citation))
            return null;
        var match = Short().Match(citation.Trim());
        if (!match.Success || !Codes.TryGetValue(match.Groups["code"].Value, out var code))
            return null;
        var article = int.Parse(match.Groups["article"].Value, CultureInfo.InvariantCulture);
        int? part = match.Groups["part"].Success ? int.Parse(match.Groups["part"].Value, CultureInfo.InvariantCulture) : null;
        return language switch
        {
            "ka" => part is { } p
                ? $"{code.Georgian} {Ordinal(article)} მუხლის {Ordinal(p)} ნაწილი"
                : $"{code.Georgian} {Ordinal(article)} მუხლი",
            "en" => part is { } q
                ? string.Create(CultureInfo.InvariantCulture, $"Article {article}({q}) of the {code.English}")
                : string.Create(CultureInfo.InvariantCulture, $"Article {article} of the {code.English}"),
            _ => null,
        };
    }

    /// <summary>
    /// An ordinal as Georgian law texts write it in figures: "პირველი" for 1; "მე-40" where the
    /// ordinal is one word made with the prefix მე- (მეორმოცე: 2 to 20, 40, 60, 80, whole hundreds,
    /// 1000); otherwise "62-ე", where the prefix sits inside a compound (სამოცდამეორე).
    /// </summary>
    public static string Ordinal(int number)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(number, 1);
        if (number == 1)
            return "პირველი";
        var oneWord = number <= 20 || number is 40 or 60 or 80 or 1000 || (number < 1000 && number % 100 == 0);
        var figures = number.ToString(CultureInfo.InvariantCulture);
        return oneWord ? "მე-" + figures : figures + "-ე";
    }

    [GeneratedRegex(@"^(?<code>[A-Z]{2,5})\s+(?<article>[0-9]{1,4})(?:\((?<part>[0-9]{1,3})\))?$", RegexOptions.CultureInvariant)]
    private static partial Regex Short();
}

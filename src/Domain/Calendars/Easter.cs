namespace FoiTracker.Domain.Calendars;

/// <summary>Which Church's Easter a rule follows.</summary>
public enum EasterComputus
{
    /// <summary>Eastern Orthodox Easter (Julian computus), kept by Georgia and Ukraine.</summary>
    Orthodox = 1,

    /// <summary>Western Easter (Gregorian computus), kept by the UK, Ireland, Germany and the EU institutions.</summary>
    Western = 2,
}

/// <summary>Easter Sunday by either computus, as a Gregorian date.</summary>
public static class Easter
{
    /// <summary>First year for which the Gregorian computus (and the Julian-to-Gregorian conversion) is meaningful.</summary>
    public const int MinYear = 1583;

    public const int MaxYear = 4099;

    public static DateOnly Sunday(EasterComputus computus, int year) => computus switch
    {
        EasterComputus.Orthodox => OrthodoxSunday(year),
        EasterComputus.Western => WesternSunday(year),
        _ => throw new ArgumentOutOfRangeException(nameof(computus), computus, "Unknown Easter computus."),
    };

    /// <summary>
    /// Orthodox Easter: Meeus' Julian algorithm gives the Julian-calendar date; adding the Julian–Gregorian
    /// gap turns it into a Gregorian date. The gap is 13 days from 1 March 1900 to 28 February 2100 (so
    /// "+13" holds for 1900–2099) and grows by one in each century year not divisible by 400; Easter is
    /// always after February, so the year's own gap applies.
    /// </summary>
    public static DateOnly OrthodoxSunday(int year)
    {
        CheckYear(year);
        var a = year % 4;
        var b = year % 7;
        var c = year % 19;
        var d = ((19 * c) + 15) % 30;
        var e = ((2 * a) + (4 * b) - d + 34) % 7;
        var month = (d + e + 114) / 31;
        var day = ((d + e + 114) % 31) + 1;
        var julianToGregorianGap = (year / 100) - (year / 400) - 2;
        // The Julian date (year, month, day) is read as a Gregorian one and moved by the gap.
        return new DateOnly(year, month, day).AddDays(julianToGregorianGap);
    }

    /// <summary>Western Easter: the anonymous Gregorian algorithm (Meeus/Jones/Butcher).</summary>
    public static DateOnly WesternSunday(int year)
    {
        CheckYear(year);
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    private static void CheckYear(int year)
    {
        if (year is < MinYear or > MaxYear)
            throw new ArgumentOutOfRangeException(nameof(year), year, $"Easter is computed for the years {MinYear}–{MaxYear}.");
    }
}

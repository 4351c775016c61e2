using FoiTracker.Domain.Statistics;
using FoiTracker.Web.Pages.Support;
using FoiTracker.Web.Resources;
using Microsoft.Extensions.Localization;

namespace FoiTracker.Web.Pages.Public;

/// <summary>Statistics in words (docs/statistics.md): a rate with its 95 % interval and sample, or why it is withheld; a median in working days.</summary>
public static class StatisticsText
{
    /// <summary>"62.5% (95% interval 40.9%–80.0%; 10 of 16)", or "withheld: fewer than 5 (3 of 3)".</summary>
    public static string Rate(this IStringLocalizer<SharedResource> text, Rate rate)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(rate);
        var sample = text["Public.Stats.Sample", PageFormat.Number(rate.Count), PageFormat.Number(rate.Of)];
        if (rate.Value is not { } value)
            return rate.Of == 0
                ? text["Public.Stats.NoneToCount"]
                : $"{text["Public.Stats.Withheld", StatisticsThresholds.MinimumForPercentages]} ({sample})";
        return text["Public.Stats.RateWithInterval", PageFormat.Percent(value), PageFormat.Percent(rate.Lower ?? value), PageFormat.Percent(rate.Upper ?? value), sample];
    }

    /// <summary>"7 working days (95% interval 5–9)", "not reached", or withheld when too few requests.</summary>
    public static string Median(this IStringLocalizer<SharedResource> text, AnswerTimes times)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(times);
        if (times.Requests < StatisticsThresholds.MinimumForPercentages)
            return $"{text["Public.Stats.Withheld", StatisticsThresholds.MinimumForPercentages]} ({PageFormat.Number(times.Requests)})";
        if (!times.MedianReached || times.MedianDays is not { } days)
            return text["Public.Stats.MedianNotReached"];
        var interval = times.MedianLower is { } lower && times.MedianUpper is { } upper
            ? text["Public.Stats.DaysInterval", PageFormat.Number(lower), PageFormat.Number(upper)].Value
            : string.Empty;
        return $"{text["Public.Stats.WorkingDays", PageFormat.Number(days)]} {interval}".Trim();
    }
}

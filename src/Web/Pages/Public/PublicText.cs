using FoiTracker.Web.Resources;
using Microsoft.Extensions.Localization;

namespace FoiTracker.Web.Pages.Public;

/// <summary>The public pages' words for codes in the data: what a timeline entry records, who acted, an outcome, days left.</summary>
public static class PublicText
{
    private static readonly TimeZoneInfo Tbilisi = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tbilisi");

    /// <summary>
    /// "event:answered" → "The body answered"; a kind without its own text is named by its category
    /// ("Event: extension_notice"), so a new word of a statute still shows, if less kindly.
    /// </summary>
    public static string TimelineKind(this IStringLocalizer<SharedResource> text, string kind)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(kind);
        var own = text[$"Public.Kind.{kind}"];
        if (!own.ResourceNotFound)
            return own.Value;
        var colon = kind.IndexOf(':', StringComparison.Ordinal);
        var category = colon < 0 ? null : text[$"Public.Kind.{kind[..colon]}"];
        return category is null || category.ResourceNotFound ? kind : $"{category.Value}: {kind[(colon + 1)..].Replace('_', ' ')}";
    }

    /// <summary>Who acted, by role only: the requester, staff, the system (the service itself).</summary>
    public static string ActorRole(this IStringLocalizer<SharedResource> text, string actorKind) =>
        Lookup(text, "Public.Actor.", actorKind);

    public static string Outcome(this IStringLocalizer<SharedResource> text, string outcome) =>
        Lookup(text, "Public.Outcome.", outcome);

    /// <summary>"3 working days left", "due today", "2 working days overdue".</summary>
    public static string WorkingDaysLeft(this IStringLocalizer<SharedResource> text, int days)
    {
        ArgumentNullException.ThrowIfNull(text);
        return days switch
        {
            0 => text["Public.Deadline.Today"],
            > 0 => text["Public.Deadline.Left", days],
            _ => text["Public.Deadline.Overdue", -days],
        };
    }

    /// <summary>The day an instant falls on in Tbilisi, where the law counts its days.</summary>
    public static DateOnly LocalDay(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Tbilisi).DateTime);

    private static string Lookup(IStringLocalizer<SharedResource> text, string prefix, string code)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = text[prefix + code];
        return found.ResourceNotFound ? code.Replace('_', ' ') : found.Value;
    }
}

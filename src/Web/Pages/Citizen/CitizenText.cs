using FoiTracker.Web.Resources;
using Microsoft.Extensions.Localization;

namespace FoiTracker.Web.Pages.Citizen;

/// <summary>Words of a request's data (outcomes, letter kinds, timeline kinds, mail states) in the page's language; the code itself where no text exists yet.</summary>
public static class CitizenText
{
    public static string Outcome(this IStringLocalizer<SharedResource> text, string outcome) => Word(text, "Citizen.Outcome.", outcome);

    public static string LetterKind(this IStringLocalizer<SharedResource> text, string kind) => Word(text, "Citizen.Letter.", kind);

    public static string MailStatus(this IStringLocalizer<SharedResource> text, string status) => Word(text, "Citizen.MailStatus.", status);

    /// <summary>"event:answered" → the event's name; "filed", "timer:…" and others by their own key.</summary>
    public static string TimelineKind(this IStringLocalizer<SharedResource> text, string kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        var word = kind.StartsWith("event:", StringComparison.Ordinal) ? kind["event:".Length..] : kind.Replace(':', '.');
        return Word(text, "Citizen.Event.", word);
    }

    private static string Word(IStringLocalizer<SharedResource> text, string prefix, string code)
    {
        ArgumentNullException.ThrowIfNull(text);
        var name = text[prefix + code];
        return name.ResourceNotFound ? code.Replace('_', ' ') : name.Value;
    }
}

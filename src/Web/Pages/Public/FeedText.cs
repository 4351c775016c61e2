using FoiTracker.Application.Requests.Publication;
using FoiTracker.Web.Resources;
using Microsoft.Extensions.Localization;

namespace FoiTracker.Web.Pages.Public;

/// <summary>A public timeline entry as a feed's text: who acted, what was written, and a redaction's reason.</summary>
public static class FeedText
{
    public static string Of(IStringLocalizer<SharedResource> text, PublicTimelineEntryDto entry)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(entry);
        var lines = new List<string> { $"({text.ActorRole(entry.ActorKind)})" };
        if (!string.IsNullOrEmpty(entry.Detail))
            lines.Add(entry.Detail);
        if (entry.Redaction is { } redaction)
            lines.Add(text["Public.Request.Redacted", redaction.Reason]);
        return string.Join("\n", lines);
    }
}

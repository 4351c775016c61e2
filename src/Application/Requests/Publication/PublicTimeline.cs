using System.Text.RegularExpressions;
using FoiTracker.Application.Statutes;

namespace FoiTracker.Application.Requests.Publication;

/// <summary>
/// What of a request's record the public sees. Only entries about the request's course and its
/// correspondence are shown (never a failed delivery, a bounce, an automatic reply or anything
/// else added later, such as staff's notes: a kind not listed here stays private). People appear by
/// role; e-mail addresses are taken out of every text; the requester's name is taken out unless they
/// chose to show it. Staff's redaction, where there is one, replaces an entry's text.
/// </summary>
public static partial class PublicTimeline
{
    public const string HiddenEmail = "[…@…]";
    public const string HiddenName = "[…]";

    public static readonly IReadOnlyList<string> PublicKinds = ["filed", "forwarded_in", "forwarded_to", "correction", "deadline:recomputed", "mail:sent", "mail:received", "mail:on_paper"];
    public static readonly IReadOnlyList<string> PublicPrefixes = ["event:", "timer:", "flag:", "flag_lifted:"];

    public static bool IsPublic(string kind) =>
        PublicKinds.Contains(kind, StringComparer.Ordinal) || PublicPrefixes.Any(prefix => kind.StartsWith(prefix, StringComparison.Ordinal));

    /// <summary>The stages in which a request of any known statute is not sent yet (a draft, a letter waiting to be posted): never public.</summary>
    public static IReadOnlyCollection<string> UnsentStages(IStatuteCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return [.. catalog.StatuteIds
            .Select(id => catalog.GetStatute(id.Value).Workflow)
            .OfType<Domain.Workflows.WorkflowDefinition>()
            .SelectMany(workflow => workflow.ReadyToPrintStage is { } ready ? new[] { workflow.DraftStage, ready } : [workflow.DraftStage])
            .Select(stage => stage.Value)
            .Distinct(StringComparer.Ordinal)];
    }

    /// <summary>"requester:Nino" → "requester": the stored actor carries a person's name.</summary>
    public static string ActorKind(string actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var colon = actor.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? actor : actor[..colon];
    }

    /// <summary>A text with e-mail addresses removed and, when it is not to be shown, the requester's name (whole, and each of its words).</summary>
    public static string? Clean(string? text, string requesterName, bool namePublic)
    {
        if (string.IsNullOrEmpty(text))
            return text;
        var cleaned = Email().Replace(text, HiddenEmail);
        if (namePublic || string.IsNullOrWhiteSpace(requesterName))
            return cleaned;
        var parts = requesterName.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(part => part.Length >= 3)
            .Prepend(requesterName.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(part => part.Length);
        foreach (var part in parts)
            cleaned = Regex.Replace(cleaned, $@"(?<!\w){Regex.Escape(part)}(?!\w)", HiddenName, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        return cleaned;
    }

    public static PublicTimelineEntryDto Entry(
        int seq, DateTimeOffset at, string kind, string actor, string? detail, TimelineRedaction? redaction, string requesterName, bool namePublic) =>
        new(
            seq, at, kind, ActorKind(actor),
            // A redaction is staff's text: it is still cleaned, so a slip there does not publish an address either.
            Clean(redaction?.RedactedText ?? detail, requesterName, namePublic),
            redaction is null ? null : new RedactionNoteDto(redaction.Reason, redaction.RedactedAt));

    [GeneratedRegex(@"[^\s<>()\[\],;:""']+@[^\s<>()\[\],;:""']+\.[^\s<>()\[\],;:""']+", RegexOptions.CultureInvariant)]
    private static partial Regex Email();
}

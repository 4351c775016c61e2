using FoiTracker.Domain.Common;

namespace FoiTracker.Domain.Calendars;

/// <summary>
/// A name or text from the statutes and calendars data: English always; Georgian where the data has a
/// translation we trust (always for Georgian items); and the jurisdiction's own language where that is
/// neither. Unlike <see cref="LocalizedText"/>, Georgian may be missing, because repeating English under
/// "ka" would pass off an untranslated text as a Georgian one.
/// </summary>
public sealed record MultilingualName
{
    public MultilingualName(string en, string? ka = null, string? local = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(en);
        En = en.Trim();
        Ka = string.IsNullOrWhiteSpace(ka) ? null : ka.Trim();
        Local = string.IsNullOrWhiteSpace(local) ? null : local.Trim();
    }

    public string En { get; }

    /// <summary>Georgian text, when there is one.</summary>
    public string? Ka { get; }

    /// <summary>Text in the jurisdiction's own language (see the calendar's or statute's <c>LocalLanguage</c>).</summary>
    public string? Local { get; }

    /// <summary>The text in "ka", "en" or "local"; English when that language is missing.</summary>
    public string In(string language) => language?.ToUpperInvariant() switch
    {
        "KA" => Ka ?? En,
        "LOCAL" => Local ?? En,
        _ => En,
    };

    /// <summary>This name as a Georgian/English pair, or null when there is no Georgian text.</summary>
    public LocalizedText? ToLocalizedText() => Ka is null ? null : new LocalizedText(Ka, En);

    /// <summary>The same name with a suffix on each language (e.g. " (substitute day)").</summary>
    internal MultilingualName WithSuffix(string en, string? ka) =>
        new(En + en, Ka is null || ka is null ? null : Ka + ka, Local is null ? null : Local + en);

    public override string ToString() => En;
}

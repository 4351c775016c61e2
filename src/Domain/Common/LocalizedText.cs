namespace FoiTracker.Domain.Common;

/// <summary>A text in Georgian and English; the product works in both.</summary>
public sealed record LocalizedText
{
    public LocalizedText(string ka, string en)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ka);
        ArgumentException.ThrowIfNullOrWhiteSpace(en);
        Ka = ka.Trim();
        En = en.Trim();
    }

    public string Ka { get; }

    public string En { get; }

    /// <summary>The text in the given language ("ka" or "en"); English for any other.</summary>
    public string In(string language) =>
        string.Equals(language, "ka", StringComparison.OrdinalIgnoreCase) ? Ka : En;
}

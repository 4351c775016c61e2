using FoiTracker.Web.Resources;
using Microsoft.Extensions.Localization;

namespace FoiTracker.Web.Pages.Support;

/// <summary>Texts made from data: a word the data stores as a code, said in the page's language.</summary>
public static class TextExtensions
{
    /// <summary>The kind of a public body ("city_hall" → "მერია" / "City hall"); the code itself for a kind the resx files do not know yet.</summary>
    public static string BodyKind(this IStringLocalizer<SharedResource> text, string kind)
    {
        ArgumentNullException.ThrowIfNull(text);
        var name = text[$"BodyKind.{kind}"];
        return name.ResourceNotFound ? kind : name.Value;
    }
}

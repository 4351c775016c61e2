using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;

namespace FoiTracker.Web.Pages.Support;

/// <summary>
/// The site's languages. A page's address starts with its language, <c>/ka/…</c> or <c>/en/…</c>,
/// so a link shared or bookmarked opens in the language it was copied in; Georgian is the default.
/// </summary>
public static class SiteCulture
{
    public const string Georgian = "ka";
    public const string English = "en";
    public const string Default = Georgian;

    /// <summary>The route constraint every page's <c>{culture}</c> prefix carries.</summary>
    public const string RoutePrefix = "{culture:regex(^(ka|en)$)}";

    public static readonly IReadOnlyList<string> Languages = [Georgian, English];

    /// <summary>The cultures that format dates and numbers: Georgia's for Georgian, British English (day before month) for English.</summary>
    public static readonly IReadOnlyList<CultureInfo> Cultures = [CultureInfo.GetCultureInfo("ka-GE"), CultureInfo.GetCultureInfo("en-GB")];

    /// <summary>The language of the current request ("ka" or "en"), from the culture the URL set.</summary>
    public static string Current =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == English ? English : Georgian;

    /// <summary>The other language, for the language switch and hreflang.</summary>
    public static string Other(string language) => language == Georgian ? English : Georgian;

    public static CultureInfo CultureOf(string language) => language == English ? Cultures[1] : Cultures[0];

    /// <summary>"ka" or "en" when the path starts with a language segment, else null.</summary>
    public static string? LanguageOf(PathString path)
    {
        var value = path.Value;
        if (value is null || value.Length < 3 || value[0] != '/')
            return null;
        var end = value.IndexOf('/', 1);
        var segment = end < 0 ? value[1..] : value[1..end];
        return Languages.Contains(segment, StringComparer.Ordinal) ? segment : null;
    }

    /// <summary>
    /// The path the visitor asked for. An error page is rendered in place of the page that failed,
    /// so its language and its language switch come from the address that failed.
    /// </summary>
    public static PathString RequestedPath(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? context.Features.Get<IExceptionHandlerPathFeature>()?.Path
            ?? context.Request.Path;
    }

    /// <summary>Same path and query in the other language: <c>/ka/bodies?q=x</c> ↔ <c>/en/bodies?q=x</c>.</summary>
    public static string SwitchTo(HttpContext context, string language)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = RequestedPath(context).Value ?? "/";
        var rest = LanguageOf(path) is not null ? path[3..] : string.Empty;
        var query = context.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalQueryString ?? context.Request.QueryString.Value;
        return $"/{language}{(rest.Length == 0 ? "/" : rest)}{query}";
    }
}

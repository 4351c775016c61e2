using FoiTracker.Application.Bodies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace FoiTracker.Web.Pages.Support;

/// <summary>Links between pages, always in the current language.</summary>
public static class PageLinks
{
    /// <summary>
    /// The address of a page (by its name, <see cref="SitePages"/>) in the current language, or null
    /// when there is no such page yet, so a link to it can be left out.
    /// </summary>
    public static string? SitePage(this IUrlHelper url, string pageName, object? values = null)
    {
        ArgumentNullException.ThrowIfNull(url);
        var routeValues = new RouteValueDictionary(values) { ["culture"] = SiteCulture.Current };
        return url.Page(pageName, routeValues);
    }

    /// <summary>The text in the current language; the other language where this one is empty.</summary>
    public static string InCurrentLanguage(this LocalizedDto text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (wanted, fallback) = SiteCulture.Current == SiteCulture.English ? (text.En, text.Ka) : (text.Ka, text.En);
        return string.IsNullOrWhiteSpace(wanted) ? fallback : wanted;
    }
}

using Microsoft.AspNetCore.Localization;

namespace FoiTracker.Web.Pages.Support;

/// <summary>
/// Takes the request's culture from the first segment of the address (for an error page, of the
/// address that failed). Read from the path rather than from route values, so that a page that
/// does not exist still answers in the language its address asked for.
/// </summary>
public sealed class UrlCultureProvider : RequestCultureProvider
{
    public override Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        var language = SiteCulture.LanguageOf(SiteCulture.RequestedPath(httpContext));
        if (language is null)
            return NullProviderCultureResult;
        var culture = SiteCulture.CultureOf(language).Name;
        return Task.FromResult<ProviderCultureResult?>(new ProviderCultureResult(culture, culture));
    }
}

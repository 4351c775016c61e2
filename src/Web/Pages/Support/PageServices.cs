using FoiTracker.Web.Infrastructure;
using Microsoft.AspNetCore.Localization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;

namespace FoiTracker.Web.Pages.Support;

/// <summary>
/// The web site beside the API: server-rendered Razor Pages under <c>/ka/…</c> and <c>/en/…</c>,
/// texts from SharedResource.{ka,en}.resx, static files from wwwroot. The API under /api is not touched:
/// it keeps its own culture-free answers and its ProblemDetails.
/// </summary>
public static class PageServices
{
    /// <summary>Where an error on a page is rendered (the page <see cref="CultureRouteConvention.ErrorPage"/>).</summary>
    public const string ErrorPath = "/error";

    public static IServiceCollection AddSitePages(this IServiceCollection services)
    {
        services.AddLocalization();
        // Georgian letters go into the HTML as they are, not as &#x10D2; entities: a page a third the size, readable as source.
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddRazorPages(options =>
            {
                options.Conventions.Add(new CultureRouteConvention());
                // Citizens' pages need an account; staff pages need a staff role, whatever a page forgets to say.
                options.Conventions.AuthorizeFolder("/Citizen");
                options.Conventions.AuthorizeFolder("/Staff", Policies.Staff);
                options.Conventions.AuthorizePage(SitePages.ChangePassword);
            })
            .AddViewLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(SiteCulture.CultureOf(SiteCulture.Default));
            options.SupportedCultures = [.. SiteCulture.Cultures];
            options.SupportedUICultures = [.. SiteCulture.Cultures];
            options.RequestCultureProviders = [new UrlCultureProvider()];
            options.ApplyCurrentCultureToResponseHeaders = true;
        });
        return services;
    }

    /// <summary>
    /// Static files, then, for page addresses only, the culture from the URL and an HTML error page
    /// for an answer without a body (404, 400 for a form without its antiforgery token, 403).
    /// </summary>
    public static WebApplication UseSitePages(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseStaticFiles();
        app.MapGet("/", () => Results.Redirect($"/{SiteCulture.Default}/")).ExcludeFromDescription();
        app.UseWhen(IsPageRequest, pages =>
        {
            pages.UseRequestLocalization();
            pages.UseStatusCodePagesWithReExecute(ErrorPath + "/{0}");
        });
        return app;
    }

    /// <summary>
    /// A request for a page: the address asked for starts with a language. While an error is handled
    /// the request's path is already the error page's, so the address that failed is what counts.
    /// </summary>
    public static bool IsPageRequest(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return SiteCulture.LanguageOf(SiteCulture.RequestedPath(context)) is not null;
    }
}

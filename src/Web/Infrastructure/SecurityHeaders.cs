using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace FoiTracker.Web.Infrastructure;

/// <summary>
/// The headers every answer carries so a browser treats the site safely: no MIME sniffing, never
/// framed by another site, no address sent on to other sites, no server name; pages also get a
/// content security policy (the site's own styles and scripts only, no inline code), and browsers
/// that reached the site over HTTPS are told to keep using it (HSTS, outside Development).
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// For pages: everything from this site only. The pages have no inline script or style (htmx is
    /// told not to insert its indicator style, see the layout), SVG charts are files of the site.
    /// </summary>
    public const string PagePolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; " +
        "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IServiceCollection AddSecurityHeaders(this IServiceCollection services)
    {
        services.Configure<KestrelServerOptions>(options => options.AddServerHeader = false);
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = false;
        });
        return services;
    }

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Only sent on HTTPS (the middleware checks), so a plain-HTTP development site is never pinned.
        if (!app.Environment.IsDevelopment())
            app.UseHsts();
        app.Use((context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "same-origin";
                // The API reference (/api/docs) runs its own inline scripts; the API answers JSON.
                if (!context.Request.Path.StartsWithSegments("/api"))
                    headers.ContentSecurityPolicy = PagePolicy;
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }

    /// <summary>For answers that carry a secret (a token): no browser or proxy may keep a copy.</summary>
    public static void DoNotStore(this HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
    }
}

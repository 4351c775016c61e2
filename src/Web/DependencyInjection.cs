using System.Text.Json.Serialization;
using FoiTracker.Infrastructure.Identity;
using FoiTracker.Web.Infrastructure;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.OpenApi;

namespace FoiTracker.Web;

public static class DependencyInjection
{
    private const string SmartScheme = "BearerOrCookie";

    private static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromHours(8);
    private static readonly TimeSpan RefreshTokenLifetime = TimeSpan.FromDays(14);

    public static IServiceCollection AddWebServices(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier);
            // Answers written by the framework itself (no endpoint, no sign-in, wrong role) get a sentence too.
            context.ProblemDetails.Detail ??= context.ProblemDetails.Status switch
            {
                StatusCodes.Status401Unauthorized when context.HttpContext.Items.ContainsKey(SessionCheck.EndedItem) => SessionCheck.EndedMessage,
                StatusCodes.Status401Unauthorized => "Sign in first: send 'Authorization: Bearer <token>' with a token from POST /api/auth/token.",
                StatusCodes.Status403Forbidden => "Your account's role does not allow this.",
                StatusCodes.Status404NotFound => "There is nothing at this address.",
                StatusCodes.Status405MethodNotAllowed => "This address does not accept this HTTP method.",
                StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON with 'Content-Type: application/json'.",
                _ => null,
            };
        });
        services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        // Binding failures (a page that is not a number, a body that is not JSON) throw, so the
        // exception handler can answer with a ProblemDetails that says what was wrong.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(options =>
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never);

        // The name a statistics citation gives its publisher (Statistics:Publisher:Ka / :En).
        services.AddSingleton(provider =>
        {
            var configuration = provider.GetRequiredService<IConfiguration>();
            var fallback = Application.Statistics.Snapshots.StatisticsPublisher.Default;
            return new Application.Statistics.Snapshots.StatisticsPublisher(
                configuration["Statistics:Publisher:Ka"] is { Length: > 0 } ka ? ka : fallback.Ka,
                configuration["Statistics:Publisher:En"] is { Length: > 0 } en ? en : fallback.En);
        });

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");

        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "FoiTracker API",
                Version = "v1",
                Description = "Freedom-of-information requests to public bodies: filing, statutory deadlines, escalation and statistics.",
            };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes["Bearer"] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "A token from POST /api/auth/token.",
            };
            return Task.CompletedTask;
        }));

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = SmartScheme;
                options.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Bearer token for the API, cookie for pages", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.Count > 0 || context.Request.Path.StartsWithSegments("/api")
                        ? BearerTokenDefaults.AuthenticationScheme
                        : CookieAuthenticationDefaults.AuthenticationScheme)
            .AddBearerToken(options =>
            {
                options.BearerTokenExpiration = AccessTokenLifetime;
                options.RefreshTokenExpiration = RefreshTokenLifetime;
                // A token from before the password or role changed is refused (SessionCheck).
                options.Events.OnMessageReceived = SessionCheck.ValidateBearerAsync;
            })
            .AddCookie(options =>
            {
                options.Cookie.Name = "foitracker";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.SlidingExpiration = true;
                options.ExpireTimeSpan = TimeSpan.FromDays(14);
                // Signing in happens on the page in the visitor's language; a page they may not see answers 403.
                options.Events.OnRedirectToLogin = context =>
                {
                    var language = Pages.Support.SiteCulture.LanguageOf(context.Request.Path) ?? Pages.Support.SiteCulture.Default;
                    var returnUrl = Uri.EscapeDataString(context.Request.PathBase + context.Request.Path + context.Request.QueryString);
                    context.Response.Redirect($"/{language}/account/sign-in?returnUrl={returnUrl}");
                    return Task.CompletedTask;
                };
                // A cookie from before the password or role changed signs the visitor out (SessionCheck).
                options.Events.OnValidatePrincipal = SessionCheck.ValidateCookieAsync;
                options.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Staff, policy => policy.RequireRole(Policies.StaffRoles))
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Domain.Users.RoleNames.Admin));

        // Tokens and cookies are protected by keys kept in the database every node shares, so any node
        // accepts a token another issued, and they survive a restart (ADR 028).
        services.AddDataProtection().SetApplicationName("FoiTracker");
        services.AddSingleton<DatabaseXmlRepository>();
        services.AddOptions<KeyManagementOptions>()
            .Configure<DatabaseXmlRepository>((options, keys) => options.XmlRepository = keys);
        return services;
    }
}

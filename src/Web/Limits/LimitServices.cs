using System.Security.Claims;
using System.Threading.RateLimiting;
using FoiTracker.Application.Common;
using FoiTracker.Web.Infrastructure;
using FoiTracker.Web.Pages.Support;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace FoiTracker.Web.Limits;

/// <summary>
/// The abuse limits: sign-in attempts and registrations per client address and letters on demand
/// per account, each a fixed window on this node (ASP.NET Core's rate limiter); failed sign-ins
/// per e-mail address and requests filed per account per day are counted in the database by their
/// use cases (<see cref="AbuseLimits"/>). Every refusal is 429 with Retry-After: a ProblemDetails
/// for the API, the error page in the visitor's language for a page.
/// </summary>
public static class LimitServices
{
    public const string SignInPolicy = "sign-in";
    public const string RegisterPolicy = "register";
    public const string LettersPolicy = "letters";

    public static IServiceCollection AddLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = LimitSettings.Read(configuration);
        services.AddSingleton(settings);
        services.AddSingleton(settings.ForUseCases());
        // Kestrel answers an address or headers above its limits itself, with a bare status and no
        // body; above ours and below these, RequestSizeMiddleware answers with a ProblemDetails.
        services.Configure<KestrelServerOptions>(kestrel =>
        {
            kestrel.Limits.MaxRequestLineSize = RequestSizeMiddleware.MaxTargetLength * RequestSizeMiddleware.KestrelCeilingFactor;
            kestrel.Limits.MaxRequestHeadersTotalSize = RequestSizeMiddleware.MaxHeaderBytes * RequestSizeMiddleware.KestrelCeilingFactor;
        });
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(SignInPolicy, new WindowPolicy(settings.Enabled, settings.SignIn, byAccount: false));
            options.AddPolicy(RegisterPolicy, new WindowPolicy(settings.Enabled, settings.Register, byAccount: false));
            options.AddPolicy(LettersPolicy, new WindowPolicy(settings.Enabled, settings.Letters, byAccount: true));
            options.OnRejected = (context, cancellationToken) => RejectAsync(context.HttpContext, context.Lease, cancellationToken);
        });
        return services;
    }

    /// <summary>Bodies too large and keys too long are refused first, before anything reads them.</summary>
    public static WebApplication UseRequestSizeLimits(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<RequestSizeMiddleware>();
        return app;
    }

    private static async ValueTask RejectAsync(HttpContext context, RateLimitLease lease, CancellationToken cancellationToken)
    {
        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
        if (PageServices.IsPageRequest(context))
        {
            // No body: the status code pages render the error page for 429 in the page's language.
            context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            context.Response.Headers.RetryAfter = ProblemAnswer.RetryAfterSeconds(wait);
            return;
        }

        cancellationToken.ThrowIfCancellationRequested();
        await ProblemAnswer.WriteAsync(context, StatusCodes.Status429TooManyRequests, "Too many attempts.",
            $"Too many of these from you in a short time; try again in {Describe(wait)}.", wait);
    }

    internal static string Describe(TimeSpan wait) =>
        wait < TimeSpan.FromMinutes(2)
            ? $"{Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))} seconds"
            : wait < TimeSpan.FromHours(2) ? $"{(int)Math.Ceiling(wait.TotalMinutes)} minutes" : $"{(int)Math.Ceiling(wait.TotalHours)} hours";

    /// <summary>
    /// A fixed window per client address, or per signed-in account (the address for anyone else).
    /// Only what changes something counts: GET and HEAD (showing the sign-in form) pass.
    /// </summary>
    private sealed class WindowPolicy(bool enabled, WindowLimit limit, bool byAccount) : IRateLimiterPolicy<string>
    {
        public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => null;

        public RateLimitPartition<string> GetPartition(HttpContext httpContext)
        {
            if (!enabled || HttpMethods.IsGet(httpContext.Request.Method) || HttpMethods.IsHead(httpContext.Request.Method))
                return RateLimitPartition.GetNoLimiter(string.Empty);
            var account = byAccount ? httpContext.User.FindFirstValue(ClaimTypes.NameIdentifier) : null;
            var key = account is not null ? "account:" + account : "address:" + (httpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown");
            return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limit.PermitLimit,
                Window = limit.Window,
                QueueLimit = 0,
                AutoReplenishment = true,
            });
        }
    }
}

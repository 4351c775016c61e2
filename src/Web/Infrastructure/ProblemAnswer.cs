using System.Globalization;
using Microsoft.AspNetCore.Mvc;

namespace FoiTracker.Web.Infrastructure;

/// <summary>Writes an RFC 9457 answer from a middleware, where no endpoint or exception handler is involved.</summary>
public static class ProblemAnswer
{
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail, TimeSpan? retryAfter = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        if (retryAfter is { } wait)
            context.Response.Headers.RetryAfter = RetryAfterSeconds(wait);
        var problems = context.RequestServices.GetRequiredService<IProblemDetailsService>();
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail };
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
        {
            // A client that accepts no JSON still gets the sentence, as text.
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(detail);
        }
    }

    /// <summary>Retry-After in whole seconds, at least one.</summary>
    public static string RetryAfterSeconds(TimeSpan wait) =>
        Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}

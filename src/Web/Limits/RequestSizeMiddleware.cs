using System.Globalization;
using FoiTracker.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Features;

namespace FoiTracker.Web.Limits;

/// <summary>
/// Refuses what is too large before anything reads it, each as a ProblemDetails: an address longer
/// than <see cref="MaxTargetLength"/> is 414 and headers above <see cref="MaxHeaderBytes"/> are 431
/// (Kestrel's own limits are set above these, so that it lets such requests through to here instead
/// of answering them itself with an empty body); a JSON body above <c>Limits:MaxJsonBytes</c>
/// is 413, whether it says its length or comes in chunks (those are read up to the limit and no
/// further); an <c>Idempotency-Key</c> longer than <see cref="MaxIdempotencyKeyLength"/> is 400.
/// Form posts (the answer files on the pages) keep their own limits.
/// </summary>
public sealed class RequestSizeMiddleware(RequestDelegate next, LimitSettings settings)
{
    public const int MaxIdempotencyKeyLength = 200;

    /// <summary>The longest path and query accepted (Kestrel's own default).</summary>
    public const int MaxTargetLength = 8 * 1024;

    /// <summary>The most header bytes accepted, names and values (Kestrel's own default).</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>Where Kestrel itself stops reading, with an empty answer: four times the limits above.</summary>
    public const int KestrelCeilingFactor = 4;

    public const string IdempotencyHeader = "Idempotency-Key";

    private const int ChunkBytes = 16 * 1024;

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        if ((context.Features.Get<IHttpRequestFeature>()?.RawTarget.Length ?? 0) > MaxTargetLength)
        {
            await ProblemAnswer.WriteAsync(context, StatusCodes.Status414UriTooLong, "The address is too long.",
                $"An address (path and query) can have at most {MaxTargetLength.ToString("N0", CultureInfo.InvariantCulture)} characters.");
            return;
        }

        if (HeaderBytes(request.Headers) > MaxHeaderBytes)
        {
            await ProblemAnswer.WriteAsync(context, StatusCodes.Status431RequestHeaderFieldsTooLarge, "The headers are too large.",
                $"The request's headers can have at most {MaxHeaderBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes together; send fewer or smaller cookies and headers.");
            return;
        }

        if (request.Headers[IdempotencyHeader].Any(key => key?.Length > MaxIdempotencyKeyLength))
        {
            await ProblemAnswer.WriteAsync(context, StatusCodes.Status400BadRequest, "The Idempotency-Key is too long.",
                $"An Idempotency-Key can have at most {MaxIdempotencyKeyLength} characters; a UUID is enough.");
            return;
        }

        if (IsJson(request))
        {
            if (request.ContentLength > settings.MaxJsonBytes)
            {
                await TooLargeAsync(context);
                return;
            }

            if (request.ContentLength is null && context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != false
                && !await BufferWithinLimitAsync(context))
            {
                await TooLargeAsync(context);
                return;
            }
        }

        await next(context);
    }

    private static long HeaderBytes(IHeaderDictionary headers)
    {
        long total = 0;
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
                total += name.Length + (value?.Length ?? 0) + 4;
        }

        return total;
    }

    private static bool IsJson(HttpRequest request) =>
        request.ContentType is { } type
        && (type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || type.Split(';')[0].Trim().EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    /// <summary>Reads a body of unknown length into memory, at most one byte over the limit; false when it is over.</summary>
    private async Task<bool> BufferWithinLimitAsync(HttpContext context)
    {
        var buffer = new MemoryStream();
        var chunk = new byte[ChunkBytes];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > settings.MaxJsonBytes)
                return false;
        }

        buffer.Position = 0;
        context.Request.Body = buffer;
        context.Request.ContentLength = buffer.Length;
        context.Response.RegisterForDispose(buffer);
        return true;
    }

    private Task TooLargeAsync(HttpContext context)
    {
        // The rest of the body is not read; the connection is not kept for another request.
        context.Response.Headers.Connection = "close";
        return ProblemAnswer.WriteAsync(context, StatusCodes.Status413PayloadTooLarge, "The body is too large.",
            $"A JSON body can have at most {settings.MaxJsonBytes.ToString("N0", CultureInfo.InvariantCulture)} bytes.");
    }
}

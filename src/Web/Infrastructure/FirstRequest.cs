using System.Diagnostics;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace FoiTracker.Web.Infrastructure;

/// <summary>
/// Once the server listens, and before the service says it is running, it asks itself for
/// <c>/health</c> over its own plain-HTTP address. ASP.NET Core builds its route matcher on the first
/// request, the middleware is compiled then, and the health check opens the first database
/// connection: that first request took 0.2 s where the next took 15 ms, and without this the first
/// visitor after every start paid for it. Nothing is computed or kept for later answers. A failure is
/// logged and the service starts as it would have.
/// </summary>
public static partial class FirstRequest
{
    private const string Path = "health";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public static async Task SendAsync(WebApplication app, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(app);
        // Only Kestrel listens: an in-memory test server reports the configured addresses but has
        // nobody there. A server on HTTPS alone is left cold rather than asked with its certificate unchecked.
        var server = app.Services.GetRequiredService<IServer>();
        if (server.GetType().Assembly != typeof(KestrelServerOptions).Assembly)
            return;
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        if (StartupBanner.Address(addresses) is not { Scheme: "http" } address)
            return;

        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(FirstRequest));
        var clock = Stopwatch.StartNew();
        try
        {
            using var client = new HttpClient { Timeout = Timeout };
            using var response = await client.GetAsync(new Uri(address, Path), cancellationToken);
            LogAnswered(logger, (int)response.StatusCode, clock.ElapsedMilliseconds);
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            LogFailed(logger, exception.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Answered its first request (/health: {Status}) in {Milliseconds} ms before opening to visitors")]
    private static partial void LogAnswered(ILogger logger, int status, long milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The first request to itself (/health) failed ({Reason}); the service starts anyway and its first visitor waits a little longer")]
    private static partial void LogFailed(ILogger logger, string reason);
}

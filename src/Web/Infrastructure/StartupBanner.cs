using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace FoiTracker.Web.Infrastructure;

/// <summary>
/// Once the server listens (and has answered its <see cref="FirstRequest"/>), one line on the console
/// with the address to open, taken from the addresses the server actually bound (a port chosen by
/// the system included), not from the settings.
/// </summary>
public static class StartupBanner
{
    public static void Print(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        if (Line(addresses) is { } line)
            Console.WriteLine(line);
    }

    /// <summary>"FoiTracker is running: open http://localhost:5080/", or null when the server has no address (in-memory tests).</summary>
    public static string? Line(IEnumerable<string> addresses) =>
        Address(addresses) is { } address ? $"FoiTracker is running: open {address}" : null;

    /// <summary>The address to open the service at, plain HTTP first; null when the server has none.</summary>
    public static Uri? Address(IEnumerable<string> addresses)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        return addresses.Select(Openable).Where(url => url is not null).Cast<Uri>()
            .OrderBy(url => url.Scheme == Uri.UriSchemeHttp ? 0 : 1)
            .FirstOrDefault();
    }

    // A server listening on every interface ("http://0.0.0.0:5080", "http://[::]:5080", "http://+:5080")
    // is opened on this machine as localhost.
    private static Uri? Openable(string address)
    {
        var normalised = address.Replace("://+:", "://localhost:", StringComparison.Ordinal).Replace("://*:", "://localhost:", StringComparison.Ordinal);
        if (!Uri.TryCreate(normalised, UriKind.Absolute, out var uri))
            return null;
        var host = uri.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : uri.Host;
        return new UriBuilder(uri.Scheme, host, uri.Port, "/").Uri;
    }
}

using System.Net;
using System.Net.Sockets;
using FoiTracker.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace FoiTracker.Web.Tests.Infrastructure;

/// <summary>
/// The request the service makes to itself at start (ADR 036) goes only to a server that listens:
/// an in-memory host reports the configured address, but whoever is at that address is not the service.
/// </summary>
public sealed class FirstRequestTests
{
    [Fact]
    public async Task AnInMemoryHost_WithAnAddressConfigured_DoesNotCallThatAddress()
    {
        // Something else listens at the configured address; a first request would reach it.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            using var factory = new FoiTrackerFactory();
            using var configured = factory.WithWebHostBuilder(builder => builder.UseSetting("urls", $"http://127.0.0.1:{port}"));
            using var client = configured.CreateClient();

            using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));

            health.StatusCode.Should().Be(HttpStatusCode.OK);
            listener.Pending().Should().BeFalse("the in-memory host has nobody at its configured address, so it asks nobody there");
        }
        finally
        {
            listener.Stop();
        }
    }
}

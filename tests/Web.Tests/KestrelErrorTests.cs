using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using FoiTracker.Tests.Support;

namespace FoiTracker.Web.Tests;

/// <summary>
/// What the real server (Kestrel, started as its own process; the in-memory test server is not
/// Kestrel) answers to requests too large to be ordinary, sent as raw bytes over TCP: an address
/// or headers above the limits get a ProblemDetails, not Kestrel's empty answer.
/// </summary>
public sealed class KestrelErrorTests : IAsyncLifetime
{
    private readonly string _scratch = Directory.CreateTempSubdirectory("foitracker-kestrel-").FullName;
    private Process? _process;
    private Uri? _site;

    public async Task InitializeAsync()
    {
        var startInfo = ServiceProcess.StartInfo(_scratch);
        startInfo.Environment["Seeds__Directory"] = Path.Combine(AppContext.BaseDirectory, "seeds");
        startInfo.Environment["Workflow__Scheduler__Enabled"] = "false";
        startInfo.Environment["FOI_ADMIN_EMAIL"] = "admin@kestrel.example.ge";
        startInfo.Environment["FOI_ADMIN_PASSWORD"] = "a configured password";
        _process = Process.Start(startInfo) ?? throw new InvalidOperationException("dotnet did not start.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        while (await _process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("FoiTracker is running: open ", StringComparison.Ordinal))
            {
                _site = new Uri(line["FoiTracker is running: open ".Length..]);
                return;
            }
        }

        throw new InvalidOperationException($"The service ended without saying where it runs: {await _process.StandardError.ReadToEndAsync()}");
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            _process.Dispose();
        }

        Directory.Delete(_scratch, recursive: true);
    }

    [Fact]
    public async Task AnAddressAboveTheLimit_Returns414Problem()
    {
        var answer = await SendRawAsync($"GET /api/bodies?q={new string('a', 9000)} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        answer.Should().StartWith("HTTP/1.1 414 ").And.Contain("Content-Type: application/problem+json").And.Contain("\"status\":414");
        answer.Should().Contain("at most 8,192 characters").And.NotContain(new string('a', 101), "the address is not echoed");
    }

    [Fact]
    public async Task HeadersAboveTheLimit_Return431Problem()
    {
        var answer = await SendRawAsync($"GET /api/bodies HTTP/1.1\r\nHost: localhost\r\nX-Padding: {new string('b', 40_000)}\r\nConnection: close\r\n\r\n");

        answer.Should().StartWith("HTTP/1.1 431 ").And.Contain("Content-Type: application/problem+json").And.Contain("\"status\":431");
    }

    [Fact]
    public async Task AJsonBodyAboveTheLimit_SentInChunks_Returns413Problem()
    {
        var chunk = new string('c', 64 * 1024);
        var body = new StringBuilder("{\"email\":\"");
        for (var sent = 0; sent < 20; sent++)
            body.Append(chunk);
        var raw = new StringBuilder("POST /api/auth/register HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        raw.Append(body.Length.ToString("x", System.Globalization.CultureInfo.InvariantCulture)).Append("\r\n").Append(body).Append("\r\n0\r\n\r\n");

        var answer = await SendRawAsync(raw.ToString());

        answer.Should().StartWith("HTTP/1.1 413 ").And.Contain("Content-Type: application/problem+json").And.Contain("1,048,576 bytes");
    }

    private async Task<string> SendRawAsync(string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(_site!.Host, _site.Port);
        var stream = client.GetStream();
        var bytes = Encoding.ASCII.GetBytes(request);
        try
        {
            await stream.WriteAsync(bytes);
        }
        catch (IOException)
        {
            // The server may answer and close before it has read everything sent; the answer is what counts.
        }

        using var received = new MemoryStream();
        var buffer = new byte[16 * 1024];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, timeout.Token)) > 0)
                received.Write(buffer, 0, read);
        }
        catch (IOException)
        {
            // A reset after the answer (the rest of a large body unread) ends the reading.
        }

        return Encoding.UTF8.GetString(received.ToArray());
    }
}

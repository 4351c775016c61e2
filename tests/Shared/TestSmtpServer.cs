using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.IO.Pipelines;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace FoiTracker.Tests.Support;

/// <summary>A message the server accepted: the SMTP envelope and the parsed MIME message.</summary>
public sealed record ReceivedMail(string EnvelopeFrom, IReadOnlyList<string> EnvelopeTo, MimeMessage Message);

/// <summary>
/// A real SMTP server in this process (the SmtpServer package) on a free loopback port. It keeps
/// what it accepts, and can be told to answer the next messages with an error code instead.
/// </summary>
public sealed class TestSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<ReceivedMail> _received = new();
    private readonly ConcurrentQueue<int> _answers = new();
    private Task _running = Task.CompletedTask;

    private TestSmtpServer(int port) => Port = port;

    public int Port { get; }

    public IReadOnlyList<ReceivedMail> Received => _received.ToList();

    /// <summary>How many messages were refused with an error code.</summary>
    public int Refused { get; private set; }

    /// <summary>
    /// How long the server waits between keeping a message and answering 250: a sender stopped in
    /// that time has handed the message over without hearing so, as with a slow real server.
    /// </summary>
    public TimeSpan AnswerDelay { get; set; }

    /// <summary>What a refusal says after its code; by default a generic sentence, as many servers give.</summary>
    public string? RefusalText { get; set; }

    /// <summary>Answers the next <paramref name="times"/> messages with <paramref name="code"/> (451: try later; 550: refused for good).</summary>
    public void AnswerNext(int code, int times = 1)
    {
        for (var i = 0; i < times; i++)
            _answers.Enqueue(code);
    }

    public static async Task<TestSmtpServer> StartAsync()
    {
        var server = new TestSmtpServer(FreePort());
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(builder => builder.Endpoint(new IPEndPoint(IPAddress.Loopback, server.Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(server));
        services.Add(new NoDelayListenerFactory());
        server._running = new SmtpServer.SmtpServer(options, services).StartAsync(server._stop.Token);
        await server.WaitUntilListeningAsync();
        return server;
    }

    public async Task<IReadOnlyList<ReceivedMail>> WaitForAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (_received.Count < count && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        return Received;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task WaitUntilListeningAsync()
    {
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(25);
            }
        }

        throw new InvalidOperationException($"The test SMTP server did not start listening on port {Port}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class Store(TestSmtpServer server) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (server._answers.TryDequeue(out var code))
            {
                server.Refused++;
                return new SmtpResponse((SmtpReplyCode)code, server.RefusalText ?? (code >= 500 ? "Mailbox unavailable" : "Try again later"));
            }

            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            server._received.Enqueue(new ReceivedMail(
                Address(transaction.From), transaction.To.Select(Address).ToList(), message));
            if (server.AnswerDelay > TimeSpan.Zero)
                await Task.Delay(server.AnswerDelay, cancellationToken);
            return SmtpResponse.Ok;
        }

        private static string Address(SmtpServer.Mail.IMailbox mailbox) => $"{mailbox.User}@{mailbox.Host}";
    }

    /// <summary>
    /// Accepts connections with Nagle's algorithm off, as production mail servers answer. The
    /// package's own listener leaves it on, so each reply to a pipelined command waits for the
    /// client's delayed acknowledgement (about 40 ms on Linux) and the server, not the client,
    /// sets the pace of every test and of the sending benchmark.
    /// </summary>
    private sealed class NoDelayListenerFactory : IEndpointListenerFactory
    {
        public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
        {
            var listener = new TcpListener(endpointDefinition.Endpoint);
            listener.Start();
            return new Listener(listener);
        }

        private sealed class Listener(TcpListener listener) : IEndpointListener
        {
            public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
            {
                var socket = await listener.AcceptSocketAsync(cancellationToken);
                socket.NoDelay = true;
                context.Properties[EndpointListener.LocalEndPointKey] = listener.LocalEndpoint;
                context.Properties[EndpointListener.RemoteEndPointKey] = socket.RemoteEndPoint!;
                var stream = new NetworkStream(socket, ownsSocket: true);
                return new Pipe(stream);
            }

            public void Dispose() => listener.Stop();
        }

        private sealed class Pipe(Stream stream) : ISecurableDuplexPipe
        {
            public PipeReader Input { get; } = PipeReader.Create(stream);

            public PipeWriter Output { get; } = PipeWriter.Create(stream);

            public bool IsSecure => false;

            public SslProtocols SslProtocol => SslProtocols.None;

            public Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default) =>
                throw new NotSupportedException("The test server speaks plain SMTP on loopback.");

            public void Dispose() => stream.Dispose();
        }
    }
}

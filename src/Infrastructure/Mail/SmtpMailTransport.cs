using System.Net.Sockets;
using System.Security.Authentication;
using FoiTracker.Application.Mail;
using MailKit;
using IMailTransport = FoiTracker.Application.Mail.IMailTransport;
using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;

namespace FoiTracker.Infrastructure.Mail;

/// <summary>
/// Sends through an SMTP server with MailKit, keeping one connection open between messages (the
/// sender sends one at a time). A 4xx answer, a dropped connection or a timeout is transient and
/// tried again later; a 5xx answer is permanent. After any failure the connection is dropped and
/// the next message opens a new one.
/// </summary>
public sealed class SmtpMailTransport(MailSendingSettings settings, ILogger<SmtpMailTransport> logger) : IMailTransport, IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SmtpClient? _client;

    public string Name => "smtp";

    public async Task<string?> SendAsync(PendingMail mail, IReadOnlyList<MailAttachment> attachments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var message = MimeMailBuilder.Build(mail, attachments);
        var sender = MimeMailBuilder.EnvelopeSender(mail);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // A connection kept open may have been closed by the server meanwhile: that one is retried at once on a new one.
            var reused = _client is { IsConnected: true };
            try
            {
                var client = await ConnectedAsync(cancellationToken);
                return await client.SendAsync(message, sender, message.To.Mailboxes, cancellationToken);
            }
            catch (Exception ex) when (reused && ex is IOException or SmtpProtocolException or ServiceNotConnectedException)
            {
                Drop();
                var client = await ConnectedAsync(cancellationToken);
                return await client.SendAsync(message, sender, message.To.Mailboxes, cancellationToken);
            }
        }
        catch (SmtpCommandException ex)
        {
            Drop();
            var code = (int)ex.StatusCode;
            throw new MailDeliveryException($"The mail server answered {code}: {ex.Message}", permanent: code >= 500, ex);
        }
        catch (Exception ex) when (ex is SmtpProtocolException or IOException or SocketException or TimeoutException or ServiceNotConnectedException
                                       or ServiceNotAuthenticatedException or AuthenticationException
                                   || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Drop();
            throw new MailDeliveryException($"The mail server {settings.SmtpHost}:{settings.SmtpPort} could not take the mail ({ex.GetType().Name}: {ex.Message})", permanent: false, ex);
        }
        catch
        {
            Drop();
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose()
    {
        Drop();
        _gate.Dispose();
    }

    private async Task<SmtpClient> ConnectedAsync(CancellationToken cancellationToken)
    {
        if (_client is { IsConnected: true } open)
            return open;
        Drop();
        var client = new SmtpClient { Timeout = (int)settings.SmtpTimeout.TotalMilliseconds };
        try
        {
            await client.ConnectAsync(await OpenSocketAsync(cancellationToken), settings.SmtpHost ?? "localhost", settings.SmtpPort, settings.SmtpSecurity, cancellationToken);
            if (settings.SmtpUsername is { } username)
                await client.AuthenticateAsync(username, settings.SmtpPassword ?? string.Empty, cancellationToken);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        logger.LogDebug("Connected to the mail server {Host}:{Port}", settings.SmtpHost, settings.SmtpPort);
        _client = client;
        return client;
    }

    /// <summary>
    /// A connected socket with Nagle's algorithm off. SMTP is a write-then-wait conversation and MailKit
    /// writes a message's closing dot on its own; with Nagle on, that last small write waits for the
    /// server's delayed acknowledgement (40 ms on Linux), which caps a connection at about 25 messages/s.
    /// </summary>
    private async Task<Socket> OpenSocketAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(settings.SmtpHost ?? "localhost", settings.SmtpPort, cancellationToken);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private void Drop()
    {
        var client = _client;
        _client = null;
        if (client is null)
            return;
        try
        {
            if (client.IsConnected)
                client.Disconnect(quit: false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or SmtpProtocolException or OperationCanceledException)
        {
            // The connection is being thrown away anyway.
        }

        client.Dispose();
    }
}

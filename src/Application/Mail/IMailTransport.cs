namespace FoiTracker.Application.Mail;

/// <summary>A file attached to a mail.</summary>
public sealed record MailAttachment(string FileName, string ContentType, byte[] Bytes);

/// <summary>Hands a built message to the world: an SMTP server, or a pickup folder.</summary>
public interface IMailTransport
{
    /// <summary>A name for logs and the API ("smtp", "pickup").</summary>
    string Name { get; }

    /// <summary>Sends the mail; returns a reference to keep (the pickup file, the server's answer), or null.</summary>
    /// <exception cref="MailDeliveryException">The mail could not be handed over; <see cref="MailDeliveryException.Permanent"/> says whether trying again can help.</exception>
    Task<string?> SendAsync(PendingMail mail, IReadOnlyList<MailAttachment> attachments, CancellationToken cancellationToken);
}

/// <summary>
/// A send that did not go through. Transient (a 4xx answer, a dropped connection, a timeout) is tried
/// again later; permanent (a 5xx answer, an address that cannot be mailed) is not.
/// </summary>
public sealed class MailDeliveryException : Exception
{
    public MailDeliveryException(string message, bool permanent, Exception? innerException = null)
        : base(message, innerException)
    {
        Permanent = permanent;
    }

    public MailDeliveryException()
        : base("The mail could not be sent.")
    {
    }

    public MailDeliveryException(string message)
        : base(message)
    {
    }

    public MailDeliveryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public bool Permanent { get; }
}

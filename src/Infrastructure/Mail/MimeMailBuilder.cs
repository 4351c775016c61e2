using FoiTracker.Application.Mail;
using MimeKit;

namespace FoiTracker.Infrastructure.Mail;

/// <summary>Builds the MIME message of an outgoing mail row; the same row always gives the same headers.</summary>
public static class MimeMailBuilder
{
    public static MimeMessage Build(PendingMail mail, IReadOnlyList<MailAttachment> attachments)
    {
        ArgumentNullException.ThrowIfNull(mail);
        ArgumentNullException.ThrowIfNull(attachments);
        var message = new MimeMessage
        {
            Subject = mail.Subject,
            // Fixed when the row was written: a message sent again after a crash is recognisably the same one.
            MessageId = mail.MessageId,
            Date = mail.CreatedAt,
        };
        message.From.Add(Mailbox(mail.From, "sender"));
        message.To.AddRange(Recipients(mail.To));
        if (mail.ReplyTo is { } replyTo)
            message.ReplyTo.Add(Mailbox(replyTo, "Reply-To"));
        message.Headers.Add(HeaderId.ContentLanguage, mail.Language);
        // Notices and digests are written by a machine: out-of-office responders should not answer them (RFC 3834).
        if (mail.Kind != MailKinds.Letter)
            message.Headers.Add(HeaderId.AutoSubmitted, "auto-generated");

        var body = new BodyBuilder { TextBody = mail.TextBody };
        foreach (var attachment in attachments)
            body.Attachments.Add(attachment.FileName, attachment.Bytes, ContentType.Parse(attachment.ContentType));
        message.Body = body.ToMessageBody();
        return message;
    }

    /// <summary>
    /// The SMTP envelope sender (MAIL FROM): the request's reply address where the mail has one, so
    /// that replies and bounces come back to the request; the configured sender otherwise.
    /// </summary>
    public static MailboxAddress EnvelopeSender(PendingMail mail)
    {
        ArgumentNullException.ThrowIfNull(mail);
        return Mailbox(mail.ReplyTo ?? mail.From, "sender");
    }

    /// <summary>A name safe as a file name for the message's Message-ID.</summary>
    public static string FileNameFor(string messageId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        return string.Create(messageId.Length, messageId, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                span[i] = char.IsAsciiLetterOrDigit(source[i]) || source[i] is '.' or '-' or '_' or '@' ? source[i] : '_';
        }) + ".eml";
    }

    private static List<MailboxAddress> Recipients(string to)
    {
        if (string.IsNullOrWhiteSpace(to) || !InternetAddressList.TryParse(to, out var list))
            throw new MailDeliveryException($"'{to}' is not a mail address the mail can go to.", permanent: true);
        var mailboxes = list.Mailboxes.ToList();
        if (mailboxes.Count == 0 || mailboxes.Any(mailbox => !IsAddress(mailbox)))
            throw new MailDeliveryException($"'{to}' is not a mail address the mail can go to.", permanent: true);
        return mailboxes;
    }

    private static MailboxAddress Mailbox(string address, string role) =>
        MailboxAddress.TryParse(address, out var mailbox) && IsAddress(mailbox)
            ? mailbox
            : throw new MailDeliveryException($"The {role} '{address}' is not a mail address.", permanent: true);

    private static bool IsAddress(MailboxAddress mailbox)
    {
        var at = mailbox.Address.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at < mailbox.Address.Length - 1;
    }
}

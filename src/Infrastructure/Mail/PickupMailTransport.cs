using FoiTracker.Application.Mail;

namespace FoiTracker.Infrastructure.Mail;

/// <summary>
/// The embedded default: each message becomes {data}/mail/pickup/{message-id}.eml, written beside and
/// then moved into place, so a reader never sees half a file and a message sent again after a crash
/// replaces its earlier copy instead of adding a second one.
/// </summary>
public sealed class PickupMailTransport(MailSendingSettings settings) : IMailTransport
{
    public string Name => "pickup";

    public async Task<string?> SendAsync(PendingMail mail, IReadOnlyList<MailAttachment> attachments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var message = MimeMailBuilder.Build(mail, attachments);
        var name = MimeMailBuilder.FileNameFor(mail.MessageId);
        var path = Path.Combine(settings.PickupDirectory, name);
        var temporary = Path.Combine(settings.PickupDirectory, $".{name}.{Guid.NewGuid():N}.tmp");
        try
        {
            Directory.CreateDirectory(settings.PickupDirectory);
            await message.WriteToAsync(temporary, cancellationToken);
            File.Move(temporary, path, overwrite: true);
            return name;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            throw new MailDeliveryException($"The pickup folder {settings.PickupDirectory} cannot be written ({ex.Message})", permanent: false, ex);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A leftover temporary file is skipped by readers of *.eml.
        }
    }
}

using FoiTracker.Application.Mail;
using FoiTracker.Application.Outbox;

namespace FoiTracker.Infrastructure.Mail;

/// <summary>
/// Notifications (outbox rows of kind "notify"): one to the requester becomes a mail to them; one to
/// staff is handed over as it is, and the next daily digest lists it.
/// </summary>
public sealed class NoticeOutboxDispatcher(MailComposer composer) : IOutboxDispatcher
{
    public const string Kind = "notify";
    public const string Requester = "requester";
    public const string Staff = "staff";

    public bool CanDispatch(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Kind == Kind && message.Recipient is Requester or Staff;
    }

    public Task DispatchAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Recipient == Requester ? composer.NotifyRequesterAsync(message, cancellationToken) : Task.CompletedTask;
    }
}

using FoiTracker.Application.Outbox;
using FoiTracker.Application.Requests.Citizen;

namespace FoiTracker.Infrastructure.Mail;

/// <summary>A request's stage changed and people follow it (outbox rows of kind "follow"): a mail to each of them.</summary>
public sealed class FollowerOutboxDispatcher(FollowerNotices notices) : IOutboxDispatcher
{
    public bool CanDispatch(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Kind == FollowerNotices.OutboxKind;
    }

    public Task DispatchAsync(OutboxMessage message, CancellationToken cancellationToken) => notices.MailFollowersAsync(message, cancellationToken);
}

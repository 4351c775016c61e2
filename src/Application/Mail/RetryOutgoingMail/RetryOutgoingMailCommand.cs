using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Requests;
using Mediator;

namespace FoiTracker.Application.Mail.RetryOutgoingMail;

/// <summary>
/// Staff make a mail that was given up sendable again (the body's server is back, its address was
/// corrected). Only a mail that no server ever accepted can be retried: one that was sent, or sent
/// and then returned, was accepted once, and sending it again would deliver it twice. It keeps its
/// Message-ID, and the sender gives it a fresh retry window from now.
/// </summary>
public sealed record RetryOutgoingMailCommand(Guid MailId, RequestActor Actor) : ICommand<OutgoingMailDto>;

public sealed class RetryOutgoingMailHandler(IOutgoingMailStore mails, TimeProvider clock) : ICommandHandler<RetryOutgoingMailCommand, OutgoingMailDto>
{
    public async ValueTask<OutgoingMailDto> Handle(RetryOutgoingMailCommand command, CancellationToken cancellationToken)
    {
        if (!command.Actor.IsStaff)
            throw new ForbiddenException("Only staff can send a mail again.");
        var mail = await mails.GetAsync(command.MailId, cancellationToken) ?? throw NotFoundException.For("outgoing mail", command.MailId.ToString());
        switch (mail.Mail.Status)
        {
            case MailStatus.Pending:
                throw new ConflictException("This mail is waiting to be sent already.");
            case MailStatus.Sent or MailStatus.Bounced:
                throw new ConflictException("This mail was accepted by the receiving server once; sending it again would deliver it twice.");
        }

        // The update checks the status again, so two people retrying at once make it sendable once.
        if (!await mails.MakeSendableAgainAsync(command.MailId, clock.GetUtcNow(), cancellationToken))
            throw new ConflictException("This mail changed while you were looking at it; reload the list.");
        return (await mails.GetAsync(command.MailId, cancellationToken))!.Mail;
    }
}

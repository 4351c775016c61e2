using Mediator;

namespace FoiTracker.Application.Mail.SendMail;

/// <summary>
/// Sends the oldest pending mail whose time has come, in three short transactions of its own rather
/// than the one a command runs in: the claim (status sending) commits before the SMTP conversation,
/// the server's acceptance commits alone as soon as it is given, and what follows (the timeline
/// entry) after that. A process that stops during the conversation leaves the mail sending; once
/// the claim's lease runs out it is sent again, with the same Message-ID, and counted. One that stops
/// after the acceptance's commit sends nothing again. Only a stop between the server's 250 and that
/// commit, a few milliseconds, sends a message twice.
/// </summary>
public sealed record SendNextMailCommand : IRequest<SendOutcome>;

public enum SendOutcome
{
    /// <summary>Nothing was due.</summary>
    Idle,
    Sent,

    /// <summary>A transient failure: the row waits and is tried again.</summary>
    Retrying,

    /// <summary>A permanent failure: the row is given up and shows in the staff queue.</summary>
    Failed,
}

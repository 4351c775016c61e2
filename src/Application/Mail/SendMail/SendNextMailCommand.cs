using Mediator;

namespace FoiTracker.Application.Mail.SendMail;

/// <summary>
/// Sends the oldest pending mail whose time has come, in a transaction of its own: the row is
/// locked, the message handed to the transport, and the row marked sent before the commit. A crash
/// between the two leaves the row pending, so that one message is sent again, with the same Message-ID.
/// </summary>
public sealed record SendNextMailCommand : ICommand<SendOutcome>;

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

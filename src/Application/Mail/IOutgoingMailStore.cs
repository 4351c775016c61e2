using FoiTracker.Application.Common.Models;

namespace FoiTracker.Application.Mail;

/// <summary>The states of an outgoing mail row.</summary>
public static class MailStatus
{
    public const string Pending = "pending";

    /// <summary>
    /// Claimed by a sender, which is talking to the server now. Still so after the claim's lease ran out,
    /// it was cut short by a stopped process and is sent again with the same Message-ID.
    /// </summary>
    public const string Sending = "sending";

    /// <summary>Accepted by the server (its 250 to the message).</summary>
    public const string Sent = "sent";

    /// <summary>Refused for good (5xx, no or invalid address, given up after retrying for too long).</summary>
    public const string Failed = "failed";

    /// <summary>Accepted, then returned by the receiving side (a delivery status notification).</summary>
    public const string Bounced = "bounced";

    public static readonly IReadOnlyList<string> All = [Pending, Sending, Sent, Failed, Bounced];
}

/// <summary>What a mail is for; the sender writes <c>mail:sent</c> on the request's timeline for the ones that go to a body.</summary>
public static class MailKinds
{
    /// <summary>A letter to a public body (request, chaser, complaint…), its PDF attached.</summary>
    public const string Letter = "letter";

    /// <summary>A notice to the requester (deadline soon, overdue, a window closing).</summary>
    public const string Notice = "notice";

    /// <summary>The daily list for staff.</summary>
    public const string Digest = "digest";

    /// <summary>A mail about the account itself (a password reset link); its text is not kept once sent.</summary>
    public const string Account = "account";
}

/// <summary>
/// A mail to write as a row; the store fixes its Message-ID and sender. It may be sent from
/// <paramref name="AvailableAt"/> (its creation when null; a mail waiting for its address to be
/// confirmed is held until <see cref="Accounts.EmailVerification.RequesterEmailCheck.HeldUntilVerified"/>).
/// </summary>
public sealed record NewOutgoingMail(
    string DedupKey,
    Guid? RequestId,
    string Kind,
    string To,
    string? ReplyTo,
    string Subject,
    string TextBody,
    string Language,
    IReadOnlyList<Guid> Attachments,
    DateTimeOffset CreatedAt,
    DateTimeOffset? AvailableAt = null);

/// <summary>Why a mail was claimed.</summary>
public enum MailClaim
{
    /// <summary>Pending and due: sent for the first time, or again after a failure.</summary>
    Due,

    /// <summary>Claimed before by a process that stopped during the SMTP conversation: sent again, same Message-ID.</summary>
    CutShort,

    /// <summary>Accepted by the server, but the process stopped before what follows was written: only that is left to do.</summary>
    AcceptedNotRecorded,
}

/// <summary>A row claimed for sending, with everything the message is built from.</summary>
public sealed record PendingMail(
    Guid Id,
    Guid? RequestId,
    string? RequestNumber,
    string Kind,
    string MessageId,
    string From,
    string To,
    string? ReplyTo,
    string Subject,
    string TextBody,
    string Language,
    IReadOnlyList<Guid> Attachments,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RetriedAt = null,
    MailClaim Claim = MailClaim.Due,
    string? ClaimedBefore = null);

public sealed record OutgoingMailDto(
    Guid Id,
    Guid? RequestId,
    string? Number,
    string Kind,
    string To,
    string? ReplyTo,
    string Subject,
    string Language,
    string Status,
    int Attempts,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset AvailableAt,
    DateTimeOffset? SentAt,
    string MessageId,
    string? PickupFile,
    int AttachmentCount);

public sealed record OutgoingMailDetailsDto(OutgoingMailDto Mail, string From, string TextBody, IReadOnlyList<Guid> Attachments);

public sealed record OutgoingMailFilter(string? Status, Guid? RequestId, string? Number, int Page, int PageSize);

/// <summary>A staff notice (a request that became overdue, a window closing) handed over since the last digest.</summary>
public sealed record StaffNotice(Guid? RequestId, string? Number, string? Subject, string? BodyKey, string Name, DateTimeOffset At);

public interface IOutgoingMailStore
{
    /// <summary>Writes the row unless one with the same dedup key exists; true when it was written.</summary>
    Task<bool> EnqueueAsync(NewOutgoingMail mail, CancellationToken cancellationToken);

    /// <summary>
    /// Claims one mail for this process, to commit before the SMTP conversation: first one whose earlier
    /// claim ran out (a process stopped while sending it, or after the server accepted it but before
    /// what follows was written), else the oldest pending row whose time has come. The row is locked
    /// while claimed (PostgreSQL: SKIP LOCKED, so two nodes never take the same one), then marked
    /// sending with the time and this process; a mail cut short counts one re-send. Null when there is none.
    /// </summary>
    Task<PendingMail?> ClaimNextAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Records the server's acceptance of a mail this process is sending: status sent, when, and the
    /// server's answer. False when the mail is no longer sending (another process recorded it first).
    /// </summary>
    Task<bool> MarkSentAsync(Guid id, DateTimeOffset at, string? transportRef, CancellationToken cancellationToken);

    /// <summary>Notes that what follows an accepted mail (its timeline entry, a text dropped) is written.</summary>
    Task MarkRecordedAsync(Guid id, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Replaces a row's text, for a mail whose text carried a secret that must not be kept once it is sent.</summary>
    Task ReplaceTextAsync(Guid id, string textBody, CancellationToken cancellationToken);

    /// <summary>Counts a failed attempt, makes the mail pending again and sets when to try.</summary>
    Task RetryLaterAsync(Guid id, string error, DateTimeOffset retryAt, CancellationToken cancellationToken);

    /// <summary>Gives the row up for good: status failed, with the reason.</summary>
    Task MarkFailedAsync(Guid id, string error, CancellationToken cancellationToken);

    /// <summary>
    /// A mail given up (status failed, never sent) becomes pending again from <paramref name="now"/>, with
    /// a fresh retry window; false when the row is not in that state (any more).
    /// </summary>
    Task<bool> MakeSendableAgainAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken);

    Task<PagedResult<OutgoingMailDto>> ListAsync(OutgoingMailFilter filter, CancellationToken cancellationToken);

    Task<OutgoingMailDetailsDto?> GetAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>When the last digest row was written, or null before the first.</summary>
    Task<DateTimeOffset?> LastDigestAtAsync(CancellationToken cancellationToken);

    /// <summary>Staff notices the outbox handed over after <paramref name="since"/> and up to <paramref name="until"/>.</summary>
    Task<IReadOnlyList<StaffNotice>> StaffNoticesAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>The e-mail addresses of staff and admin accounts (the digest's default recipients).</summary>
    Task<IReadOnlyList<string>> StaffAddressesAsync(CancellationToken cancellationToken);
}

using FoiTracker.Application.Common.Models;

namespace FoiTracker.Application.Mail;

/// <summary>The states of an outgoing mail row.</summary>
public static class MailStatus
{
    public const string Pending = "pending";
    public const string Sent = "sent";

    /// <summary>Refused for good (5xx, no or invalid address, given up after retrying for too long).</summary>
    public const string Failed = "failed";

    /// <summary>Accepted, then returned by the receiving side (a delivery status notification).</summary>
    public const string Bounced = "bounced";

    public static readonly IReadOnlyList<string> All = [Pending, Sent, Failed, Bounced];
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
    DateTimeOffset? RetriedAt = null);

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
    /// The oldest pending row whose time has come, locked for this transaction (PostgreSQL: SKIP LOCKED,
    /// so two nodes never take the same one); null when there is none.
    /// </summary>
    Task<PendingMail?> ClaimNextAsync(DateTimeOffset now, CancellationToken cancellationToken);

    Task MarkSentAsync(Guid id, DateTimeOffset at, string? transportRef, CancellationToken cancellationToken);

    /// <summary>Replaces a row's text, for a mail whose text carried a secret that must not be kept once it is sent.</summary>
    Task ReplaceTextAsync(Guid id, string textBody, CancellationToken cancellationToken);

    /// <summary>Counts a failed attempt and sets when to try again.</summary>
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

using FoiTracker.Application.Common.Models;

namespace FoiTracker.Application.Mail;

/// <summary>Incoming messages, their matches and attachments, and where intake stands in each mailbox.</summary>
public interface IInboundMailStore
{
    /// <summary>
    /// The mailbox's position, locked for the rest of the transaction (a row lock on PostgreSQL,
    /// the single writer on SQLite), so two nodes never record the same message side by side.
    /// </summary>
    Task<IntakePosition> LockPositionAsync(string mailbox, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The position as last committed, without a lock; null before the first message.</summary>
    Task<IntakePosition?> GetPositionAsync(string mailbox, CancellationToken cancellationToken);

    Task AdvancePositionAsync(string mailbox, long uidValidity, long uid, DateTimeOffset now, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(string mailbox, long uidValidity, long uid, CancellationToken cancellationToken);

    /// <summary>Whether these exact bytes were recorded under an earlier UIDVALIDITY of the mailbox (the server renumbered it).</summary>
    Task<bool> SeenUnderOtherValidityAsync(string mailbox, string rawSha256, long uidValidity, CancellationToken cancellationToken);

    Task AddAsync(NewInboundMail mail, CancellationToken cancellationToken);

    Task AddMatchAsync(Guid inboundId, Guid requestId, string method, string? evidence, DateTimeOffset at, CancellationToken cancellationToken);

    Task AddAttachmentAsync(NewInboundAttachment attachment, CancellationToken cancellationToken);

    /// <summary>The request of the mail we sent with this Message-ID (without angle brackets).</summary>
    Task<Guid?> FindRequestOfSentMailAsync(string messageId, CancellationToken cancellationToken);

    /// <summary>Marks the mail we sent with this Message-ID as bounced; false when there is none.</summary>
    Task<bool> MarkSentMailBouncedAsync(string messageId, string diagnostic, CancellationToken cancellationToken);

    /// <summary>The id of the request with this number, if there is one.</summary>
    Task<Guid?> FindRequestIdAsync(string requestNumber, CancellationToken cancellationToken);

    Task MarkAssignedAsync(Guid inboundId, string classification, string assignedBy, DateTimeOffset at, CancellationToken cancellationToken);

    Task<PagedResult<InboundMailSummary>> ListAsync(string? status, int page, int pageSize, CancellationToken cancellationToken);

    Task<InboundMailDetails?> GetAsync(Guid id, CancellationToken cancellationToken);

    Task<byte[]?> GetRawAsync(Guid id, CancellationToken cancellationToken);

    Task<InboundAttachmentContent?> GetAttachmentAsync(Guid id, Guid attachmentId, CancellationToken cancellationToken);
}

/// <param name="UidValidity">0 before the first message.</param>
public sealed record IntakePosition(string Mailbox, long UidValidity, long LastUid);

public sealed record NewInboundMail(
    Guid Id,
    string Mailbox,
    long UidValidity,
    long Uid,
    byte[] Raw,
    string RawSha256,
    bool RawComplete,
    string? MessageId,
    string? From,
    string? Subject,
    DateTimeOffset? SentAt,
    long Size,
    string Classification,
    string Status,
    string? HoldReason,
    string? Note,
    DateTimeOffset ReceivedAt);

public sealed record NewInboundAttachment(
    Guid Id,
    Guid InboundId,
    int Position,
    string? FileName,
    string DeclaredType,
    string SniffedType,
    long Size,
    string Sha256,
    byte[]? Bytes,
    string? RefusedReason);

/// <summary>A line of the holding pen or of a request's mail.</summary>
public sealed record InboundMailSummary(
    Guid Id,
    string? From,
    string? Subject,
    DateTimeOffset? Date,
    DateTimeOffset ReceivedAt,
    long Size,
    string Classification,
    string Status,
    string? HoldReason);

public sealed record InboundMailDetails(
    Guid Id,
    string? MessageId,
    string? From,
    string? Subject,
    DateTimeOffset? Date,
    DateTimeOffset ReceivedAt,
    long Size,
    bool RawComplete,
    string Classification,
    string Status,
    string? HoldReason,
    string? Note,
    DateTimeOffset? AssignedAt,
    string? AssignedBy,
    IReadOnlyList<InboundMatchDto> Matches,
    IReadOnlyList<InboundAttachmentDto> Attachments);

public sealed record InboundMatchDto(Guid RequestId, string RequestNumber, string Method, string? Evidence, DateTimeOffset MatchedAt);

public sealed record InboundAttachmentDto(
    Guid Id,
    string? FileName,
    string DeclaredType,
    string SniffedType,
    long Size,
    string Sha256,
    bool Stored,
    string? RefusedReason);

public sealed record InboundAttachmentContent(Guid Id, string? FileName, string SniffedType, byte[]? Bytes, string? RefusedReason);

using FoiTracker.Application.Common.Models;
using FoiTracker.Application.Mail;

namespace FoiTracker.Infrastructure.Persistence.Repositories;

public sealed class InboundMailRepository(DbSession session) : SqlRepository(session), IInboundMailStore
{
    private const string SummaryColumns =
        $"""
        id AS {nameof(SummaryRow.Id)}, from_address AS {nameof(SummaryRow.FromAddress)}, subject AS {nameof(SummaryRow.Subject)},
        sent_at AS {nameof(SummaryRow.SentAt)}, received_at AS {nameof(SummaryRow.ReceivedAt)}, size AS {nameof(SummaryRow.Size)},
        classification AS {nameof(SummaryRow.Classification)}, status AS {nameof(SummaryRow.Status)}, hold_reason AS {nameof(SummaryRow.HoldReason)}
        """;

    public async Task<IntakePosition> LockPositionAsync(string mailbox, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The row must exist to be locked; 0 stands for "no UIDVALIDITY seen yet" (IMAP never uses 0).
        await ExecuteAsync(
            "INSERT INTO mail_intake_position (mailbox, uid_validity, last_uid, updated_at) VALUES (@Mailbox, 0, 0, @Now) ON CONFLICT (mailbox) DO NOTHING",
            new { Mailbox = mailbox, Now = now },
            cancellationToken);
        var lockClause = Session.Provider == DatabaseProvider.Postgres ? "FOR UPDATE" : string.Empty;
        var row = await QuerySingleOrDefaultAsync<PositionRow>(
            $"SELECT mailbox AS {nameof(PositionRow.Mailbox)}, uid_validity AS {nameof(PositionRow.UidValidity)}, last_uid AS {nameof(PositionRow.LastUid)} FROM mail_intake_position WHERE mailbox = @Mailbox {lockClause}",
            new { Mailbox = mailbox },
            cancellationToken);
        return new IntakePosition(row!.Mailbox, row.UidValidity, row.LastUid);
    }

    public async Task<IntakePosition?> GetPositionAsync(string mailbox, CancellationToken cancellationToken)
    {
        var row = await QuerySingleOrDefaultAsync<PositionRow>(
            $"SELECT mailbox AS {nameof(PositionRow.Mailbox)}, uid_validity AS {nameof(PositionRow.UidValidity)}, last_uid AS {nameof(PositionRow.LastUid)} FROM mail_intake_position WHERE mailbox = @Mailbox",
            new { Mailbox = mailbox },
            cancellationToken);
        return row is null || row.UidValidity == 0 ? null : new IntakePosition(row.Mailbox, row.UidValidity, row.LastUid);
    }

    public Task AdvancePositionAsync(string mailbox, long uidValidity, long uid, DateTimeOffset now, CancellationToken cancellationToken) =>
        ExecuteAsync(
            """
            UPDATE mail_intake_position
            SET last_uid = CASE WHEN uid_validity = @UidValidity AND last_uid > @Uid THEN last_uid ELSE @Uid END,
                uid_validity = @UidValidity, updated_at = @Now
            WHERE mailbox = @Mailbox
            """,
            new { Mailbox = mailbox, UidValidity = uidValidity, Uid = uid, Now = now },
            cancellationToken);

    public async Task<bool> ExistsAsync(string mailbox, long uidValidity, long uid, CancellationToken cancellationToken) =>
        await ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM mail_inbound WHERE mailbox = @Mailbox AND uid_validity = @UidValidity AND uid = @Uid",
            new { Mailbox = mailbox, UidValidity = uidValidity, Uid = uid },
            cancellationToken) > 0;

    public async Task<bool> SeenUnderOtherValidityAsync(string mailbox, string rawSha256, long uidValidity, CancellationToken cancellationToken) =>
        await ExecuteScalarAsync<long>(
            "SELECT COUNT(*) FROM mail_inbound WHERE mailbox = @Mailbox AND raw_sha256 = @Hash AND uid_validity <> @UidValidity",
            new { Mailbox = mailbox, Hash = rawSha256, UidValidity = uidValidity },
            cancellationToken) > 0;

    public Task AddAsync(NewInboundMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        return ExecuteAsync(
            """
            INSERT INTO mail_inbound (id, mailbox, uid_validity, uid, raw, raw_sha256, raw_complete, message_id, from_address, subject,
                                      sent_at, size, classification, status, hold_reason, note, received_at)
            VALUES (@Id, @Mailbox, @UidValidity, @Uid, @Raw, @RawSha256, @RawComplete, @MessageId, @From, @Subject,
                    @SentAt, @Size, @Classification, @Status, @HoldReason, @Note, @ReceivedAt)
            """,
            mail,
            cancellationToken);
    }

    public Task AddMatchAsync(Guid inboundId, Guid requestId, string method, string? evidence, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync(
            """
            INSERT INTO mail_inbound_match (inbound_id, request_id, method, evidence, matched_at)
            VALUES (@InboundId, @RequestId, @Method, @Evidence, @At)
            ON CONFLICT (inbound_id, request_id) DO NOTHING
            """,
            new { InboundId = inboundId, RequestId = requestId, Method = method, Evidence = evidence, At = at },
            cancellationToken);

    public Task AddAttachmentAsync(NewInboundAttachment attachment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        return ExecuteAsync(
            """
            INSERT INTO mail_inbound_attachment (id, inbound_id, position, file_name, declared_type, sniffed_type, size, sha256, bytes, refused_reason)
            VALUES (@Id, @InboundId, @Position, @FileName, @DeclaredType, @SniffedType, @Size, @Sha256, @Bytes, @RefusedReason)
            """,
            attachment,
            cancellationToken);
    }

    public Task<Guid?> FindRequestOfSentMailAsync(string messageId, CancellationToken cancellationToken) =>
        QuerySingleOrDefaultAsync<Guid?>(
            "SELECT request_id FROM mail_outgoing WHERE message_id = @MessageId AND request_id IS NOT NULL",
            new { MessageId = messageId.Trim().Trim('<', '>') },
            cancellationToken);

    public async Task<bool> MarkSentMailBouncedAsync(string messageId, string diagnostic, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            "UPDATE mail_outgoing SET status = 'bounced', last_error = @Diagnostic WHERE message_id = @MessageId",
            new { MessageId = messageId.Trim().Trim('<', '>'), Diagnostic = diagnostic },
            cancellationToken) > 0;

    public Task<Guid?> FindRequestIdAsync(string requestNumber, CancellationToken cancellationToken) =>
        QuerySingleOrDefaultAsync<Guid?>("SELECT id FROM requests WHERE number = @Number", new { Number = requestNumber }, cancellationToken);

    public Task MarkAssignedAsync(Guid inboundId, string classification, string assignedBy, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "UPDATE mail_inbound SET status = 'assigned', classification = @Classification, assigned_by = @AssignedBy, assigned_at = @At WHERE id = @Id",
            new { Id = inboundId, Classification = classification, AssignedBy = assignedBy, At = at },
            cancellationToken);

    public async Task<PagedResult<InboundMailSummary>> ListAsync(string? status, int page, int pageSize, CancellationToken cancellationToken)
    {
        var filter = status is null ? string.Empty : "WHERE status = @Status";
        var total = await ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM mail_inbound {filter}", new { Status = status }, cancellationToken);
        var rows = await QueryAsync<SummaryRow>(
            $"SELECT {SummaryColumns} FROM mail_inbound {filter} ORDER BY received_at DESC, id DESC LIMIT @Limit OFFSET @Offset",
            new { Status = status, Limit = pageSize, Offset = (page - 1) * pageSize },
            cancellationToken);
        return new PagedResult<InboundMailSummary>(rows.Select(row => row.ToSummary()).ToList(), page, pageSize, total);
    }

    public async Task<InboundMailDetails?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var row = await QuerySingleOrDefaultAsync<DetailRow>(
            $"""
            SELECT {SummaryColumns}, message_id AS {nameof(DetailRow.MessageId)}, raw_complete AS {nameof(DetailRow.RawComplete)},
                   note AS {nameof(DetailRow.Note)}, assigned_at AS {nameof(DetailRow.AssignedAt)}, assigned_by AS {nameof(DetailRow.AssignedBy)}
            FROM mail_inbound WHERE id = @Id
            """,
            new { Id = id },
            cancellationToken);
        if (row is null)
            return null;
        var matches = await QueryAsync<MatchRow>(
            $"""
            SELECT m.request_id AS {nameof(MatchRow.RequestId)}, r.number AS {nameof(MatchRow.RequestNumber)}, m.method AS {nameof(MatchRow.Method)},
                   m.evidence AS {nameof(MatchRow.Evidence)}, m.matched_at AS {nameof(MatchRow.MatchedAt)}
            FROM mail_inbound_match m JOIN requests r ON r.id = m.request_id
            WHERE m.inbound_id = @Id ORDER BY r.number
            """,
            new { Id = id },
            cancellationToken);
        var attachments = await QueryAsync<AttachmentRow>(
            $"""
            SELECT id AS {nameof(AttachmentRow.Id)}, file_name AS {nameof(AttachmentRow.FileName)}, declared_type AS {nameof(AttachmentRow.DeclaredType)},
                   sniffed_type AS {nameof(AttachmentRow.SniffedType)}, size AS {nameof(AttachmentRow.Size)}, sha256 AS {nameof(AttachmentRow.Sha256)},
                   CASE WHEN bytes IS NULL THEN 0 ELSE 1 END AS {nameof(AttachmentRow.Stored)}, refused_reason AS {nameof(AttachmentRow.RefusedReason)}
            FROM mail_inbound_attachment WHERE inbound_id = @Id ORDER BY position
            """,
            new { Id = id },
            cancellationToken);
        return new InboundMailDetails(
            row.Id, row.MessageId, row.FromAddress, row.Subject, row.SentAt, row.ReceivedAt, row.Size, row.RawComplete, row.Classification,
            row.Status, row.HoldReason, row.Note, row.AssignedAt, row.AssignedBy,
            matches.Select(match => new InboundMatchDto(match.RequestId, match.RequestNumber, match.Method, match.Evidence, match.MatchedAt)).ToList(),
            attachments.Select(attachment => new InboundAttachmentDto(
                attachment.Id, attachment.FileName, attachment.DeclaredType, attachment.SniffedType, attachment.Size, attachment.Sha256,
                attachment.Stored == 1, attachment.RefusedReason)).ToList());
    }

    public Task<byte[]?> GetRawAsync(Guid id, CancellationToken cancellationToken) =>
        QuerySingleOrDefaultAsync<byte[]?>("SELECT raw FROM mail_inbound WHERE id = @Id", new { Id = id }, cancellationToken);

    public async Task<InboundAttachmentContent?> GetAttachmentAsync(Guid id, Guid attachmentId, CancellationToken cancellationToken)
    {
        var row = await QuerySingleOrDefaultAsync<ContentRow>(
            $"""
            SELECT id AS {nameof(ContentRow.Id)}, file_name AS {nameof(ContentRow.FileName)}, sniffed_type AS {nameof(ContentRow.SniffedType)},
                   bytes AS {nameof(ContentRow.Bytes)}, refused_reason AS {nameof(ContentRow.RefusedReason)}
            FROM mail_inbound_attachment WHERE inbound_id = @Id AND id = @AttachmentId
            """,
            new { Id = id, AttachmentId = attachmentId },
            cancellationToken);
        return row is null ? null : new InboundAttachmentContent(row.Id, row.FileName, row.SniffedType, row.Bytes, row.RefusedReason);
    }

    private sealed class PositionRow
    {
        public string Mailbox { get; init; } = "";
        public long UidValidity { get; init; }
        public long LastUid { get; init; }
    }

    private class SummaryRow
    {
        public Guid Id { get; init; }
        public string? FromAddress { get; init; }
        public string? Subject { get; init; }
        public DateTimeOffset? SentAt { get; init; }
        public DateTimeOffset ReceivedAt { get; init; }
        public long Size { get; init; }
        public string Classification { get; init; } = "";
        public string Status { get; init; } = "";
        public string? HoldReason { get; init; }

        public InboundMailSummary ToSummary() => new(Id, FromAddress, Subject, SentAt, ReceivedAt, Size, Classification, Status, HoldReason);
    }

    private sealed class DetailRow : SummaryRow
    {
        public string? MessageId { get; init; }
        public bool RawComplete { get; init; }
        public string? Note { get; init; }
        public DateTimeOffset? AssignedAt { get; init; }
        public string? AssignedBy { get; init; }
    }

    private sealed class MatchRow
    {
        public Guid RequestId { get; init; }
        public string RequestNumber { get; init; } = "";
        public string Method { get; init; } = "";
        public string? Evidence { get; init; }
        public DateTimeOffset MatchedAt { get; init; }
    }

    private sealed class AttachmentRow
    {
        public Guid Id { get; init; }
        public string? FileName { get; init; }
        public string DeclaredType { get; init; } = "";
        public string SniffedType { get; init; } = "";
        public long Size { get; init; }
        public string Sha256 { get; init; } = "";
        public int Stored { get; init; }
        public string? RefusedReason { get; init; }
    }

    private sealed class ContentRow
    {
        public Guid Id { get; init; }
        public string? FileName { get; init; }
        public string SniffedType { get; init; } = "";
        public byte[]? Bytes { get; init; }
        public string? RefusedReason { get; init; }
    }
}

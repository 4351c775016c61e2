using System.Text.Json;
using FoiTracker.Application.Common.Models;
using FoiTracker.Application.Mail;
using FoiTracker.Domain.Common;
using FoiTracker.Infrastructure.Mail;

namespace FoiTracker.Infrastructure.Persistence.Repositories;

/// <summary>The mail_outgoing rows: written by the outbox dispatch, taken one at a time by the sender, listed for staff.</summary>
public sealed class OutgoingMailRepository(DbSession session, MailSettings settings, MailSendingSettings sending)
    : SqlRepository(session), IOutgoingMailStore
{
    private const int MaxErrorLength = 2000;

    /// <summary>This process, as a claim names it: host and process id.</summary>
    private static readonly string Node = $"{Environment.MachineName}:{Environment.ProcessId}";

    private const string Columns =
        $"""
        m.id AS {nameof(Row.Id)}, m.request_id AS {nameof(Row.RequestId)}, r.number AS {nameof(Row.Number)}, m.kind AS {nameof(Row.Kind)},
        m.message_id AS {nameof(Row.MessageId)}, m.from_address AS {nameof(Row.FromAddress)}, m.to_address AS {nameof(Row.ToAddress)},
        m.reply_to AS {nameof(Row.ReplyTo)}, m.subject AS {nameof(Row.Subject)}, m.text_body AS {nameof(Row.TextBody)},
        m.language AS {nameof(Row.Language)}, m.attachments AS {nameof(Row.Attachments)}, m.status AS {nameof(Row.Status)},
        m.attempts AS {nameof(Row.Attempts)}, m.created_at AS {nameof(Row.CreatedAt)}, m.available_at AS {nameof(Row.AvailableAt)},
        m.sent_at AS {nameof(Row.SentAt)}, m.last_error AS {nameof(Row.LastError)}, m.transport_ref AS {nameof(Row.TransportRef)},
        m.retried_at AS {nameof(Row.RetriedAt)}, m.claimed_by AS {nameof(Row.ClaimedBy)}
        FROM mail_outgoing m LEFT JOIN requests r ON r.id = m.request_id
        """;

    public async Task<bool> EnqueueAsync(NewOutgoingMail mail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mail);
        var id = Uuid7.New();
        var at = mail.CreatedAt.ToUniversalTime();
        var written = await ExecuteAsync(
            """
            INSERT INTO mail_outgoing (id, dedup_key, request_id, kind, message_id, from_address, to_address, reply_to, subject,
                                       text_body, language, attachments, status, attempts, created_at, available_at)
            VALUES (@Id, @DedupKey, @RequestId, @Kind, @MessageId, @From, @To, @ReplyTo, @Subject,
                    @TextBody, @Language, @Attachments, 'pending', 0, @At, @AvailableAt)
            ON CONFLICT (dedup_key) DO NOTHING
            """,
            new
            {
                Id = id,
                mail.DedupKey,
                mail.RequestId,
                mail.Kind,
                // Stored without angle brackets; fixed now, so a re-send carries the same one.
                MessageId = $"{id:N}@{settings.Domain}",
                From = settings.From.ToString(),
                mail.To,
                mail.ReplyTo,
                mail.Subject,
                mail.TextBody,
                mail.Language,
                Attachments = JsonSerializer.Serialize(mail.Attachments),
                At = at,
                AvailableAt = (mail.AvailableAt ?? mail.CreatedAt).ToUniversalTime(),
            },
            cancellationToken);
        return written == 1;
    }

    public async Task<PendingMail?> ClaimNextAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        // SKIP LOCKED: two nodes sending at once each take a different row. SQLite has one writer.
        var lockClause = Session.Provider == DatabaseProvider.Postgres ? "FOR UPDATE OF m SKIP LOCKED" : string.Empty;
        var parameters = new { Now = now.ToUniversalTime(), Stale = (now - sending.SendingLease).ToUniversalTime() };
        // The condition is the in-flight index's, so the look for claims that ran out reads only that small index.
        var row = await QuerySingleOrDefaultAsync<Row>(
                $"""
                SELECT {Columns}
                WHERE (m.status = 'sending' OR (m.sent_at IS NOT NULL AND m.recorded_at IS NULL)) AND m.claimed_at <= @Stale
                ORDER BY m.claimed_at, m.id
                LIMIT 1
                {lockClause}
                """,
                parameters,
                cancellationToken)
            ?? await QuerySingleOrDefaultAsync<Row>(
                $"""
                SELECT {Columns}
                WHERE m.status = 'pending' AND m.available_at <= @Now
                ORDER BY m.available_at, m.id
                LIMIT 1
                {lockClause}
                """,
                parameters,
                cancellationToken);
        if (row is null)
            return null;

        var claim = row.Status switch
        {
            MailStatus.Pending => MailClaim.Due,
            MailStatus.Sending => MailClaim.CutShort,
            _ => MailClaim.AcceptedNotRecorded,
        };
        await ExecuteAsync(
            """
            UPDATE mail_outgoing
            SET status = CASE WHEN status = 'pending' THEN 'sending' ELSE status END,
                claimed_at = @Now, claimed_by = @Node, resends = resends + @Resend
            WHERE id = @Id
            """,
            new { row.Id, Now = now.ToUniversalTime(), Node, Resend = claim == MailClaim.CutShort ? 1 : 0 },
            cancellationToken);
        return new PendingMail(row.Id, row.RequestId, row.Number, row.Kind, row.MessageId, row.FromAddress, row.ToAddress, row.ReplyTo,
            row.Subject, row.TextBody, row.Language, AttachmentIds(row.Attachments), row.Attempts, row.CreatedAt, row.RetriedAt,
            claim, claim == MailClaim.Due ? null : row.ClaimedBy);
    }

    public async Task<bool> MarkSentAsync(Guid id, DateTimeOffset at, string? transportRef, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            """
            UPDATE mail_outgoing SET status = 'sent', sent_at = @At, attempts = attempts + 1, last_error = NULL, transport_ref = @Ref
            WHERE id = @Id AND status = 'sending'
            """,
            new { Id = id, At = at.ToUniversalTime(), Ref = Clip(transportRef) },
            cancellationToken) == 1;

    public Task MarkRecordedAsync(Guid id, DateTimeOffset at, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE mail_outgoing SET recorded_at = @At WHERE id = @Id", new { Id = id, At = at.ToUniversalTime() }, cancellationToken);

    public Task ReplaceTextAsync(Guid id, string textBody, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE mail_outgoing SET text_body = @TextBody WHERE id = @Id", new { Id = id, TextBody = textBody }, cancellationToken);

    public Task RetryLaterAsync(Guid id, string error, DateTimeOffset retryAt, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "UPDATE mail_outgoing SET status = 'pending', attempts = attempts + 1, last_error = @Error, available_at = @RetryAt WHERE id = @Id",
            new { Id = id, Error = Clip(error), RetryAt = retryAt.ToUniversalTime() },
            cancellationToken);

    public Task MarkFailedAsync(Guid id, string error, CancellationToken cancellationToken) =>
        ExecuteAsync(
            "UPDATE mail_outgoing SET status = 'failed', attempts = attempts + 1, last_error = @Error WHERE id = @Id",
            new { Id = id, Error = Clip(error) },
            cancellationToken);

    public async Task<bool> MakeSendableAgainAsync(Guid id, DateTimeOffset now, CancellationToken cancellationToken) =>
        await ExecuteAsync(
            """
            UPDATE mail_outgoing SET status = 'pending', available_at = @Now, retried_at = @Now
            WHERE id = @Id AND status = 'failed' AND sent_at IS NULL
            """,
            new { Id = id, Now = now.ToUniversalTime() },
            cancellationToken) == 1;

    public async Task<PagedResult<OutgoingMailDto>> ListAsync(OutgoingMailFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var conditions = new List<string>();
        if (filter.Status is not null)
            conditions.Add("m.status = @Status");
        if (filter.RequestId is not null)
            conditions.Add("m.request_id = @RequestId");
        if (filter.Number is not null)
            conditions.Add("r.number = @Number");
        var where = conditions.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", conditions);
        var parameters = new
        {
            filter.Status,
            filter.RequestId,
            filter.Number,
            Limit = filter.PageSize,
            Offset = (long)(filter.Page - 1) * filter.PageSize,
        };
        var total = await ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM mail_outgoing m LEFT JOIN requests r ON r.id = m.request_id {where}", parameters, cancellationToken);
        var rows = await QueryAsync<Row>($"SELECT {Columns} {where} ORDER BY m.created_at DESC, m.id DESC LIMIT @Limit OFFSET @Offset", parameters, cancellationToken);
        return new PagedResult<OutgoingMailDto>(rows.Select(ToDto).ToList(), filter.Page, filter.PageSize, total);
    }

    public async Task<OutgoingMailDetailsDto?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        var row = await QuerySingleOrDefaultAsync<Row>($"SELECT {Columns} WHERE m.id = @Id", new { Id = id }, cancellationToken);
        return row is null ? null : new OutgoingMailDetailsDto(ToDto(row), row.FromAddress, row.TextBody, AttachmentIds(row.Attachments));
    }

    public async Task<DateTimeOffset?> LastDigestAtAsync(CancellationToken cancellationToken) =>
        (await QueryAsync<DateTimeOffset>(
            "SELECT created_at FROM mail_outgoing WHERE kind = @Kind ORDER BY created_at DESC LIMIT 1",
            new { Kind = MailKinds.Digest },
            cancellationToken)) is [var last] ? last : null;

    public async Task<IReadOnlyList<StaffNotice>> StaffNoticesAsync(DateTimeOffset since, DateTimeOffset until, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync<NoticeRow>(
            $"""
            SELECT o.request_id AS {nameof(NoticeRow.RequestId)}, r.number AS {nameof(NoticeRow.Number)}, r.subject AS {nameof(NoticeRow.Subject)},
                   r.body_key AS {nameof(NoticeRow.BodyKey)}, o.name AS {nameof(NoticeRow.Name)}, o.created_at AS {nameof(NoticeRow.At)}
            FROM outbox o LEFT JOIN requests r ON r.id = o.request_id
            WHERE o.kind = 'notify' AND o.recipient = 'staff' AND o.dispatched_at > @Since AND o.dispatched_at <= @Until
            ORDER BY o.created_at, o.id
            """,
            new { Since = since.ToUniversalTime(), Until = until.ToUniversalTime() },
            cancellationToken);
        return rows.Select(row => new StaffNotice(row.RequestId, row.Number, row.Subject, row.BodyKey, row.Name, row.At)).ToList();
    }

    public Task<IReadOnlyList<string>> StaffAddressesAsync(CancellationToken cancellationToken) =>
        QueryAsync<string>("SELECT email FROM users WHERE role IN ('staff', 'admin') ORDER BY email", null, cancellationToken);

    private static OutgoingMailDto ToDto(Row row) =>
        new(row.Id, row.RequestId, row.Number, row.Kind, row.ToAddress, row.ReplyTo, row.Subject, row.Language, row.Status, row.Attempts,
            row.LastError, row.CreatedAt, row.AvailableAt, row.SentAt, row.MessageId,
            row.TransportRef is { } reference && reference.EndsWith(".eml", StringComparison.Ordinal) ? reference : null,
            AttachmentIds(row.Attachments).Count);

    private static List<Guid> AttachmentIds(string json) => JsonSerializer.Deserialize<List<Guid>>(json) ?? [];

    private static string? Clip(string? text) => text is { Length: > MaxErrorLength } ? text[..MaxErrorLength] : text;

    private sealed class Row
    {
        public Guid Id { get; init; }
        public Guid? RequestId { get; init; }
        public string? Number { get; init; }
        public string Kind { get; init; } = "";
        public string MessageId { get; init; } = "";
        public string FromAddress { get; init; } = "";
        public string ToAddress { get; init; } = "";
        public string? ReplyTo { get; init; }
        public string Subject { get; init; } = "";
        public string TextBody { get; init; } = "";
        public string Language { get; init; } = "";
        public string Attachments { get; init; } = "[]";
        public string Status { get; init; } = "";
        public int Attempts { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset AvailableAt { get; init; }
        public DateTimeOffset? SentAt { get; init; }
        public string? LastError { get; init; }
        public string? TransportRef { get; init; }
        public DateTimeOffset? RetriedAt { get; init; }
        public string? ClaimedBy { get; init; }
    }

    private sealed class NoticeRow
    {
        public Guid? RequestId { get; init; }
        public string? Number { get; init; }
        public string? Subject { get; init; }
        public string? BodyKey { get; init; }
        public string Name { get; init; } = "";
        public DateTimeOffset At { get; init; }
    }
}

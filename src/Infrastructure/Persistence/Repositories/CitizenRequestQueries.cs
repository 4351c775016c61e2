using FoiTracker.Application.Common.Models;
using FoiTracker.Application.Requests.Citizen;

namespace FoiTracker.Infrastructure.Persistence.Repositories;

/// <summary>The citizen pages' reads, in SQL both databases run: each a fixed number of statements, whatever the row count.</summary>
public sealed class CitizenRequestQueries(DbSession session) : SqlRepository(session), ICitizenRequestQueries
{
    public async Task<Guid?> FindIdAsync(string number, CancellationToken cancellationToken) =>
        await QuerySingleOrDefaultAsync<Guid?>("SELECT id FROM requests WHERE number = @Number", new { Number = number }, cancellationToken);

    public async Task<PagedResult<MyRequestRow>> MineAsync(Guid owner, int page, int pageSize, CancellationToken cancellationToken)
    {
        var total = await ExecuteScalarAsync<long>("SELECT COUNT(*) FROM requests WHERE owner_id = @Owner", new { Owner = owner }, cancellationToken);
        // The nearest deadline still running (request_deadlines keeps each with its status); ties by key, so the page is stable.
        var rows = await QueryAsync<MineRow>(
            $"""
            SELECT r.id AS {nameof(MineRow.Id)}, r.number AS {nameof(MineRow.Number)}, r.body_key AS {nameof(MineRow.BodyKey)},
                   r.statute_id AS {nameof(MineRow.Statute)}, r.statute_version AS {nameof(MineRow.StatuteVersion)}, r.stage AS {nameof(MineRow.Stage)},
                   r.subject AS {nameof(MineRow.Subject)}, r.created_at AS {nameof(MineRow.CreatedAt)},
                   (SELECT d.key FROM request_deadlines d WHERE d.request_id = r.id AND d.status = 'open' ORDER BY d.due, d.key LIMIT 1) AS {nameof(MineRow.NextDeadlineKey)},
                   (SELECT d.due FROM request_deadlines d WHERE d.request_id = r.id AND d.status = 'open' ORDER BY d.due, d.key LIMIT 1) AS {nameof(MineRow.NextDeadlineDue)}
            FROM requests r
            WHERE r.owner_id = @Owner
            ORDER BY r.created_at DESC, r.number DESC
            LIMIT @Limit OFFSET @Offset
            """,
            new { Owner = owner, Limit = pageSize, Offset = (long)(page - 1) * pageSize },
            cancellationToken);
        return new PagedResult<MyRequestRow>(
            rows.Select(row => new MyRequestRow(row.Id, row.Number, row.BodyKey, row.Statute, row.StatuteVersion, row.Stage, row.Subject,
                row.CreatedAt, row.NextDeadlineKey, row.NextDeadlineDue)).ToList(),
            page, pageSize, total);
    }

    public async Task<IReadOnlyList<SimilarRequestRow>> SimilarAsync(
        string bodyKey, IReadOnlyList<string> words, IReadOnlyCollection<string> unsentStages, int latest, int limit, CancellationToken cancellationToken)
    {
        var parameters = new Dapper.DynamicParameters(new { BodyKey = bodyKey, Latest = latest, Limit = limit });
        var stages = unsentStages.Select((stage, index) =>
        {
            parameters.Add($"s{index}", stage);
            return $"@s{index}";
        }).ToList();
        // A word matches anywhere in the subject; LIKE's own wildcards in a word are taken literally.
        var matches = words.Select((word, index) =>
        {
            parameters.Add($"w{index}", "%" + word.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%");
            return $"LOWER(r.subject) LIKE @w{index} ESCAPE '\\'";
        }).ToList();
        var conditions = new List<string>();
        if (stages.Count > 0)
            conditions.Add($"r.stage NOT IN ({string.Join(", ", stages)})");
        if (matches.Count > 0)
            conditions.Add($"({string.Join(" OR ", matches)})");
        var rows = await QueryAsync<SimilarRow>(
            $"""
            SELECT r.id AS {nameof(SimilarRow.Id)}, r.number AS {nameof(SimilarRow.Number)}, r.statute_id AS {nameof(SimilarRow.Statute)},
                   r.stage AS {nameof(SimilarRow.Stage)}, r.subject AS {nameof(SimilarRow.Subject)}, r.submitted_at AS {nameof(SimilarRow.SubmittedAt)}
            FROM (SELECT id, number, statute_id, stage, subject, submitted_at, created_at FROM requests
                  WHERE body_key = @BodyKey ORDER BY created_at DESC, number DESC LIMIT @Latest) r
            {(conditions.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", conditions))}
            ORDER BY r.created_at DESC, r.number DESC
            LIMIT @Limit
            """,
            parameters,
            cancellationToken);
        return rows.Select(row => new SimilarRequestRow(row.Id, row.Number, row.Statute, row.Stage, row.Subject, row.SubmittedAt)).ToList();
    }

    public async Task<IReadOnlyList<SentMailRow>> SentMailAsync(Guid requestId, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync<SentRow>(
            $"""
            SELECT id AS {nameof(SentRow.Id)}, kind AS {nameof(SentRow.Kind)}, to_address AS {nameof(SentRow.ToAddress)}, subject AS {nameof(SentRow.Subject)},
                   status AS {nameof(SentRow.Status)}, created_at AS {nameof(SentRow.CreatedAt)}, sent_at AS {nameof(SentRow.SentAt)}
            FROM mail_outgoing WHERE request_id = @Id ORDER BY created_at, id
            """,
            new { Id = requestId },
            cancellationToken);
        return rows.Select(row => new SentMailRow(row.Id, row.Kind, row.ToAddress, row.Subject, row.Status, row.CreatedAt, row.SentAt)).ToList();
    }

    public async Task<IReadOnlyList<ReceivedMailRow>> ReceivedMailAsync(Guid requestId, CancellationToken cancellationToken)
    {
        var mails = await QueryAsync<ReceivedRow>(
            $"""
            SELECT i.id AS {nameof(ReceivedRow.Id)}, i.from_address AS {nameof(ReceivedRow.FromAddress)}, i.subject AS {nameof(ReceivedRow.Subject)},
                   i.sent_at AS {nameof(ReceivedRow.Date)}, i.received_at AS {nameof(ReceivedRow.ReceivedAt)}
            FROM mail_inbound i JOIN mail_inbound_match m ON m.inbound_id = i.id
            WHERE m.request_id = @Id ORDER BY i.received_at, i.id
            """,
            new { Id = requestId },
            cancellationToken);
        var attachments = await QueryAsync<AttachmentRow>(
            $"""
            SELECT a.id AS {nameof(AttachmentRow.Id)}, a.inbound_id AS {nameof(AttachmentRow.InboundId)}, a.file_name AS {nameof(AttachmentRow.FileName)},
                   a.sniffed_type AS {nameof(AttachmentRow.SniffedType)}, a.size AS {nameof(AttachmentRow.Size)},
                   CASE WHEN a.bytes IS NULL THEN 0 ELSE 1 END AS {nameof(AttachmentRow.Stored)}
            FROM mail_inbound_attachment a JOIN mail_inbound_match m ON m.inbound_id = a.inbound_id
            WHERE m.request_id = @Id ORDER BY a.inbound_id, a.position
            """,
            new { Id = requestId },
            cancellationToken);
        var byMail = attachments.ToLookup(row => row.InboundId);
        return mails.Select(mail => new ReceivedMailRow(mail.Id, mail.FromAddress, mail.Subject, mail.Date, mail.ReceivedAt)
            {
                Attachments = byMail[mail.Id].Select(a => new ReceivedAttachmentRow(a.Id, a.InboundId, a.FileName, a.SniffedType, a.Size, a.Stored != 0)).ToList(),
            })
            .ToList();
    }

    public async Task<Guid?> MailOfAttachmentAsync(Guid requestId, Guid attachmentId, CancellationToken cancellationToken) =>
        await QuerySingleOrDefaultAsync<Guid?>(
            """
            SELECT a.inbound_id FROM mail_inbound_attachment a JOIN mail_inbound_match m ON m.inbound_id = a.inbound_id
            WHERE a.id = @AttachmentId AND m.request_id = @RequestId
            """,
            new { RequestId = requestId, AttachmentId = attachmentId },
            cancellationToken);

    private sealed class MineRow
    {
        public Guid Id { get; init; }
        public string Number { get; init; } = "";
        public string BodyKey { get; init; } = "";
        public string Statute { get; init; } = "";
        public int StatuteVersion { get; init; }
        public string Stage { get; init; } = "";
        public string Subject { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public string? NextDeadlineKey { get; init; }
        public DateOnly? NextDeadlineDue { get; init; }
    }

    private sealed class SimilarRow
    {
        public Guid Id { get; init; }
        public string Number { get; init; } = "";
        public string Statute { get; init; } = "";
        public string Stage { get; init; } = "";
        public string Subject { get; init; } = "";
        public DateTimeOffset? SubmittedAt { get; init; }
    }

    private sealed class SentRow
    {
        public Guid Id { get; init; }
        public string Kind { get; init; } = "";
        public string ToAddress { get; init; } = "";
        public string Subject { get; init; } = "";
        public string Status { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? SentAt { get; init; }
    }

    private sealed class ReceivedRow
    {
        public Guid Id { get; init; }
        public string? FromAddress { get; init; }
        public string? Subject { get; init; }
        public DateTimeOffset? Date { get; init; }
        public DateTimeOffset ReceivedAt { get; init; }
    }

    private sealed class AttachmentRow
    {
        public Guid Id { get; init; }
        public Guid InboundId { get; init; }
        public string? FileName { get; init; }
        public string SniffedType { get; init; } = "";
        public long Size { get; init; }
        public long Stored { get; init; }
    }
}

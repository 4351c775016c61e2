using Dapper;
using FoiTracker.Application.Common.Models;
using FoiTracker.Application.Requests.Publication;

namespace FoiTracker.Infrastructure.Persistence.Repositories;

/// <summary>The public side of requests: the requester's name choice, staff's redactions, a body's sent requests and their newest entries.</summary>
public sealed class PublicRequestStore(DbSession session) : SqlRepository(session), IPublicRequestStore
{
    /// <summary>
    /// A body's newest entries come from the requests whose stage moved last: an answer, a complaint,
    /// a court's decision each move the stage, so an old request that moves is among them. Reading
    /// this many requests per entry wanted keeps the feed's cost the same however many requests the
    /// body has; a note that moves nothing on a request far down that order can be left out.
    /// </summary>
    private const int CandidatesPerEntry = 4;

    // A boolean column is INTEGER in SQLite and boolean in PostgreSQL; CASE reads both the same way.
    private const string PublicationColumns =
        $"id AS {nameof(PublicationRow.Id)}, number AS {nameof(PublicationRow.Number)}, owner_id AS {nameof(PublicationRow.OwnerId)}, " +
        $"CASE WHEN requester_name_public THEN 1 ELSE 0 END AS {nameof(PublicationRow.NamePublic)}";

    private const string RedactionColumns =
        $"request_id AS {nameof(RedactionRow.RequestId)}, seq AS {nameof(RedactionRow.Seq)}, redacted_text AS {nameof(RedactionRow.RedactedText)}, " +
        $"reason AS {nameof(RedactionRow.Reason)}, redacted_by AS {nameof(RedactionRow.RedactedBy)}, redacted_at AS {nameof(RedactionRow.RedactedAt)}";

    public async Task<RequestPublication?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        (await QuerySingleOrDefaultAsync<PublicationRow>($"SELECT {PublicationColumns} FROM requests WHERE id = @Id", new { Id = id }, cancellationToken))?.ToPublication();

    public async Task<RequestPublication?> FindAsync(string number, CancellationToken cancellationToken) =>
        (await QuerySingleOrDefaultAsync<PublicationRow>($"SELECT {PublicationColumns} FROM requests WHERE number = @Number", new { Number = number }, cancellationToken))?.ToPublication();

    public Task SetNamePublicAsync(Guid id, bool show, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE requests SET requester_name_public = @Show WHERE id = @Id", new { Id = id, Show = show }, cancellationToken);

    public async Task<bool> TimelineEntryExistsAsync(Guid id, int seq, CancellationToken cancellationToken) =>
        await ExecuteScalarAsync<long>("SELECT COUNT(*) FROM timeline WHERE request_id = @Id AND seq = @Seq", new { Id = id, Seq = seq }, cancellationToken) > 0;

    public Task SaveRedactionAsync(TimelineRedaction redaction, CancellationToken cancellationToken) =>
        ExecuteAsync(
            """
            INSERT INTO timeline_redactions (request_id, seq, redacted_text, reason, redacted_by, redacted_at)
            VALUES (@RequestId, @Seq, @RedactedText, @Reason, @RedactedBy, @RedactedAt)
            ON CONFLICT (request_id, seq) DO UPDATE SET
                redacted_text = excluded.redacted_text, reason = excluded.reason, redacted_by = excluded.redacted_by, redacted_at = excluded.redacted_at
            """,
            redaction,
            cancellationToken);

    public async Task<IReadOnlyList<TimelineRedaction>> RedactionsAsync(Guid id, CancellationToken cancellationToken) =>
        [.. (await QueryAsync<RedactionRow>($"SELECT {RedactionColumns} FROM timeline_redactions WHERE request_id = @Id ORDER BY seq", new { Id = id }, cancellationToken))
            .Select(row => new TimelineRedaction(row.RequestId, row.Seq, row.RedactedText, row.Reason, row.RedactedBy, row.RedactedAt))];

    public async Task<PagedResult<PublicRequestSummaryDto>> ListSentAsync(
        string bodyKey, IReadOnlyCollection<string> unsentStages, int page, int pageSize, int countedUpTo, CancellationToken cancellationToken)
    {
        var offset = (long)(page - 1) * pageSize;
        // Counting all of the busiest body's requests takes longer than the page may: the count stops one past the limit,
        // or one past the page asked for when that is further, so a later page is always offered when there is one.
        var parameters = new DynamicParameters(new { Body = bodyKey, Limit = pageSize, Offset = offset, CountLimit = Math.Max(countedUpTo, offset + pageSize) + 1 });
        var where = $"r.body_key = @Body AND r.submitted_at IS NOT NULL AND {NotIn("r.stage", unsentStages, parameters)}";
        var total = await ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM (SELECT 1 FROM requests r WHERE {where} LIMIT @CountLimit) counted", parameters, cancellationToken);
        var rows = await QueryAsync<SummaryRow>(
            $"""
            SELECT r.number AS {nameof(SummaryRow.Number)}, r.subject AS {nameof(SummaryRow.Subject)}, r.stage AS {nameof(SummaryRow.Stage)},
                   r.outcome AS {nameof(SummaryRow.Outcome)}, r.submitted_at AS {nameof(SummaryRow.SubmittedAt)},
                   r.requester_name AS {nameof(SummaryRow.RequesterName)}, CASE WHEN r.requester_name_public THEN 1 ELSE 0 END AS {nameof(SummaryRow.NamePublic)}
            FROM requests r WHERE {where}
            ORDER BY r.submitted_at DESC
            LIMIT @Limit OFFSET @Offset
            """,
            parameters,
            cancellationToken);
        return new PagedResult<PublicRequestSummaryDto>(
            [.. rows.Select(row => new PublicRequestSummaryDto(
                row.Number, PublicTimeline.Clean(row.Subject, row.RequesterName, row.NamePublic != 0)!, row.Stage, row.Outcome, row.SubmittedAt))],
            page, pageSize, total);
    }

    public async Task<IReadOnlyList<BodyActivityRow>> RecentActivityAsync(
        string bodyKey, IReadOnlyCollection<string> unsentStages, int limit, CancellationToken cancellationToken)
    {
        var parameters = new DynamicParameters(new { Body = bodyKey, Limit = limit, Candidates = limit * CandidatesPerEntry });
        var kinds = PublicTimeline.PublicKinds.Select((kind, index) =>
        {
            parameters.Add($"k{index}", kind);
            return $"t.kind = @k{index}";
        });
        var prefixes = PublicTimeline.PublicPrefixes.Select((prefix, index) =>
        {
            parameters.Add($"p{index}", prefix + "%");
            return $"t.kind LIKE @p{index}";
        });
        var rows = await QueryAsync<ActivityRow>(
            $"""
            SELECT r.id AS {nameof(ActivityRow.RequestId)}, r.number AS {nameof(ActivityRow.Number)}, r.subject AS {nameof(ActivityRow.Subject)},
                   r.requester_name AS {nameof(ActivityRow.RequesterName)}, CASE WHEN r.requester_name_public THEN 1 ELSE 0 END AS {nameof(ActivityRow.NamePublic)},
                   t.seq AS {nameof(ActivityRow.Seq)}, t.at AS {nameof(ActivityRow.At)}, t.kind AS {nameof(ActivityRow.Kind)}, t.actor AS {nameof(ActivityRow.Actor)},
                   t.detail AS {nameof(ActivityRow.Detail)}, x.redacted_text AS {nameof(ActivityRow.RedactedText)}, x.reason AS {nameof(ActivityRow.Reason)},
                   x.redacted_by AS {nameof(ActivityRow.RedactedBy)}, x.redacted_at AS {nameof(ActivityRow.RedactedAt)}
            FROM (
                SELECT id FROM requests
                WHERE body_key = @Body AND stage_entered_at IS NOT NULL
                ORDER BY stage_entered_at DESC
                LIMIT @Candidates
            ) c
            JOIN requests r ON r.id = c.id
            JOIN timeline t ON t.request_id = r.id
            LEFT JOIN timeline_redactions x ON x.request_id = t.request_id AND x.seq = t.seq
            WHERE r.submitted_at IS NOT NULL AND {NotIn("r.stage", unsentStages, parameters)}
              AND ({string.Join(" OR ", kinds.Concat(prefixes))})
            ORDER BY t.at DESC, r.number DESC, t.seq DESC
            LIMIT @Limit
            """,
            parameters,
            cancellationToken);
        return [.. rows.Select(row => row.ToActivity())];
    }

    private static string NotIn(string column, IReadOnlyCollection<string> values, DynamicParameters parameters)
    {
        if (values.Count == 0)
            return "1 = 1";
        var names = values.Select((value, index) =>
        {
            parameters.Add($"u{index}", value);
            return $"@u{index}";
        });
        return $"{column} NOT IN ({string.Join(", ", names)})";
    }

    private sealed class PublicationRow
    {
        public Guid Id { get; init; }
        public string Number { get; init; } = "";
        public Guid? OwnerId { get; init; }
        public int NamePublic { get; init; }

        public RequestPublication ToPublication() => new(Id, Number, OwnerId, NamePublic != 0);
    }

    // Dapper binds the database's values to properties through the project's type handlers (a GUID or an instant stored as text in SQLite).
    private sealed class RedactionRow
    {
        public Guid RequestId { get; init; }
        public int Seq { get; init; }
        public string RedactedText { get; init; } = "";
        public string Reason { get; init; } = "";
        public Guid RedactedBy { get; init; }
        public DateTimeOffset RedactedAt { get; init; }
    }

    private sealed class SummaryRow
    {
        public string Number { get; init; } = "";
        public string Subject { get; init; } = "";
        public string Stage { get; init; } = "";
        public string? Outcome { get; init; }
        public DateTimeOffset SubmittedAt { get; init; }
        public string RequesterName { get; init; } = "";
        public int NamePublic { get; init; }
    }

    private sealed class ActivityRow
    {
        public Guid RequestId { get; init; }
        public string Number { get; init; } = "";
        public string Subject { get; init; } = "";
        public string RequesterName { get; init; } = "";
        public int NamePublic { get; init; }
        public int Seq { get; init; }
        public DateTimeOffset At { get; init; }
        public string Kind { get; init; } = "";
        public string Actor { get; init; } = "";
        public string? Detail { get; init; }
        public string? RedactedText { get; init; }
        public string? Reason { get; init; }
        public Guid? RedactedBy { get; init; }
        public DateTimeOffset? RedactedAt { get; init; }

        public BodyActivityRow ToActivity() => new(
            RequestId, Number, Subject, RequesterName, NamePublic != 0, Seq, At, Kind, Actor, Detail,
            RedactedText is null ? null : new TimelineRedaction(RequestId, Seq, RedactedText, Reason!, RedactedBy!.Value, RedactedAt!.Value));
    }
}

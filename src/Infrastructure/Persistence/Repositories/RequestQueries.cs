using FoiTracker.Application.Common.Models;
using FoiTracker.Application.Requests;

namespace FoiTracker.Infrastructure.Persistence.Repositories;

public sealed class RequestQueries(DbSession session) : SqlRepository(session), IRequestQueries
{
    /// <summary>
    /// A request with a mail that was given up or came back, or with a letter or notice that could not
    /// be made at all (an outbox row given up): staff must see to it another way.
    /// </summary>
    internal const string MailProblemSql =
        "(EXISTS (SELECT 1 FROM mail_outgoing m WHERE m.request_id = r.id AND m.status IN ('failed', 'bounced'))" +
        " OR EXISTS (SELECT 1 FROM outbox o WHERE o.request_id = r.id AND o.failed_at IS NOT NULL))";

    /// <summary>Why: the latest effect given up, else the latest mail that failed or bounced.</summary>
    private const string MailProblemReasonSql =
        "COALESCE((SELECT o.last_error FROM outbox o WHERE o.request_id = r.id AND o.failed_at IS NOT NULL ORDER BY o.failed_at DESC LIMIT 1)," +
        " (SELECT m.last_error FROM mail_outgoing m WHERE m.request_id = r.id AND m.status IN ('failed', 'bounced') ORDER BY m.created_at DESC LIMIT 1))";

    public async Task<RequestRecord?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        // The request's own row, read as the repository reads it (one column list, RequestRow).
        var row = await QuerySingleOrDefaultAsync<RequestRow>(RequestRow.Select + " WHERE id = @Id", new { Id = id }, cancellationToken);
        if (row is null)
            return null;
        // Armed timers and deadlines are in the request's row (ADR 012); the timers that fired or were
        // disarmed are in the history.
        var state = StoredWorkflowState.Read(row.Workflow);
        var (armed, deadlines) = state;
        var ended = await QueryAsync<TimerRow>(
            """
            SELECT kind AS Kind, stage AS Stage, due_at AS DueAt, fired_at AS FiredAt, cancelled_at AS CancelledAt, created_at AS ArmedAt
            FROM request_timers WHERE request_id = @Id
            """,
            new { Id = id },
            cancellationToken);
        var timers = ended
            .Concat(armed.Select(timer => new TimerRow { Kind = timer.Kind.Value, Stage = timer.Stage.Value, DueAt = timer.DueAt, ArmedAt = timer.ArmedAt }))
            .OrderBy(timer => timer.DueAt)
            .ThenBy(timer => timer.ArmedAt);
        var timeline = await QueryAsync<TimelineRow>(
            """
            SELECT seq AS Seq, at AS At, kind AS Kind, actor AS Actor, detail AS Detail, from_stage AS FromStage,
                   to_stage AS ToStage, statute_version AS StatuteVersion
            FROM timeline WHERE request_id = @Id ORDER BY seq
            """,
            new { Id = id },
            cancellationToken);
        var forwardedTo = await QueryAsync<Guid>(
            "SELECT id FROM requests WHERE forwarded_from = @Id ORDER BY created_at, id",
            new { Id = id },
            cancellationToken);
        return new RequestRecord(
            row.Id, row.Number, row.BodyKey, row.StatuteId, row.StatuteVersion, row.Stage, row.Outcome, row.Subject, row.Text,
            row.RequesterName, row.RequesterEmail, row.RequesterAddress, row.OwnerId, row.CreatedAt, row.SubmittedAt,
            row.RegistrationNumber, row.RegisteredOn, row.ForwardedFrom, row.OverdueSince,
            deadlines.OrderBy(d => d.Due).ThenBy(d => d.Key, StringComparer.Ordinal).Select(d => (d.Key, d.Due, d.EventDate, d.PausedDays)).ToList(),
            timers.Select(t => new RequestTimerDto(t.Kind, t.Stage, t.DueAt, t.FiredAt, t.CancelledAt)).ToList(),
            timeline.Select(e => new TimelineEntryDto(e.Seq, e.At, e.Kind, e.Actor, e.Detail, e.FromStage, e.ToStage, e.StatuteVersion)).ToList(),
            state.Route,
            state.Flags,
            [.. forwardedTo]);
    }

    public async Task<PagedResult<RequestSummaryDto>> ListAsync(RequestFilter filter, CancellationToken cancellationToken)
    {
        var conditions = new List<string>();
        var parameters = new Dapper.DynamicParameters();
        if (filter.Body is not null)
        {
            conditions.Add("r.body_key = @Body");
            parameters.Add("Body", filter.Body);
        }

        if (filter.Stage is not null)
        {
            conditions.Add("r.stage = @Stage");
            parameters.Add("Stage", filter.Stage);
        }

        if (filter.Stages is not null)
        {
            var names = filter.Stages.Select((stage, index) =>
            {
                parameters.Add($"s{index}", stage);
                return $"@s{index}";
            }).ToList();
            conditions.Add(names.Count == 0 ? "1 = 0" : $"r.stage IN ({string.Join(", ", names)})");
        }

        if (filter.Owner is { } owner)
        {
            conditions.Add("r.owner_id = @Owner");
            parameters.Add("Owner", owner);
        }

        if (filter.MailProblem)
            conditions.Add(MailProblemSql);

        var where = conditions.Count == 0 ? string.Empty : "WHERE " + string.Join(" AND ", conditions);
        var order = filter.OldestOverdueFirst ? "r.overdue_since, r.number" : "r.created_at DESC, r.number DESC";
        parameters.Add("Limit", filter.PageSize);
        parameters.Add("Offset", (long)(filter.Page - 1) * filter.PageSize);
        var total = await ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM requests r {where}", parameters, cancellationToken);
        var items = await QueryAsync<SummaryRow>(
            $"""
            SELECT r.id AS Id, r.number AS Number, r.body_key AS BodyKey, r.statute_id AS Statute, r.stage AS Stage, r.outcome AS Outcome,
                   r.subject AS Subject, r.submitted_at AS SubmittedAt, r.overdue_since AS OverdueSince,
                   r.next_due_at AS NextTimerAt,
                   CASE WHEN {MailProblemSql} THEN 1 ELSE 0 END AS MailProblem,
                   {MailProblemReasonSql} AS MailProblemReason
            FROM requests r {where}
            ORDER BY {order}
            LIMIT @Limit OFFSET @Offset
            """,
            parameters,
            cancellationToken);
        return new PagedResult<RequestSummaryDto>(
            items.Select(r => new RequestSummaryDto(r.Id, r.Number, r.BodyKey, r.Statute, r.Stage, r.Outcome, r.Subject, r.SubmittedAt, r.OverdueSince, r.NextTimerAt, r.MailProblem != 0, r.MailProblemReason)).ToList(),
            filter.Page, filter.PageSize, total);
    }

    public async Task<IReadOnlyList<(string Statute, int Version)>> StatuteVersionsInUseAsync(CancellationToken cancellationToken)
    {
        var rows = await QueryAsync<PinRow>(
            "SELECT DISTINCT statute_id AS Statute, statute_version AS Version FROM requests",
            null,
            cancellationToken);
        return rows.Select(row => (row.Statute, row.Version)).ToList();
    }

    public Task<long> CountRunningOnAsync(string statute, int version, CancellationToken cancellationToken) =>
        ExecuteScalarAsync<long>(
            """
            SELECT COUNT(*) FROM requests r
            WHERE r.statute_id = @Statute AND r.statute_version = @Version
              AND EXISTS (SELECT 1 FROM timeline t WHERE t.request_id = r.id)
            """,
            new { Statute = statute, Version = version },
            cancellationToken);

    private sealed class PinRow
    {
        public string Statute { get; init; } = "";
        public int Version { get; init; }
    }

    private sealed class TimerRow
    {
        public string Kind { get; init; } = "";
        public string Stage { get; init; } = "";
        public DateTimeOffset DueAt { get; init; }
        public DateTimeOffset? FiredAt { get; init; }
        public DateTimeOffset? CancelledAt { get; init; }
        public DateTimeOffset ArmedAt { get; init; }
    }

    private sealed class TimelineRow
    {
        public int Seq { get; init; }
        public DateTimeOffset At { get; init; }
        public string Kind { get; init; } = "";
        public string Actor { get; init; } = "";
        public string? Detail { get; init; }
        public string? FromStage { get; init; }
        public string? ToStage { get; init; }
        public int StatuteVersion { get; init; }
    }

    private sealed class SummaryRow
    {
        public Guid Id { get; init; }
        public string Number { get; init; } = "";
        public string BodyKey { get; init; } = "";
        public string Statute { get; init; } = "";
        public string Stage { get; init; } = "";
        public string? Outcome { get; init; }
        public string Subject { get; init; } = "";
        public DateTimeOffset? SubmittedAt { get; init; }
        public DateOnly? OverdueSince { get; init; }
        public DateTimeOffset? NextTimerAt { get; init; }
        public int MailProblem { get; init; }
        public string? MailProblemReason { get; init; }
    }
}

using System.Data;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Requests;
using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Requests;
using FoiTracker.Domain.Users;
using FoiTracker.Domain.Workflows;

namespace FoiTracker.Infrastructure.Persistence.Repositories;

/// <summary>
/// Writes a request and everything its last step produced — timeline entries, armed and disarmed
/// timers, deadlines, outbox effects — on the scope's transaction, so they land together. A save
/// over a version someone else already wrote is refused.
/// </summary>
public sealed class FoiRequestRepository(DbSession session, TimeProvider clock) : SqlRepository(session), IFoiRequestRepository, IRequestNumberAllocator
{
    private const string Columns =
        "r.id AS Id, r.number AS Number, r.body_key AS BodyKey, r.statute_id AS StatuteId, r.statute_version AS StatuteVersion, " +
        "r.subject AS Subject, r.text AS Text, r.requester_name AS RequesterName, r.requester_email AS RequesterEmail, " +
        "r.requester_address AS RequesterAddress, r.owner_id AS OwnerId, r.stage AS Stage, r.outcome AS Outcome, r.created_at AS CreatedAt, " +
        "r.submitted_at AS SubmittedAt, r.stage_entered_at AS StageEnteredAt, r.stage_anchor AS ClockAnchor, r.paused_days AS PausedDays, " +
        "r.paused_since AS PausedSince, r.registration_number AS RegistrationNumber, r.registered_on AS RegisteredOn, " +
        "r.forwarded_from AS ForwardedFrom, r.reopen_stage AS ReopenStage, r.overdue_since AS OverdueSince, r.version AS Version, " +
        "(SELECT COALESCE(MAX(t.seq), 0) FROM timeline t WHERE t.request_id = r.id) AS LastTimelineSeq";

    public async Task AddAsync(FoiRequest request, CancellationToken cancellationToken)
    {
        await ExecuteAsync(
            """
            INSERT INTO requests (id, number, body_key, statute_id, statute_version, subject, text, requester_name,
                requester_email, requester_address, owner_id, stage, outcome, created_at, submitted_at, stage_entered_at,
                stage_anchor, paused_days, paused_since, registration_number, registered_on, forwarded_from, reopen_stage,
                overdue_since, version)
            VALUES (@Id, @Number, @BodyKey, @StatuteId, @StatuteVersion, @Subject, @Text, @RequesterName,
                @RequesterEmail, @RequesterAddress, @OwnerId, @Stage, @Outcome, @CreatedAt, @SubmittedAt, @StageEnteredAt,
                @ClockAnchor, @PausedDays, @PausedSince, @RegistrationNumber, @RegisteredOn, @ForwardedFrom, @ReopenStage,
                @OverdueSince, 1)
            """,
            Parameters(request),
            cancellationToken);
        await WriteChangesAsync(request, cancellationToken);
    }

    public async Task SaveAsync(FoiRequest request, CancellationToken cancellationToken)
    {
        var updated = await ExecuteAsync(
            """
            UPDATE requests SET stage = @Stage, outcome = @Outcome, submitted_at = @SubmittedAt, stage_entered_at = @StageEnteredAt,
                stage_anchor = @ClockAnchor, paused_days = @PausedDays, paused_since = @PausedSince,
                registration_number = @RegistrationNumber, registered_on = @RegisteredOn, reopen_stage = @ReopenStage,
                overdue_since = @OverdueSince, version = version + 1
            WHERE id = @Id AND version = @Version
            """,
            Parameters(request),
            cancellationToken);
        if (updated != 1)
            throw new ConflictException($"Request {request.Number} was changed by someone else at the same moment; load it again and retry.");
        await WriteChangesAsync(request, cancellationToken);
    }

    public async Task<FoiRequest?> GetAsync(RequestId id, CancellationToken cancellationToken) =>
        (await LoadAsync("r.id = @Id", new { Id = id.Value }, cancellationToken)).SingleOrDefault();

    public async Task<FoiRequest?> GetByNumberAsync(RequestNumber number, CancellationToken cancellationToken) =>
        (await LoadAsync("r.number = @Number", new { Number = number.Value }, cancellationToken)).SingleOrDefault();

    public async Task<IReadOnlyList<FoiRequest>> GetManyAsync(IReadOnlyCollection<RequestId> ids, CancellationToken cancellationToken)
    {
        var result = new List<FoiRequest>(ids.Count);
        // Chunks keep the parameter list within every driver's limits.
        foreach (var chunk in ids.Select(id => id.Value).Distinct().Chunk(200))
        {
            var names = chunk.Select((_, index) => $"@p{index}").ToArray();
            var parameters = new Dapper.DynamicParameters();
            for (var i = 0; i < chunk.Length; i++)
                parameters.Add($"p{i}", chunk[i]);
            result.AddRange(await LoadAsync($"r.id IN ({string.Join(", ", names)})", parameters, cancellationToken));
        }

        return result;
    }

    public Task<string?> FindEventAsync(RequestId id, string eventKey, CancellationToken cancellationToken) =>
        QuerySingleOrDefaultAsync<string>(
            "SELECT kind FROM timeline WHERE request_id = @Id AND event_key = @EventKey",
            new { Id = id.Value, EventKey = eventKey },
            cancellationToken);

    public async Task<RequestNumber> NextAsync(int year, CancellationToken cancellationToken)
    {
        // One statement that both SQLite (3.35+) and PostgreSQL run atomically: the row lock it
        // takes is held until the surrounding transaction ends, so two writers never get the same number.
        var next = await ExecuteScalarAsync<long>(
            """
            INSERT INTO request_counters (year, last_value) VALUES (@Year, 1)
            ON CONFLICT (year) DO UPDATE SET last_value = request_counters.last_value + 1
            RETURNING last_value
            """,
            new { Year = year },
            cancellationToken);
        return RequestNumber.From(year, next);
    }

    private async Task<IReadOnlyList<FoiRequest>> LoadAsync(string where, object parameters, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync<RequestRow>($"SELECT {Columns} FROM requests r WHERE {where}", parameters, cancellationToken);
        if (rows.Count == 0)
            return [];
        var ids = rows.Select(row => row.Id).ToArray();
        var (idList, idParameters) = InList(ids);
        var timers = await QueryAsync<TimerRow>(
            $"""
            SELECT id AS Id, request_id AS RequestId, kind AS Kind, stage AS Stage, deadline_key AS DeadlineKey, due_at AS DueAt
            FROM request_timers WHERE request_id IN ({idList}) AND fired_at IS NULL AND cancelled_at IS NULL
            """,
            idParameters,
            cancellationToken);
        var deadlines = await QueryAsync<DeadlineRow>(
            $"""
            SELECT request_id AS RequestId, key AS Key, stage AS Stage, event_date AS EventDate, due AS Due, paused_days AS PausedDays,
                   statute_version AS StatuteVersion, calendar_version AS CalendarVersion
            FROM request_deadlines WHERE request_id IN ({idList})
            """,
            idParameters,
            cancellationToken);
        var timersByRequest = timers.ToLookup(timer => timer.RequestId);
        var deadlinesByRequest = deadlines.ToLookup(deadline => deadline.RequestId);
        return rows.Select(row => row.ToDomain(
                timersByRequest[row.Id].OrderBy(timer => timer.DueAt).Select(timer => new ArmedTimer(timer.Id, timer.Kind, timer.Stage, timer.DeadlineKey, timer.DueAt)).ToList(),
                deadlinesByRequest[row.Id].Select(d => new ComputedDeadline(d.Key, d.Stage, d.EventDate, d.Due, d.PausedDays, d.StatuteVersion, d.CalendarVersion)).ToList()))
            .ToList();
    }

    private static (string List, Dapper.DynamicParameters Parameters) InList(Guid[] ids)
    {
        var parameters = new Dapper.DynamicParameters();
        for (var i = 0; i < ids.Length; i++)
            parameters.Add($"id{i}", ids[i]);
        return (string.Join(", ", ids.Select((_, i) => $"@id{i}")), parameters);
    }

    private async Task WriteChangesAsync(FoiRequest request, CancellationToken cancellationToken)
    {
        var now = request.StageEnteredAt ?? request.CreatedAt;
        if (request.FiredTimers.Count > 0)
        {
            await ExecuteAsync(
                "UPDATE request_timers SET fired_at = @At WHERE id = @Id AND fired_at IS NULL AND cancelled_at IS NULL",
                request.FiredTimers.Select(id => new { Id = id, At = FiredAt }).ToList(),
                cancellationToken);
        }

        if (request.CancelledTimers.Count > 0)
        {
            await ExecuteAsync(
                "UPDATE request_timers SET cancelled_at = @At WHERE id = @Id AND fired_at IS NULL AND cancelled_at IS NULL",
                request.CancelledTimers.Select(id => new { Id = id, At = FiredAt }).ToList(),
                cancellationToken);
        }

        if (request.NewTimers.Count > 0)
        {
            await ExecuteAsync(
                """
                INSERT INTO request_timers (id, request_id, kind, stage, deadline_key, due_at, created_at)
                VALUES (@Id, @RequestId, @Kind, @Stage, @DeadlineKey, @DueAt, @CreatedAt)
                """,
                request.NewTimers.Select(timer => new { timer.Id, RequestId = request.Id.Value, timer.Kind, timer.Stage, timer.DeadlineKey, timer.DueAt, CreatedAt = now }).ToList(),
                cancellationToken);
        }

        foreach (var deadline in request.ChangedDeadlines)
        {
            await ExecuteAsync(
                """
                INSERT INTO request_deadlines (request_id, key, stage, event_date, due, paused_days, statute_version, calendar_version, computed_at)
                VALUES (@RequestId, @Key, @Stage, @EventDate, @Due, @PausedDays, @StatuteVersion, @CalendarVersion, @ComputedAt)
                ON CONFLICT (request_id, key) DO UPDATE SET stage = excluded.stage, event_date = excluded.event_date, due = excluded.due,
                    paused_days = excluded.paused_days, statute_version = excluded.statute_version,
                    calendar_version = excluded.calendar_version, computed_at = excluded.computed_at
                """,
                new
                {
                    RequestId = request.Id.Value, deadline.Key, deadline.Stage, deadline.EventDate, deadline.Due, deadline.PausedDays,
                    deadline.StatuteVersion, deadline.CalendarVersion, ComputedAt = now,
                },
                cancellationToken);
        }

        if (request.NewTimeline.Count > 0)
        {
            await ExecuteAsync(
                """
                INSERT INTO timeline (id, request_id, seq, at, kind, actor, detail, from_stage, to_stage, statute_version, event_key)
                VALUES (@Id, @RequestId, @Seq, @At, @Kind, @Actor, @Detail, @FromStage, @ToStage, @StatuteVersion, @EventKey)
                """,
                request.NewTimeline.Select(entry => new
                {
                    entry.Id, RequestId = request.Id.Value, entry.Seq, entry.At, entry.Kind, entry.Actor, entry.Detail,
                    entry.FromStage, entry.ToStage, entry.StatuteVersion, entry.EventKey,
                }).ToList(),
                cancellationToken);
        }

        if (request.NewEffects.Count > 0)
        {
            // The dedup key makes a step that is somehow written twice produce its effects once.
            await ExecuteAsync(
                """
                INSERT INTO outbox (id, dedup_key, request_id, kind, name, recipient, payload, created_at, available_at)
                VALUES (@Id, @DedupKey, @RequestId, @Kind, @Name, @Recipient, @Payload, @CreatedAt, @CreatedAt)
                ON CONFLICT (dedup_key) DO NOTHING
                """,
                request.NewEffects.Select(effect => new
                {
                    effect.Id, effect.DedupKey, RequestId = request.Id.Value, effect.Kind, effect.Name, effect.Recipient,
                    Payload = System.Text.Json.JsonSerializer.Serialize(new
                    {
                        requestId = request.Id.Value, number = request.Number.Value, stage = request.Stage, statute = request.StatuteId,
                        statuteVersion = request.StatuteVersion, at = effect.At,
                    }),
                    CreatedAt = effect.At,
                }).ToList(),
                cancellationToken);
        }

        request.MarkSaved();
    }

    /// <summary>When the current step is written, by the application's clock (tests run on a fake one).</summary>
    private DateTimeOffset FiredAt => clock.GetUtcNow();

    private static object Parameters(FoiRequest request) => new
    {
        Id = request.Id.Value,
        Number = request.Number.Value,
        BodyKey = request.Body.Value,
        request.StatuteId,
        request.StatuteVersion,
        request.Subject,
        request.Text,
        RequesterName = request.Requester.Name,
        RequesterEmail = request.Requester.Email?.Value,
        RequesterAddress = request.Requester.Address,
        OwnerId = request.Owner?.Value,
        request.Stage,
        request.Outcome,
        request.CreatedAt,
        request.SubmittedAt,
        request.StageEnteredAt,
        request.ClockAnchor,
        request.PausedDays,
        request.PausedSince,
        request.RegistrationNumber,
        request.RegisteredOn,
        ForwardedFrom = request.ForwardedFrom?.Value,
        request.ReopenStage,
        request.OverdueSince,
        request.Version,
    };

    private sealed class TimerRow
    {
        public Guid Id { get; init; }
        public Guid RequestId { get; init; }
        public string Kind { get; init; } = "";
        public string Stage { get; init; } = "";
        public string? DeadlineKey { get; init; }
        public DateTimeOffset DueAt { get; init; }
    }

    private sealed class DeadlineRow
    {
        public Guid RequestId { get; init; }
        public string Key { get; init; } = "";
        public string Stage { get; init; } = "";
        public DateOnly EventDate { get; init; }
        public DateOnly Due { get; init; }
        public int PausedDays { get; init; }
        public int StatuteVersion { get; init; }
        public int CalendarVersion { get; init; }
    }

    private sealed class RequestRow
    {
        public Guid Id { get; init; }
        public string Number { get; init; } = "";
        public string BodyKey { get; init; } = "";
        public string StatuteId { get; init; } = "";
        public int StatuteVersion { get; init; }
        public string Subject { get; init; } = "";
        public string Text { get; init; } = "";
        public string RequesterName { get; init; } = "";
        public string? RequesterEmail { get; init; }
        public string? RequesterAddress { get; init; }
        public Guid? OwnerId { get; init; }
        public string Stage { get; init; } = "";
        public string? Outcome { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? SubmittedAt { get; init; }
        public DateTimeOffset? StageEnteredAt { get; init; }
        public DateOnly? ClockAnchor { get; init; }
        public int PausedDays { get; init; }
        public DateOnly? PausedSince { get; init; }
        public string? RegistrationNumber { get; init; }
        public DateOnly? RegisteredOn { get; init; }
        public Guid? ForwardedFrom { get; init; }
        public string? ReopenStage { get; init; }
        public DateOnly? OverdueSince { get; init; }
        public int Version { get; init; }
        public long LastTimelineSeq { get; init; }

        public FoiRequest ToDomain(IReadOnlyList<ArmedTimer> timers, IReadOnlyList<ComputedDeadline> deadlines) => FoiRequest.Restore(new RequestSnapshot(
            new RequestId(Id),
            RequestNumber.Parse(Number),
            PublicBodyKey.Create(BodyKey),
            StatuteId,
            StatuteVersion,
            Subject,
            Text,
            new Requester(RequesterName, RequesterEmail is null ? null : EmailAddress.Create(RequesterEmail), RequesterAddress),
            OwnerId is null ? null : new UserId(OwnerId.Value),
            Stage,
            Outcome,
            CreatedAt,
            SubmittedAt,
            StageEnteredAt,
            ClockAnchor,
            PausedDays,
            PausedSince,
            RegistrationNumber,
            RegisteredOn,
            ForwardedFrom is null ? null : new RequestId(ForwardedFrom.Value),
            ReopenStage,
            OverdueSince,
            Version,
            checked((int)LastTimelineSeq),
            timers,
            deadlines));
    }
}

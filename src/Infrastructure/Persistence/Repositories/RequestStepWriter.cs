using System.Buffers;
using System.Text;
using System.Text.Json;
using FoiTracker.Application.Requests.Citizen;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Requests;

namespace FoiTracker.Infrastructure.Persistence.Repositories;

/// <summary>
/// Writes what requests' last steps produced beside their rows, on the scope's transaction: the
/// timers that fired or were disarmed (the history the request's page shows), timeline entries and
/// outbox effects. Armed timers and deadlines go with the request's row itself (ADR 012).
/// </summary>
public sealed class RequestStepWriter(DbSession session, IRowStatements each, TimeProvider clock) : SqlRepository(session)
{
    private const string InsertEndedTimer =
        """
        INSERT INTO request_timers (id, request_id, kind, stage, deadline_key, due_at, fired_at, cancelled_at, created_at)
        VALUES (@Id, @RequestId, @Kind, @Stage, @DeadlineKey, @DueAt, @FiredAt, @CancelledAt, @ArmedAt)
        """;

    private const string InsertTimeline =
        """
        INSERT INTO timeline (id, request_id, seq, at, kind, actor, detail, from_stage, to_stage, statute_version, event_key)
        VALUES (@Id, @RequestId, @Seq, @At, @Kind, @Actor, @Detail, @FromStage, @ToStage, @StatuteVersion, @EventKey)
        """;

    /// <summary>The dedup key makes a step that is somehow written twice produce its effects once.</summary>
    private const string InsertOutbox =
        """
        INSERT INTO outbox (id, dedup_key, request_id, kind, name, recipient, payload, created_at, available_at)
        VALUES (@Id, @DedupKey, @RequestId, @Kind, @Name, @Recipient, @Payload, @At, @At)
        ON CONFLICT (dedup_key) DO NOTHING
        """;

    /// <summary>
    /// One outbox row for a step that changed a request's stage, written only where someone follows
    /// the request: its hand-over mails each follower (FollowerNotices). In the step's transaction,
    /// so a stage change is never without its mails, and its dedup key keeps a rewritten step from
    /// mailing twice. WHERE also keeps SQLite from reading ON CONFLICT as part of the SELECT.
    /// </summary>
    private const string InsertFollowerNotice =
        $"""
        INSERT INTO outbox (id, dedup_key, request_id, kind, name, recipient, payload, created_at, available_at)
        SELECT @Id, @DedupKey, @RequestId, '{FollowerNotices.OutboxKind}', '{FollowerNotices.OutboxName}', '{FollowerNotices.OutboxRecipient}', @Payload, @At, @At
        WHERE EXISTS (SELECT 1 FROM request_followers f WHERE f.request_id = @RequestId)
        ON CONFLICT (dedup_key) DO NOTHING
        """;

    /// <summary>Writes the steps' rows, one statement per row (<see cref="IRowStatements"/>: on PostgreSQL, one round trip for all).</summary>
    public async Task WriteAsync(IReadOnlyCollection<FoiRequest> requests, CancellationToken cancellationToken)
    {
        // When the step is written, by the application's clock (tests run on a fake one).
        var endedAt = clock.GetUtcNow();
        var ended = requests.SelectMany(request =>
                request.FiredTimers.Select(timer => (Request: request, Timer: timer, Fired: true))
                    .Concat(request.CancelledTimers.Select(timer => (Request: request, Timer: timer, Fired: false))))
            .Select(row => new
            {
                row.Timer.Id,
                RequestId = row.Request.Id.Value,
                Kind = row.Timer.Kind.Value,
                Stage = row.Timer.Stage.Value,
                row.Timer.DeadlineKey,
                row.Timer.DueAt,
                FiredAt = row.Fired ? endedAt : (DateTimeOffset?)null,
                CancelledAt = row.Fired ? (DateTimeOffset?)null : endedAt,
                row.Timer.ArmedAt,
            })
            .ToList<object>();
        var timeline = requests.SelectMany(request => request.NewTimeline.Select(entry => new
            {
                entry.Id,
                RequestId = request.Id.Value,
                entry.Seq,
                entry.At,
                Kind = entry.Kind.Value,
                entry.Actor,
                entry.Detail,
                FromStage = entry.FromStage?.Value,
                ToStage = entry.ToStage?.Value,
                entry.StatuteVersion,
                entry.EventKey,
            }))
            .ToList<object>();
        var effects = requests.SelectMany(request => request.NewEffects.Select(effect => new
            {
                effect.Id,
                effect.DedupKey,
                RequestId = request.Id.Value,
                effect.Kind,
                effect.Name,
                effect.Recipient,
                Payload = EffectPayload(request, effect.At),
                effect.At,
            }))
            .ToList<object>();
        var followerNotices = requests
            .Select(request => (Request: request, Change: request.NewTimeline.LastOrDefault(entry => entry.ToStage is { } to && to != entry.FromStage)))
            .Where(row => row.Change is not null)
            .Select(row => new
            {
                Id = Uuid7.New(),
                DedupKey = $"{FollowerNotices.OutboxKind}:{row.Request.Id.Value:N}:{row.Change!.Seq}",
                RequestId = row.Request.Id.Value,
                Payload = EffectPayload(row.Request, endedAt),
                At = endedAt,
            })
            .ToList<object>();

        await each.ExecuteAsync(Session, InsertEndedTimer, ended, cancellationToken);
        await each.ExecuteAsync(Session, InsertTimeline, timeline, cancellationToken);
        await each.ExecuteAsync(Session, InsertOutbox, effects, cancellationToken);
        await each.ExecuteAsync(Session, InsertFollowerNotice, followerNotices, cancellationToken);
    }

    /// <summary>
    /// What an outbox row carries about its request: <c>{"requestId", "number", "stage", "statute", "statuteVersion", "at"}</c>.
    /// Written field by field: one is made per effect, and the reflection-based serializer cost a sweep more than the JSON itself.
    /// </summary>
    public static string EffectPayload(FoiRequest request, DateTimeOffset at)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("requestId", request.Id.Value);
            json.WriteString("number", request.Number.Value);
            json.WriteString("stage", request.Stage.Value);
            json.WriteString("statute", request.StatuteId);
            json.WriteNumber("statuteVersion", request.StatuteVersion);
            json.WriteString("at", at);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}

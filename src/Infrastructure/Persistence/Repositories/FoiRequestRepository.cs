using System.Buffers;
using System.Data;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Dapper;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Workflows;
using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Requests;
using FoiTracker.Domain.Users;
using FoiTracker.Domain.Workflows;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace FoiTracker.Infrastructure.Persistence.Repositories;

/// <summary>
/// Writes a request and everything its last step produced — its row with its armed timers and
/// deadlines (ADR 012), timeline entries, the history of timers that fired or were disarmed, outbox
/// effects — on the scope's transaction, so they land together. A save over a version someone else
/// already wrote is refused. Also the sweep's claim: requests whose earliest timer is due.
/// </summary>
public sealed class FoiRequestRepository(DbSession session, TimeProvider clock, RequestFactsWriter facts)
    : SqlRepository(session), IFoiRequestRepository, IRequestNumberAllocator, ITimerStore
{
    /// <summary>A request's columns, in the order <see cref="ReadRequest"/> reads them by position.</summary>
    private const string Columns =
        "r.id AS Id, r.number AS Number, r.body_key AS BodyKey, r.statute_id AS StatuteId, r.statute_version AS StatuteVersion, " +
        "r.subject AS Subject, r.text AS Text, r.requester_name AS RequesterName, r.requester_email AS RequesterEmail, " +
        "r.requester_address AS RequesterAddress, r.owner_id AS OwnerId, r.stage AS Stage, r.outcome AS Outcome, r.created_at AS CreatedAt, " +
        "r.submitted_at AS SubmittedAt, r.stage_entered_at AS StageEnteredAt, r.stage_anchor AS ClockAnchor, r.paused_days AS PausedDays, " +
        "r.paused_since AS PausedSince, r.registration_number AS RegistrationNumber, r.registered_on AS RegisteredOn, " +
        "r.forwarded_from AS ForwardedFrom, r.reopen_stage AS ReopenStage, r.overdue_since AS OverdueSince, r.version AS Version, " +
        "r.timeline_seq AS LastTimelineSeq, r.workflow AS Workflow";

    /// <summary>
    /// The stage, its entry instant and the sending instant each request has in the database, as loaded or last saved in this scope: a SQLite update
    /// leaves out the indexed columns that did not change. On SQLite also the row's rowid, when it was read: the update then finds the row by it,
    /// without a search of the id index.
    /// </summary>
    private readonly Dictionary<FoiRequest, (string Stage, DateTimeOffset? StageEnteredAt, DateTimeOffset? SubmittedAt, long? RowId)> _loaded = new(ReferenceEqualityComparer.Instance);

    public async Task AddAsync(FoiRequest request, CancellationToken cancellationToken)
    {
        await ExecuteAsync(
            """
            INSERT INTO requests (id, number, body_key, statute_id, statute_version, subject, text, requester_name,
                requester_email, requester_address, owner_id, stage, outcome, created_at, submitted_at, stage_entered_at,
                stage_anchor, paused_days, paused_since, registration_number, registered_on, forwarded_from, reopen_stage,
                overdue_since, version, timeline_seq, workflow, next_due_at)
            VALUES (@Id, @Number, @BodyKey, @StatuteId, @StatuteVersion, @Subject, @Text, @RequesterName,
                @RequesterEmail, @RequesterAddress, @OwnerId, @Stage, @Outcome, @CreatedAt, @SubmittedAt, @StageEnteredAt,
                @ClockAnchor, @PausedDays, @PausedSince, @RegistrationNumber, @RegisteredOn, @ForwardedFrom, @ReopenStage,
                @OverdueSince, 1, @LastTimelineSeq, @Workflow, @NextDueAt)
            """,
            Parameters(request),
            cancellationToken);
        await WriteChangesAsync(request, cancellationToken);
        RememberStored(request);
    }

    public Task SaveAsync(FoiRequest request, CancellationToken cancellationToken) => SaveManyAsync([request], cancellationToken);

    public async Task SaveManyAsync(IReadOnlyCollection<FoiRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (requests.Count == 0)
            return;
        var list = requests.ToList();
        if (list.Count > 1 && !Session.InTransaction)
        {
            // Several rows are written before a stale one is noticed: refuse them together.
            await Session.BeginAsync(cancellationToken);
            try
            {
                await SaveAllAsync(list, cancellationToken);
                await Session.CommitAsync(cancellationToken);
            }
            catch
            {
                await Session.RollbackAsync(CancellationToken.None);
                throw;
            }

            return;
        }

        await SaveAllAsync(list, cancellationToken);
    }

    private async Task SaveAllAsync(List<FoiRequest> list, CancellationToken cancellationToken)
    {
        var stale = await UpdateRowsAsync(list, cancellationToken);
        if (stale.Count > 0)
            throw new ConflictException($"Request {list.First(stale.Contains).Number} was changed by someone else at the same moment; load it again and retry.");
        await WriteStepsAsync(list, cancellationToken);
    }

    public async Task<IReadOnlyList<FoiRequest>> SaveUnchangedAsync(IReadOnlyCollection<FoiRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        if (!Session.InTransaction)
            throw new InvalidOperationException("SaveUnchangedAsync writes in the caller's transaction; begin one first.");
        if (requests.Count == 0)
            return [];
        var list = requests.ToList();
        var stale = await UpdateRowsAsync(list, cancellationToken);
        await WriteStepsAsync(stale.Count == 0 ? list : list.FindAll(request => !stale.Contains(request)), cancellationToken);
        return list.FindAll(stale.Contains);
    }

    /// <summary>After their rows: what the requests' last steps produced, and what their indexed columns now hold.</summary>
    private async Task WriteStepsAsync(List<FoiRequest> requests, CancellationToken cancellationToken)
    {
        await WriteChangesAsync(requests, cancellationToken);
        foreach (var request in requests)
            RememberStored(request);
    }

    /// <summary>Updates the requests' rows, each only at the version it was loaded at; returns the requests whose row had moved on.</summary>
    private async Task<HashSet<FoiRequest>> UpdateRowsAsync(List<FoiRequest> list, CancellationToken cancellationToken)
    {
        // One UPDATE for many requests: each row matches only at the version it was loaded at.
        // SQLite rewrites an index entry whenever one of its columns is set, even to the same value, so
        // there the stage (with the instant it was entered) and the sending instant are set only by the
        // statements for requests that changed them.
        var groups = Session.Provider == DatabaseProvider.Postgres
            ? [(Statement: UpdateRequests[0], Rows: list)]
            : list.GroupBy(UpdateShape).Select(group => (Statement: UpdateRequests[group.Key], Rows: group.ToList())).ToList();
        var stale = new HashSet<FoiRequest>(ReferenceEqualityComparer.Instance);
        foreach (var (statement, rows) in groups)
        {
            var missed = new List<int>();
            await WriteRowsAsync(
                statement,
                rows,
                request => [request.Id.Value, request.Version, request.Stage, request.Outcome, request.SubmittedAt, request.StageEnteredAt,
                    request.ClockAnchor, request.PausedDays, request.PausedSince, request.RegistrationNumber, request.RegisteredOn,
                    request.ReopenStage, request.OverdueSince, request.LastTimelineSeq,
                    StoredWorkflowState.Write(request), request.NextTimerDueAt, RowIdOf(request)],
                cancellationToken,
                missed);
            stale.UnionWith(missed.Select(index => rows[index]));
        }

        return stale;
    }

    /// <summary>Notes what a request's indexed columns hold in the database now, for its next save in this scope (and its rowid, once known).</summary>
    private void RememberStored(FoiRequest request, long? rowId = null) =>
        _loaded[request] = (request.Stage, request.StageEnteredAt, request.SubmittedAt, rowId ?? RowIdOf(request));

    private long? RowIdOf(FoiRequest request) => _loaded.TryGetValue(request, out var loaded) ? loaded.RowId : null;

    /// <summary>
    /// Which of <see cref="UpdateRequests"/> a request needs: bit 1 when it entered a stage, bit 2 when its sending instant changed (unknown: both),
    /// bit 4 when its rowid is known.
    /// </summary>
    private int UpdateShape(FoiRequest request) =>
        _loaded.TryGetValue(request, out var loaded)
            ? (loaded.Stage == request.Stage && loaded.StageEnteredAt == request.StageEnteredAt ? 0 : 1) | (loaded.SubmittedAt == request.SubmittedAt ? 0 : 2)
                | (loaded.RowId is null ? 0 : 4)
            : 3;

    public bool ClaimLocksRows => Session.Provider == DatabaseProvider.Postgres;

    public async Task<IReadOnlyList<FoiRequest>> ClaimDueAsync(DateTimeOffset now, int limit, SweepLane lane, CancellationToken cancellationToken)
    {
        // The partial index on (next_due_at, id) holds only requests with an armed timer, in claim order,
        // so this reads the first due ones and stops, however many requests wait for later timers.
        // On PostgreSQL the claim locks the rows and skips those another worker or node holds: two
        // never work on the same request at once. A row another worker changed after this statement's
        // snapshot is checked again when locked, and left out if it is no longer due.
        // On SQLite the claim locks nothing: each lane of a node's workers takes the requests whose id
        // ends in its own hex digits (the id is in the index, so the others are passed over there).
        if (ClaimLocksRows)
        {
            return await LoadAsync(
                "r.next_due_at <= @p0 ORDER BY r.next_due_at, r.id LIMIT @p1 FOR UPDATE SKIP LOCKED", [now, limit], cancellationToken);
        }

        var inLane = lane.Count > 1 ? "AND (instr('0123456789abcdef', substr(r.id, 36, 1)) - 1) % @p2 = @p3 " : "";
        return await LoadAsync(
            $"r.next_due_at <= @p0 {inLane}ORDER BY r.next_due_at, r.id LIMIT @p1", [now, limit, lane.Count, lane.Index], cancellationToken);
    }

    public async Task<FoiRequest?> GetAsync(RequestId id, CancellationToken cancellationToken) =>
        (await LoadAsync("r.id = @p0", [id.Value], cancellationToken)).SingleOrDefault();

    public async Task<FoiRequest?> GetByNumberAsync(RequestNumber number, CancellationToken cancellationToken) =>
        (await LoadAsync("r.number = @p0", [number.Value], cancellationToken)).SingleOrDefault();

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

    /// <summary>
    /// Requests with their armed timers and deadlines, all in their own rows: one query, whatever the count.
    /// On SQLite the rows are read through SQLite's own API (<see cref="SqliteRowReader"/>, ADR 015), on PostgreSQL through Dapper.
    /// </summary>
    /// <param name="where">The condition (and order), with parameters <c>@p0</c>, <c>@p1</c>… for <paramref name="values"/>.</param>
    private async Task<IReadOnlyList<FoiRequest>> LoadAsync(string where, object?[] values, CancellationToken cancellationToken)
    {
        List<(FoiRequest Request, long? RowId)> loaded;
        if (Session.Provider == DatabaseProvider.Sqlite)
        {
            var connection = (SqliteConnection)await Session.ConnectionAsync(cancellationToken);
            loaded = SqliteRowReader.Query(
                connection, $"SELECT {Columns}, r.rowid FROM requests r WHERE {where}", values, ReadRequest, SqliteWriteGate.BusyTimeout(connection.DefaultTimeout), cancellationToken);
        }
        else
        {
            var parameters = new DynamicParameters();
            for (var index = 0; index < values.Length; index++)
                parameters.Add(string.Create(CultureInfo.InvariantCulture, $"p{index}"), values[index]);
            var rows = await QueryAsync<RequestRow>($"SELECT {Columns} FROM requests r WHERE {where}", parameters, cancellationToken);
            loaded = rows.Select(row => (row.ToDomain(), (long?)null)).ToList();
        }

        var requests = new List<FoiRequest>(loaded.Count);
        foreach (var (request, rowId) in loaded)
        {
            RememberStored(request, rowId);
            requests.Add(request);
        }

        return requests;
    }

    private Task WriteChangesAsync(FoiRequest request, CancellationToken cancellationToken) => WriteChangesAsync([request], cancellationToken);

    /// <summary>
    /// Writes what the requests' last steps produced with one multi-row statement per kind of change
    /// (more only when the rows exceed a statement's parameter budget), so a sweep of hundreds of
    /// requests costs a few dozen round trips instead of several per request.
    /// </summary>
    private async Task WriteChangesAsync(List<FoiRequest> requests, CancellationToken cancellationToken)
    {
        // Armed timers and deadlines went with the request's row; a timer that fired or was disarmed
        // leaves it for the history, where the request's page shows it with when it ended.
        var endedAt = FiredAt;
        var ended = requests.SelectMany(request =>
                request.FiredTimers.Select(timer => (Request: request.Id.Value, Timer: timer, Fired: true))
                    .Concat(request.CancelledTimers.Select(timer => (Request: request.Id.Value, Timer: timer, Fired: false))))
            .ToList();
        if (ended.Count > 0)
        {
            await WriteRowsAsync(
                InsertEndedTimers,
                ended,
                row => [row.Timer.Id, row.Request, row.Timer.Kind, row.Timer.Stage, row.Timer.DeadlineKey, row.Timer.DueAt,
                    row.Fired ? endedAt : null, row.Fired ? null : endedAt, row.Timer.ArmedAt],
                cancellationToken);
        }

        var timeline = requests.SelectMany(request => request.NewTimeline.Select(entry => (Request: request, Entry: entry))).ToList();
        if (timeline.Count > 0)
        {
            await WriteRowsAsync(
                InsertTimeline,
                timeline,
                row => [row.Entry.Id, row.Request.Id.Value, row.Entry.Seq, row.Entry.At, row.Entry.Kind, row.Entry.Actor, row.Entry.Detail,
                    row.Entry.FromStage, row.Entry.ToStage, row.Entry.StatuteVersion, row.Entry.EventKey],
                cancellationToken);
        }

        var effects = requests.SelectMany(request => request.NewEffects.Select(effect => (Request: request, Effect: effect))).ToList();
        if (effects.Count > 0)
        {
            // The dedup key makes a step that is somehow written twice produce its effects once.
            await WriteRowsAsync(
                InsertOutbox,
                effects,
                row => [row.Effect.Id, row.Effect.DedupKey, row.Request.Id.Value, row.Effect.Kind, row.Effect.Name, row.Effect.Recipient,
                    EffectPayload(row.Request, row.Effect.At), row.Effect.At, row.Effect.At],
                cancellationToken);
        }

        await facts.WriteAsync(requests, cancellationToken);
        foreach (var request in requests)
            request.MarkSaved();
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
            json.WriteString("stage", request.Stage);
            json.WriteString("statute", request.StatuteId);
            json.WriteNumber("statuteVersion", request.StatuteVersion);
            json.WriteString("at", at);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>
    /// Runs one statement over many rows. SQLite, in process: its single-row form, prepared once and
    /// executed per row inside the transaction through SQLite's own API (<see cref="SqliteRowWriter"/>). PostgreSQL, over the network: one statement over
    /// unnest() of one array parameter per column, so all rows cost one round trip and one plan.
    /// </summary>
    /// <param name="missed">When given, collects the indexes of the rows the statement matched nothing for (on PostgreSQL the statement returns the first column of each row it wrote).</param>
    private async Task WriteRowsAsync<T>(
        RowStatement statement, List<T> rows, Func<T, object?[]> values, CancellationToken cancellationToken, List<int>? missed = null)
    {
        var connection = await Session.ConnectionAsync(cancellationToken);
        var columns = statement.Columns;
        if (Session.Provider == DatabaseProvider.Postgres)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = Session.Transaction;
            command.CommandText = statement.Postgres;
            var arrays = columns.Select(column => column.NewArray(rows.Count)).ToArray();
            for (var row = 0; row < rows.Count; row++)
            {
                var rowValues = values(rows[row]);
                for (var column = 0; column < columns.Length; column++)
                    arrays[column].SetValue(columns[column].ToPostgres(rowValues[column]), row);
            }

            for (var column = 0; column < columns.Length; column++)
                command.Parameters.Add(new NpgsqlParameter(ParameterName(column), arrays[column]));
            if (missed is null)
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
                return;
            }

            var written = new HashSet<Guid>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                    written.Add(reader.GetGuid(0));
            }

            var keys = (Guid?[])arrays[0];
            for (var row = 0; row < rows.Count; row++)
            {
                if (!written.Contains(keys[row]!.Value))
                    missed.Add(row);
            }

            return;
        }

        SqliteRowWriter.Run((SqliteConnection)connection, statement.Sqlite, rows, values, statement.SqliteParameters ?? columns.Length, missed, cancellationToken);
    }

    private static string ParameterName(int column) => string.Create(CultureInfo.InvariantCulture, $"@p{column}");

    /// <summary>A column's type: the PostgreSQL array it travels in.</summary>
    private sealed class RowColumn(string postgresType, Func<int, Array> newArray, Func<object?, object?> toPostgres)
    {
        public string PostgresType { get; } = postgresType;

        public Array NewArray(int length) => newArray(length);

        public object? ToPostgres(object? value) => toPostgres(value);
    }

    private static readonly RowColumn Uuid = new("uuid", length => new Guid?[length], value => (Guid?)value);
    private static readonly RowColumn Text = new("text", length => new string?[length], value => (string?)value);
    private static readonly RowColumn Integer = new("integer", length => new int?[length], value => (int?)value);
    private static readonly RowColumn Instant = new("timestamptz", length => new DateTimeOffset?[length], value => ((DateTimeOffset?)value)?.ToUniversalTime());
    private static readonly RowColumn Date = new("date", length => new DateOnly?[length], value => (DateOnly?)value);

    /// <param name="Sqlite">The single-row statement, parameters @p0… in column order.</param>
    /// <param name="Postgres">The same over <c>unnest(@p0, …)</c>.</param>
    /// <param name="SqliteParameters">When the SQLite statement takes values beyond <paramref name="Columns"/> (PostgreSQL leaves them out): how many.</param>
    private sealed record RowStatement(string Sqlite, string Postgres, RowColumn[] Columns, int? SqliteParameters = null);

    /// <summary>An insert of <paramref name="columns"/> into <paramref name="table"/>: one row's values on SQLite, unnest() of arrays on PostgreSQL.</summary>
    private static RowStatement Insert(string table, string columnList, RowColumn[] columns, string suffix = "") => new(
        $"INSERT INTO {table} ({columnList}) VALUES ({string.Join(", ", columns.Select((_, index) => ParameterName(index)))}){suffix}",
        $"INSERT INTO {table} ({columnList}) SELECT * FROM {Unnest(columns, columnList)}{suffix}",
        columns);

    /// <summary><c>unnest(@p0::uuid[], @p1::text[], …) AS v(names)</c> for the columns.</summary>
    private static string Unnest(RowColumn[] columns, string names) =>
        "unnest(" + string.Join(", ", columns.Select((column, index) => $"{ParameterName(index)}::{column.PostgresType}[]")) + $") AS v({names})";

    private static readonly RowColumn[] RequestUpdateColumns =
        [Uuid, Integer, Text, Text, Instant, Instant, Date, Integer, Date, Text, Date, Text, Date, Integer, Text, Instant];

    private static readonly string PostgresRequestUpdate =
        $"""
        UPDATE requests SET stage = v.stage, outcome = v.outcome, submitted_at = v.submitted_at, stage_entered_at = v.stage_entered_at,
            stage_anchor = v.stage_anchor, paused_days = v.paused_days, paused_since = v.paused_since,
            registration_number = v.registration_number, registered_on = v.registered_on, reopen_stage = v.reopen_stage,
            overdue_since = v.overdue_since, timeline_seq = v.timeline_seq, workflow = v.workflow, next_due_at = v.next_due_at,
            version = requests.version + 1
        FROM {Unnest(RequestUpdateColumns, "id, loaded_version, stage, outcome, submitted_at, stage_entered_at, stage_anchor, paused_days, paused_since, registration_number, registered_on, reopen_stage, overdue_since, timeline_seq, workflow, next_due_at")}
        WHERE requests.id = v.id AND requests.version = v.loaded_version
        RETURNING requests.id
        """;

    /// <summary>
    /// The request update, by <see cref="UpdateShape"/>: on SQLite with or without the stage and its entry instant (bit 1) and the sending instant
    /// (bit 2), and finding the row by its rowid (bit 4, value @p16) or by its id. A row found by rowid must still have the request's id and version:
    /// a rowid that changed meanwhile (VACUUM may renumber rows) matches nothing, and the request counts as changed by someone else.
    /// </summary>
    private static readonly RowStatement[] UpdateRequests = [.. Enumerable.Range(0, 8).Select(shape => new RowStatement(
        $"""
        UPDATE requests SET {((shape & 1) != 0 ? "stage = @p2, stage_entered_at = @p5, " : "")}outcome = @p3, {((shape & 2) != 0 ? "submitted_at = @p4, " : "")}
            stage_anchor = @p6, paused_days = @p7, paused_since = @p8,
            registration_number = @p9, registered_on = @p10, reopen_stage = @p11,
            overdue_since = @p12, timeline_seq = @p13, workflow = @p14, next_due_at = @p15, version = version + 1
        WHERE {((shape & 4) != 0 ? "rowid = @p16 AND " : "")}id = @p0 AND version = @p1
        """,
        PostgresRequestUpdate,
        RequestUpdateColumns,
        RequestUpdateColumns.Length + 1))];

    private const string EndedTimerColumnList = "id, request_id, kind, stage, deadline_key, due_at, fired_at, cancelled_at, created_at";

    private static readonly RowColumn[] EndedTimerColumns = [Uuid, Uuid, Text, Text, Text, Instant, Instant, Instant, Instant];

    private static readonly RowStatement InsertEndedTimers = Insert("request_timers", EndedTimerColumnList, EndedTimerColumns);

    private const string TimelineColumnList = "id, request_id, seq, at, kind, actor, detail, from_stage, to_stage, statute_version, event_key";

    private static readonly RowColumn[] TimelineColumns = [Uuid, Uuid, Integer, Instant, Text, Text, Text, Text, Text, Integer, Text];

    private static readonly RowStatement InsertTimeline = Insert("timeline", TimelineColumnList, TimelineColumns);

    private const string OutboxColumnList = "id, dedup_key, request_id, kind, name, recipient, payload, created_at, available_at";

    private static readonly RowColumn[] OutboxColumns = [Uuid, Text, Uuid, Text, Text, Text, Text, Instant, Instant];

    private static readonly RowStatement InsertOutbox = Insert("outbox", OutboxColumnList, OutboxColumns, " ON CONFLICT (dedup_key) DO NOTHING");

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
        request.LastTimelineSeq,
        Workflow = StoredWorkflowState.Write(request),
        NextDueAt = request.NextTimerDueAt,
    };

    /// <summary>A request from a SQLite row of <see cref="Columns"/>, read by position in that order, and the row's rowid after them.</summary>
    private static (FoiRequest Request, long? RowId) ReadRequest(SqliteRow row) => (new RequestRow
    {
        Id = row.GetGuid(0),
        Number = row.GetString(1),
        BodyKey = row.GetString(2),
        StatuteId = row.GetString(3),
        StatuteVersion = row.GetInt32(4),
        Subject = row.GetString(5),
        Text = row.GetString(6),
        RequesterName = row.GetString(7),
        RequesterEmail = row.GetNullableString(8),
        RequesterAddress = row.GetNullableString(9),
        OwnerId = row.GetNullableGuid(10),
        Stage = row.GetString(11),
        Outcome = row.GetNullableString(12),
        CreatedAt = row.GetInstant(13),
        SubmittedAt = row.GetNullableInstant(14),
        StageEnteredAt = row.GetNullableInstant(15),
        ClockAnchor = row.GetNullableDate(16),
        PausedDays = row.GetInt32(17),
        PausedSince = row.GetNullableDate(18),
        RegistrationNumber = row.GetNullableString(19),
        RegisteredOn = row.GetNullableDate(20),
        ForwardedFrom = row.GetNullableGuid(21),
        ReopenStage = row.GetNullableString(22),
        OverdueSince = row.GetNullableDate(23),
        Version = row.GetInt32(24),
        LastTimelineSeq = row.GetInt64(25),
    }.ToDomain(StoredWorkflowState.Read(row.GetUtf8(26))), row.GetInt64(27));

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
        public string Workflow { get; init; } = StoredWorkflowState.Empty;

        public FoiRequest ToDomain() => ToDomain(StoredWorkflowState.Read(Workflow));

        public FoiRequest ToDomain(StoredWorkflow workflow) =>
            FoiRequest.Restore(new RequestSnapshot(
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
                workflow.Timers,
                workflow.Deadlines,
                workflow.Checkpoint,
                workflow.ClockFromRegistration,
                workflow.Route,
                workflow.Flags));
    }
}

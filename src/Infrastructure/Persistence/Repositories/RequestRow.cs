using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Requests;
using FoiTracker.Domain.Users;
using FoiTracker.Domain.Workflows;

namespace FoiTracker.Infrastructure.Persistence.Repositories;

/// <summary>
/// A request's row in <c>requests</c>, as Dapper reads it by column alias and binds it by parameter
/// name. Its armed timers and deadlines travel in <see cref="Workflow"/> (ADR 012).
/// </summary>
internal sealed class RequestRow
{
    /// <summary>
    /// Every column once, with the property it maps to and whether a save writes it: a request's
    /// identity and what it was filed with never change after it is added.
    /// </summary>
    private static readonly (string Column, string Property, bool Saved)[] Columns =
    [
        ("id", nameof(Id), false), ("number", nameof(Number), false), ("body_key", nameof(BodyKey), false),
        ("statute_id", nameof(StatuteId), false), ("statute_version", nameof(StatuteVersion), false),
        ("subject", nameof(Subject), false), ("text", nameof(Text), false), ("requester_name", nameof(RequesterName), false),
        ("requester_email", nameof(RequesterEmail), false), ("requester_address", nameof(RequesterAddress), false),
        ("owner_id", nameof(OwnerId), false), ("created_at", nameof(CreatedAt), false), ("forwarded_from", nameof(ForwardedFrom), false),
        ("stage", nameof(Stage), true), ("outcome", nameof(Outcome), true), ("submitted_at", nameof(SubmittedAt), true),
        ("stage_entered_at", nameof(StageEnteredAt), true), ("stage_anchor", nameof(ClockAnchor), true), ("paused_days", nameof(PausedDays), true),
        ("paused_since", nameof(PausedSince), true), ("registration_number", nameof(RegistrationNumber), true),
        ("registered_on", nameof(RegisteredOn), true), ("reopen_stage", nameof(ReopenStage), true), ("overdue_since", nameof(OverdueSince), true),
        ("timeline_seq", nameof(LastTimelineSeq), true), ("workflow", nameof(Workflow), true), ("next_due_at", nameof(NextDueAt), true),
        ("version", nameof(Version), true),
    ];

    /// <summary>Every column with the property it maps to, for writers that name columns themselves (the bulk import).</summary>
    public static IEnumerable<(string Column, string Property)> ColumnProperties => Columns.Select(column => (column.Column, column.Property));

    /// <summary><c>SELECT</c> of every column, aliased to its property; the caller appends the condition.</summary>
    public static readonly string Select =
        $"SELECT {string.Join(", ", Columns.Select(column => $"{column.Column} AS {column.Property}"))} FROM requests";

    public static readonly string Insert =
        $"INSERT INTO requests ({string.Join(", ", Columns.Select(column => column.Column))}) " +
        $"VALUES ({string.Join(", ", Columns.Select(column => "@" + column.Property))})";

    /// <summary>Writes a request over the row it was loaded from, only while that row is still at the version it was loaded at.</summary>
    public static readonly string Update =
        $"UPDATE requests SET {string.Join(", ", Columns.Where(column => column.Saved).Select(column => $"{column.Column} = @{column.Property}"))} " +
        $"WHERE id = @{nameof(Id)} AND version = @{nameof(LoadedVersion)}";

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
    public long LastTimelineSeq { get; init; }
    public string Workflow { get; init; } = StoredWorkflowState.Empty;
    public DateTimeOffset? NextDueAt { get; init; }

    /// <summary>The version the row holds: when read, as stored; when written, the one this write stores.</summary>
    public int Version { get; init; }

    /// <summary>When written, the version the request was loaded at, which the row must still hold.</summary>
    public int LoadedVersion { get; init; }

    /// <summary>The row a save of <paramref name="request"/> writes: one version on from where it was loaded.</summary>
    public static RequestRow From(FoiRequest request) => new()
    {
        Id = request.Id.Value,
        Number = request.Number.Value,
        BodyKey = request.Body.Value,
        StatuteId = request.StatuteId,
        StatuteVersion = request.StatuteVersion,
        Subject = request.Subject,
        Text = request.Text,
        RequesterName = request.Requester.Name,
        RequesterEmail = request.Requester.Email?.Value,
        RequesterAddress = request.Requester.Address,
        OwnerId = request.Owner?.Value,
        Stage = request.Stage.Value,
        Outcome = request.Outcome?.Value,
        CreatedAt = request.CreatedAt,
        SubmittedAt = request.SubmittedAt,
        StageEnteredAt = request.StageEnteredAt,
        ClockAnchor = request.ClockAnchor,
        PausedDays = request.PausedDays,
        PausedSince = request.PausedSince,
        RegistrationNumber = request.RegistrationNumber,
        RegisteredOn = request.RegisteredOn,
        ForwardedFrom = request.ForwardedFrom?.Value,
        ReopenStage = request.ReopenStage?.Value,
        OverdueSince = request.OverdueSince,
        LastTimelineSeq = request.LastTimelineSeq,
        Workflow = StoredWorkflowState.Write(request),
        NextDueAt = request.NextTimerDueAt,
        Version = request.Version + 1,
        LoadedVersion = request.Version,
    };

    public FoiRequest ToDomain()
    {
        var workflow = StoredWorkflowState.Read(Workflow);
        return FoiRequest.Restore(new RequestSnapshot(
            new RequestId(Id),
            RequestNumber.Parse(Number),
            PublicBodyKey.Create(BodyKey),
            StatuteId,
            StatuteVersion,
            Subject,
            Text,
            new Requester(RequesterName, RequesterEmail is null ? null : EmailAddress.Create(RequesterEmail), RequesterAddress),
            OwnerId is null ? null : new UserId(OwnerId.Value),
            new StageKey(Stage),
            Outcome is null ? null : new Outcome(Outcome),
            CreatedAt,
            SubmittedAt,
            StageEnteredAt,
            ClockAnchor,
            PausedDays,
            PausedSince,
            RegistrationNumber,
            RegisteredOn,
            ForwardedFrom is null ? null : new RequestId(ForwardedFrom.Value),
            ReopenStage is null ? null : new StageKey(ReopenStage),
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

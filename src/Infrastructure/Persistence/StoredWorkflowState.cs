using System.Text.Json;
using System.Text.Json.Serialization;
using FoiTracker.Domain.Requests;
using FoiTracker.Domain.Workflows;

namespace FoiTracker.Infrastructure.Persistence;

/// <summary>
/// The part of a request's workflow that only the request itself reads: its armed timers and its
/// computed deadlines, kept as one JSON document in the request's row (column <c>workflow</c>) next
/// to <c>next_due_at</c>, the earliest armed timer, which the sweep's index orders by (ADR 012).
/// <code>{"timers":[{"id","kind","stage","deadline","due","armed"}],"deadlines":[{"key","stage","event","due","paused","statute","calendar"}]}</code>
/// Optional fields follow only when they hold something, so most rows keep the short form:
/// <c>"checkpoint"</c>, where an event last put the request
/// (<c>{"stage","entered","anchor","paused","pausedSince","overdueSince","fromRegistration","steps":[{"stage","kind","at"}]}</c>);
/// <c>"clockFrom":"registration"</c> when the running clock counts from the body's registration;
/// <c>"route"</c>, the way up the ladder fixed at filing (LSG 62(2)); and <c>"flags":[{"key","deadline","raised"}]</c>, missed duties.
/// Migration 0012 writes the same shape from the former tables; a test holds the two together.
/// </summary>
public static class StoredWorkflowState
{
    public const string Empty = """{"timers":[],"deadlines":[]}""";

    private const string FromRegistration = "registration";

    public static string Write(FoiRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Write(request.ActiveTimers, request.Deadlines, request.Checkpoint, request.ClockFromRegistration, request.Route, request.Flags);
    }

    public static string Write(
        IEnumerable<ArmedTimer> timers, IEnumerable<ComputedDeadline> deadlines, StageCheckpoint? checkpoint = null, bool clockFromRegistration = false,
        string? route = null, IEnumerable<RequestFlag>? flags = null)
    {
        var flagged = flags?.Select(f => new Flag(f.Key, f.Deadline, f.RaisedOn)).ToList();
        return JsonSerializer.Serialize(
            new Document(
                timers.Select(t => new Timer(t.Id, t.Kind.Value, t.Stage.Value, t.DeadlineKey, t.DueAt.ToUniversalTime(), t.ArmedAt.ToUniversalTime())).ToList(),
                deadlines.Select(d => new Deadline(d.Key, d.Stage.Value, d.EventDate, d.Due, d.PausedDays, d.StatuteVersion, d.CalendarVersion)).ToList(),
                checkpoint is null ? null : new Checkpoint(
                    checkpoint.Stage.Value, checkpoint.EnteredAt.ToUniversalTime(), checkpoint.ClockAnchor, checkpoint.PausedDays, checkpoint.PausedSince,
                    checkpoint.OverdueSince, checkpoint.ClockFromRegistration,
                    checkpoint.Steps.Select(step => new Step(step.Stage.Value, step.Kind.Value, step.At.ToUniversalTime())).ToList()),
                clockFromRegistration ? FromRegistration : null,
                route,
                flagged is { Count: > 0 } ? flagged : null),
            StoredWorkflowJson.Default.Document);
    }

    public static StoredWorkflow Read(string json) =>
        FromDocument(JsonSerializer.Deserialize(json, StoredWorkflowJson.Default.Document));

    private static StoredWorkflow FromDocument(Document? document)
    {
        if (document is null)
            throw new JsonException("A request's workflow state is null.");
        var checkpoint = document.Checkpoint is { } stored
            ? new StageCheckpoint(
                new StageKey(stored.Stage), stored.Entered.ToUniversalTime(), stored.Anchor, stored.Paused, stored.PausedSince, stored.OverdueSince, stored.FromRegistration,
                (stored.Steps ?? []).Select(step => new TimerStep(new StageKey(step.Stage), new TimerKind(step.Kind), step.At.ToUniversalTime())).ToList())
            : null;
        return new StoredWorkflow(
            document.Timers.Select(t => new ArmedTimer(t.Id, new TimerKind(t.Kind), new StageKey(t.Stage), t.Deadline, t.Due.ToUniversalTime(), t.Armed.ToUniversalTime())).OrderBy(t => t.DueAt).ThenBy(t => t.Id).ToList(),
            document.Deadlines.Select(d => new ComputedDeadline(d.Key, new StageKey(d.Stage), d.Event, d.Due, d.Paused, d.Statute, d.Calendar)).ToList(),
            checkpoint,
            document.ClockFrom == FromRegistration,
            document.Route,
            document.Flags?.Select(f => new RequestFlag(f.Key, f.Deadline, f.Raised)).ToList() ?? []);
    }

    internal sealed record Document(
        [property: JsonPropertyName("timers")] IReadOnlyList<Timer> Timers,
        [property: JsonPropertyName("deadlines")] IReadOnlyList<Deadline> Deadlines,
        [property: JsonPropertyName("checkpoint"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Checkpoint? Checkpoint = null,
        [property: JsonPropertyName("clockFrom"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ClockFrom = null,
        [property: JsonPropertyName("route"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Route = null,
        [property: JsonPropertyName("flags"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<Flag>? Flags = null);

    internal sealed record Flag(
        [property: JsonPropertyName("key")] string Key,
        [property: JsonPropertyName("deadline")] string? Deadline,
        [property: JsonPropertyName("raised")] DateOnly Raised);

    internal sealed record Timer(
        [property: JsonPropertyName("id")] Guid Id,
        [property: JsonPropertyName("kind")] string Kind,
        [property: JsonPropertyName("stage")] string Stage,
        [property: JsonPropertyName("deadline")] string? Deadline,
        [property: JsonPropertyName("due")] DateTimeOffset Due,
        [property: JsonPropertyName("armed")] DateTimeOffset Armed);

    internal sealed record Deadline(
        [property: JsonPropertyName("key")] string Key,
        [property: JsonPropertyName("stage")] string Stage,
        [property: JsonPropertyName("event")] DateOnly Event,
        [property: JsonPropertyName("due")] DateOnly Due,
        [property: JsonPropertyName("paused")] int Paused,
        [property: JsonPropertyName("statute")] int Statute,
        [property: JsonPropertyName("calendar")] int Calendar);

    internal sealed record Checkpoint(
        [property: JsonPropertyName("stage")] string Stage,
        [property: JsonPropertyName("entered")] DateTimeOffset Entered,
        [property: JsonPropertyName("anchor")] DateOnly? Anchor,
        [property: JsonPropertyName("paused")] int Paused,
        [property: JsonPropertyName("pausedSince")] DateOnly? PausedSince,
        [property: JsonPropertyName("overdueSince")] DateOnly? OverdueSince,
        [property: JsonPropertyName("fromRegistration")] bool FromRegistration,
        [property: JsonPropertyName("steps")] IReadOnlyList<Step>? Steps);

    internal sealed record Step(
        [property: JsonPropertyName("stage")] string Stage,
        [property: JsonPropertyName("kind")] string Kind,
        [property: JsonPropertyName("at")] DateTimeOffset At);
}

/// <summary>
/// A request's workflow state as stored: armed timers in due order, deadlines, the checkpoint a correction
/// returns to, whether the clock counts from registration, the route and the raised flags.
/// </summary>
public sealed record StoredWorkflow(
    IReadOnlyList<ArmedTimer> Timers, IReadOnlyList<ComputedDeadline> Deadlines, StageCheckpoint? Checkpoint, bool ClockFromRegistration,
    string? Route, IReadOnlyList<RequestFlag> Flags)
{
    public void Deconstruct(out IReadOnlyList<ArmedTimer> timers, out IReadOnlyList<ComputedDeadline> deadlines)
    {
        timers = Timers;
        deadlines = Deadlines;
    }
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(StoredWorkflowState.Document))]
internal sealed partial class StoredWorkflowJson : JsonSerializerContext;

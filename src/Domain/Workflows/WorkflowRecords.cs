using System.Globalization;
using FoiTracker.Domain.Requests;

namespace FoiTracker.Domain.Workflows;

/// <summary>
/// A timer armed for a request by the stage it entered at <paramref name="ArmedAt"/>. The request
/// keeps its armed timers; the sweep claims the request when the earliest is due.
/// </summary>
public sealed record ArmedTimer(Guid Id, TimerKind Kind, StageKey Stage, string? DeadlineKey, DateTimeOffset DueAt, DateTimeOffset ArmedAt);

/// <summary>
/// A missed duty the request is marked with (a flag of the workflow), the deadline it was missed
/// against, and the legal date it was found.
/// </summary>
public sealed record RequestFlag(string Key, string? Deadline, DateOnly RaisedOn);

/// <summary>One line of a request's audit trail.</summary>
public sealed record TimelineEntry(
    Guid Id,
    int Seq,
    DateTimeOffset At,
    TimelineKind Kind,
    string Actor,
    string? Detail,
    StageKey? FromStage,
    StageKey? ToStage,
    int StatuteVersion,
    string? EventKey);

/// <summary>A side effect to carry out once: its dedup key is stable for the step that produced it.</summary>
public sealed record PendingEffect(Guid Id, string DedupKey, string Kind, string Name, string Recipient, DateTimeOffset At)
{
    /// <summary>
    /// The dedup key of one effect of one step: the step (its instant, the request, the step's source)
    /// and the effect, so a step written twice produces each effect once. It leads with the instant in
    /// a fixed-width UTC form: steps are written roughly in time order, so the outbox's unique index
    /// grows at its end instead of taking a random page per effect.
    /// </summary>
    public static string DedupKeyFor(DateTimeOffset at, RequestId request, string source, string kind, string name, string recipient) =>
        string.Create(CultureInfo.InvariantCulture, $"{at.UtcDateTime:yyyyMMdd'T'HHmmss'.'fffffff'Z'}:{request.Value:N}:{source}:{kind}:{name}:{recipient}");
}

/// <summary>Who did something: the requester, a staff member, or the system (a timer).</summary>
public sealed record WorkflowActor(string Kind, Guid? UserId, string Name)
{
    public const string RequesterKind = "requester";
    public const string StaffKind = "staff";
    public const string SystemKind = "system";

    public static readonly WorkflowActor System = new(SystemKind, null, "system");

    public bool IsStaff => Kind == StaffKind;

    public override string ToString() => UserId is null ? Kind : $"{Kind}:{Name}";
}

/// <summary>An event sent to a request's workflow, with the facts it carries.</summary>
/// <param name="Reference">The number the body gave its answer letter; a complaint names the refusal by it.</param>
public sealed record WorkflowEventInput(
    EventKind Kind,
    DateTimeOffset OccurredAt,
    Outcome? Outcome = null,
    string? Note = null,
    string? RegistrationNumber = null,
    DateOnly? RegisteredOn = null,
    string? EventKey = null,
    string? Reference = null);

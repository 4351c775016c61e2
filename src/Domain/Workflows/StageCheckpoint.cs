namespace FoiTracker.Domain.Workflows;

/// <summary>
/// Where a request stood when an event last put it in a stage, kept while only its timers move it on.
/// An answer that reaches the service late but is dated before those moves (a reply received on time,
/// recorded after the request was marked overdue) is applied from here, as of its own date.
/// </summary>
/// <param name="Steps">The timers that fired with effects since, oldest first: what a correction cannot recall.</param>
public sealed record StageCheckpoint(
    StageKey Stage,
    DateTimeOffset EnteredAt,
    DateOnly? ClockAnchor,
    int PausedDays,
    DateOnly? PausedSince,
    DateOnly? OverdueSince,
    bool ClockFromRegistration,
    IReadOnlyList<TimerStep> Steps);

/// <summary>A timer that fired with effects: the stage that armed it, its kind and its instant.</summary>
public sealed record TimerStep(StageKey Stage, TimerKind Kind, DateTimeOffset At);

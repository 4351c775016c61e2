using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Users;
using FoiTracker.Domain.Workflows;

namespace FoiTracker.Domain.Requests;

/// <summary>
/// A freedom-of-information request to one public body, run as its statute's workflow. It is
/// pinned to the statute version in force when it was filed, so a later change of the law's data
/// never silently moves it. Every change goes through a named method that checks the stage,
/// records a timeline entry and collects the timers, deadlines and effects for the repository to
/// write in the same transaction.
/// </summary>
public sealed class FoiRequest
{
    public const int MaxSubjectLength = 300;
    public const int MaxTextLength = 100_000;

    private readonly List<ArmedTimer> _activeTimers = [];
    private readonly List<ArmedTimer> _newTimers = [];
    private readonly List<ArmedTimer> _cancelledTimers = [];
    private readonly List<ArmedTimer> _firedTimers = [];
    private readonly List<TimelineEntry> _newTimeline = [];
    private readonly List<PendingEffect> _newEffects = [];
    private readonly Dictionary<string, ComputedDeadline> _deadlines = new(StringComparer.Ordinal);

    private FoiRequest(RequestId id, RequestNumber number, PublicBodyKey body, string statuteId, int statuteVersion,
        string subject, string text, Requester requester, UserId? owner, DateTimeOffset createdAt)
    {
        Id = id;
        Number = number;
        Body = body;
        StatuteId = statuteId;
        StatuteVersion = statuteVersion;
        Subject = subject;
        Text = text;
        Requester = requester;
        Owner = owner;
        CreatedAt = createdAt;
        Stage = string.Empty;
    }

    public RequestId Id { get; }

    public RequestNumber Number { get; }

    public PublicBodyKey Body { get; }

    public string StatuteId { get; }

    public int StatuteVersion { get; }

    public string Subject { get; }

    public string Text { get; }

    public Requester Requester { get; }

    /// <summary>The account that filed the request, if it was filed by a signed-in citizen.</summary>
    public UserId? Owner { get; }

    /// <summary>The workflow stage (a key of the statute's workflow definition).</summary>
    public string Stage { get; private set; }

    /// <summary>How the body answered (complete, partial, refused, not_held, forwarded), once it did.</summary>
    public string? Outcome { get; private set; }

    /// <summary>When the request was recorded here (UTC).</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>When the request was sent to the body (UTC); may lie before <see cref="CreatedAt"/> for a letter sent on paper.</summary>
    public DateTimeOffset? SubmittedAt { get; private set; }

    public DateTimeOffset? StageEnteredAt { get; private set; }

    /// <summary>The legal date the running clock counts from.</summary>
    public DateOnly? ClockAnchor { get; private set; }

    /// <summary>Days the running clock has been stopped for (clarification).</summary>
    public int PausedDays { get; private set; }

    public DateOnly? PausedSince { get; private set; }

    /// <summary>The body's registration number and date (GAC 79), once known.</summary>
    public string? RegistrationNumber { get; private set; }

    public DateOnly? RegisteredOn { get; private set; }

    public RequestId? ForwardedFrom { get; private set; }

    /// <summary>The stage a closed or withdrawn request goes back to when reopened.</summary>
    public string? ReopenStage { get; private set; }

    /// <summary>The legal date the request first became overdue, if it did.</summary>
    public DateOnly? OverdueSince { get; private set; }

    /// <summary>The stored version; the repository refuses a save over a newer one.</summary>
    public int Version { get; private set; }

    public int LastTimelineSeq { get; private set; }

    public IReadOnlyList<ArmedTimer> ActiveTimers => _activeTimers;

    public IReadOnlyCollection<ComputedDeadline> Deadlines => _deadlines.Values;

    public IReadOnlyList<ArmedTimer> NewTimers => _newTimers;

    /// <summary>Timers this step disarmed (the request left their stage).</summary>
    public IReadOnlyList<ArmedTimer> CancelledTimers => _cancelledTimers;

    /// <summary>Timers this step fired.</summary>
    public IReadOnlyList<ArmedTimer> FiredTimers => _firedTimers;

    /// <summary>When the earliest armed timer is due; the sweep claims the request then.</summary>
    public DateTimeOffset? NextTimerDueAt => _activeTimers.Count == 0 ? null : _activeTimers.Min(timer => timer.DueAt);

    public IReadOnlyList<TimelineEntry> NewTimeline => _newTimeline;

    public IReadOnlyList<PendingEffect> NewEffects => _newEffects;

    /// <summary>
    /// Files a new request. With <paramref name="submittedAt"/> it is recorded as already sent
    /// (possibly on paper, in the past) and its workflow starts at that instant: timers that fell
    /// due since then fire on the next sweep, in order. Without it, it stays a draft.
    /// </summary>
    public static FoiRequest File(
        RequestId id,
        RequestNumber number,
        PublicBodyKey body,
        string statuteId,
        string subject,
        string text,
        Requester requester,
        UserId? owner,
        WorkflowActor actor,
        DateTimeOffset now,
        DateTimeOffset? submittedAt,
        IWorkflowContext context,
        RequestId? forwardedFrom = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(statuteId);
        ArgumentException.ThrowIfNullOrWhiteSpace(subject);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        ArgumentNullException.ThrowIfNull(requester);
        ArgumentNullException.ThrowIfNull(context);
        if (subject.Length > MaxSubjectLength)
            throw new ArgumentException($"A subject has at most {MaxSubjectLength} characters.", nameof(subject));
        if (text.Length > MaxTextLength)
            throw new ArgumentException($"A request text has at most {MaxTextLength} characters.", nameof(text));
        if (submittedAt > now)
            throw new BusinessRuleViolationException(
                "RequestCannotBeSubmittedInTheFuture",
                "A request cannot be recorded as sent at a time that has not come yet.");

        var request = new FoiRequest(id, number, body, statuteId, context.StatuteVersion, subject.Trim(), text, requester, owner, now.ToUniversalTime())
        {
            ForwardedFrom = forwardedFrom,
        };
        var definition = context.Definition;
        request.EnterStage(definition.DraftStage, now, actor, context, "filed", forwardedFrom is null ? "Request filed." : $"Request opened by forwarding from {forwardedFrom}.", eventKey: null);
        if (submittedAt is { } sent)
            request.Apply(new WorkflowEventInput("submit", sent, Note: sent < now ? "Recorded as sent on this date." : null), actor, now, context);
        return request;
    }

    /// <summary>
    /// Applies an event (an answer, an extension notice, an escalation…). The stage must accept it
    /// and the actor must be allowed to send it; otherwise a rule is broken with a sentence saying why.
    /// </summary>
    public void Apply(WorkflowEventInput input, WorkflowActor actor, DateTimeOffset now, IWorkflowContext context)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(context);
        var stage = context.Definition.Stage(Stage);
        if (!stage.Events.TryGetValue(input.Kind, out var definition))
        {
            var accepted = stage.Events.Keys.Order(StringComparer.Ordinal).ToList();
            throw new BusinessRuleViolationException(
                "EventNotAcceptedInStage",
                $"A request in stage '{Stage}' cannot take '{input.Kind}'." +
                (accepted.Count == 0 ? " It accepts no events." : $" It accepts: {string.Join(", ", accepted)}."));
        }

        if (definition.AllowedSender == AllowedSender.Staff && !actor.IsStaff)
            throw new BusinessRuleViolationException("EventNeedsStaff", $"Only staff can record '{input.Kind}'.");
        if (input.OccurredAt > now)
            throw new BusinessRuleViolationException("EventCannotHappenInTheFuture", $"'{input.Kind}' cannot be recorded for a time that has not come yet.");
        if (SubmittedAt is { } sent && input.OccurredAt < sent)
            throw new BusinessRuleViolationException("EventCannotPrecedeSubmission", $"'{input.Kind}' cannot have happened before the request was sent ({sent:yyyy-MM-dd}).");
        if (StageEnteredAt is { } entered && input.OccurredAt < entered && input.Kind != "submit")
            throw new BusinessRuleViolationException("EventCannotPrecedeStage", $"'{input.Kind}' cannot have happened before the request reached stage '{Stage}' ({entered:yyyy-MM-dd}).");

        string? target = definition.To;
        if (definition.NeedsOutcome)
        {
            if (input.Outcome is null || !definition.ToByOutcome.TryGetValue(input.Outcome, out target))
                throw new BusinessRuleViolationException(
                    "EventNeedsOutcome",
                    $"'{input.Kind}' needs an outcome: one of {string.Join(", ", definition.ToByOutcome.Keys)}.");
            Outcome = input.Outcome;
        }

        if (input.RegistrationNumber is not null)
        {
            RegistrationNumber = input.RegistrationNumber.Trim();
            RegisteredOn = input.RegisteredOn ?? context.LegalDate(input.OccurredAt);
        }

        if (input.Kind == "submit")
            SubmittedAt = input.OccurredAt.ToUniversalTime();

        var detail = Describe(input);
        if (target is null)
        {
            Record(input.OccurredAt, "event:" + input.Kind, actor, detail, Stage, Stage, input.EventKey, context);
            AddEffects(definition.Effects, input.EventKey ?? _newTimeline[^1].Id.ToString("N"), input.OccurredAt);
            return;
        }

        if (target == WorkflowDefinition.ReopenTarget)
        {
            target = ReopenStage ?? context.Definition.SubmittedStage;
            ReopenStage = null;
        }
        else if (context.Definition.Stage(target).Terminal)
        {
            ReopenStage = Stage;
        }

        EnterStage(target, input.OccurredAt, actor, context, "event:" + input.Kind, detail, input.EventKey);
        AddEffects(definition.Effects, input.EventKey ?? _newTimeline[^1].Id.ToString("N"), input.OccurredAt);
    }

    /// <summary>
    /// Writes a timeline entry that changes nothing else: a mail sent, refused by the server, bounced,
    /// or received. A key makes it idempotent (the database refuses a second entry with the same key).
    /// </summary>
    public void Annotate(string kind, DateTimeOffset at, WorkflowActor actor, string? detail, string? eventKey, IWorkflowContext context)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(context);
        Record(at, kind, actor, detail, Stage, Stage, eventKey, context);
    }

    /// <summary>
    /// The armed timer that fires next if it is due at <paramref name="now"/>: the earliest, and of
    /// timers due at the same instant the one armed first (timer ids are ordered by creation time).
    /// </summary>
    public ArmedTimer? NextDueTimer(DateTimeOffset now)
    {
        ArmedTimer? next = null;
        foreach (var timer in _activeTimers)
        {
            if (timer.DueAt <= now && (next is null || timer.DueAt < next.DueAt || (timer.DueAt == next.DueAt && timer.Id.CompareTo(next.Id) < 0)))
                next = timer;
        }

        return next;
    }

    /// <summary>
    /// Fires one of this request's armed timers. A timer that is no longer armed does nothing; one
    /// armed by a stage the request has left is disarmed instead of fired.
    /// </summary>
    /// <returns>Whether the timer applied; false when it was not armed or stale.</returns>
    public bool FireTimer(Guid timerId, DateTimeOffset now, IWorkflowContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var timer = _activeTimers.FirstOrDefault(candidate => candidate.Id == timerId);
        if (timer is null)
            return false;
        if (timer.Stage != Stage)
        {
            _cancelledTimers.Add(timer);
            _activeTimers.Remove(timer);
            return false;
        }

        var stage = context.Definition.Stage(Stage);
        var definition = stage.Timers.FirstOrDefault(candidate => candidate.Kind == timer.Kind)
            ?? throw new InvalidOperationException($"Stage '{Stage}' of {StatuteId} v{StatuteVersion} defines no timer '{timer.Kind}'.");
        _firedTimers.Add(timer);
        _activeTimers.Remove(timer);

        // The transition happens at the timer's own instant, not at the sweep's: a request caught
        // up after downtime or recorded late gets the same dates as one swept on time.
        var at = timer.DueAt;
        var deadline = timer.DeadlineKey is { } key && _deadlines.TryGetValue(key, out var computed) ? computed : null;
        if (definition.SkipWhenLate && deadline is not null && now >= context.StartOfDay(deadline.Due.AddDays(1)))
        {
            Record(at, "timer:" + timer.Kind, WorkflowActor.System, $"Skipped: the deadline '{deadline.Key}' (due {deadline.Due:yyyy-MM-dd}) had already passed when it fired.", Stage, Stage, null, context);
            return true;
        }

        var detail = deadline is null
            ? $"Timer '{timer.Kind}' fired."
            : $"Timer '{timer.Kind}' fired for deadline '{deadline.Key}' (due {deadline.Due:yyyy-MM-dd}).";
        if (definition.To is null)
            Record(at, "timer:" + timer.Kind, WorkflowActor.System, detail, Stage, Stage, null, context);
        else
            EnterStage(definition.To, at, WorkflowActor.System, context, "timer:" + timer.Kind, detail, null);

        AddEffects(definition.Effects, "timer-" + timer.Id.ToString("N"), at);
        return true;
    }

    /// <summary>
    /// Brings in a request from another record (an NGO's archive, a spreadsheet) in the stage it
    /// reached there. No workflow runs and no timer is armed: history is recorded, not replayed.
    /// </summary>
    public static FoiRequest Import(
        RequestId id, RequestNumber number, PublicBodyKey body, string statuteId, int statuteVersion,
        string subject, string text, Requester requester, string stage, DateTimeOffset createdAt, DateTimeOffset? submittedAt) =>
        Restore(new RequestSnapshot(
            id, number, body, statuteId, statuteVersion, subject, text, requester, null, stage, null, createdAt.ToUniversalTime(),
            submittedAt?.ToUniversalTime(), null, null, 0, null, null, null, null, null, null, 0, 0, [], []));

    /// <summary>Rebuilds a stored request; no rule is checked because it was checked when it was written.</summary>
    public static FoiRequest Restore(RequestSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var request = new FoiRequest(snapshot.Id, snapshot.Number, snapshot.Body, snapshot.StatuteId, snapshot.StatuteVersion,
            snapshot.Subject, snapshot.Text, snapshot.Requester, snapshot.Owner, snapshot.CreatedAt)
        {
            Stage = snapshot.Stage,
            Outcome = snapshot.Outcome,
            SubmittedAt = snapshot.SubmittedAt,
            StageEnteredAt = snapshot.StageEnteredAt,
            ClockAnchor = snapshot.ClockAnchor,
            PausedDays = snapshot.PausedDays,
            PausedSince = snapshot.PausedSince,
            RegistrationNumber = snapshot.RegistrationNumber,
            RegisteredOn = snapshot.RegisteredOn,
            ForwardedFrom = snapshot.ForwardedFrom,
            ReopenStage = snapshot.ReopenStage,
            OverdueSince = snapshot.OverdueSince,
            Version = snapshot.Version,
            LastTimelineSeq = snapshot.LastTimelineSeq,
        };
        request._activeTimers.AddRange(snapshot.ActiveTimers);
        foreach (var deadline in snapshot.Deadlines)
            request._deadlines[deadline.Key] = deadline;
        return request;
    }

    /// <summary>Called by the repository once the changes are written: the request now stands at a new version.</summary>
    public void MarkSaved()
    {
        Version++;
        _newTimers.Clear();
        _cancelledTimers.Clear();
        _firedTimers.Clear();
        _newTimeline.Clear();
        _newEffects.Clear();
    }

    private void EnterStage(string key, DateTimeOffset at, WorkflowActor actor, IWorkflowContext context, string kind, string? detail, string? eventKey)
    {
        var definition = context.Definition;
        var next = definition.Stage(key);
        var from = Stage.Length == 0 ? null : Stage;
        var legalDate = context.LegalDate(at);

        // Leaving a paused stage: the days it stood still are added to the clock that resumes.
        if (PausedSince is { } pausedOn && !next.PausesClock)
        {
            PausedDays += context.PausedDaysBetween(next.Clock, pausedOn, legalDate);
            PausedSince = null;
        }

        // Leaving a stage disarms its timers; ones armed in this same step were never written.
        foreach (var timer in _activeTimers)
        {
            if (_newTimers.Remove(timer) is false)
                _cancelledTimers.Add(timer);
        }

        _activeTimers.Clear();

        Stage = key;
        StageEnteredAt = at.ToUniversalTime();
        Record(at, kind, actor, detail, from, key, eventKey, context);

        if (next.PausesClock)
        {
            PausedSince ??= legalDate;
            return;
        }

        if (next.Overdue)
            OverdueSince ??= legalDate;

        if (next.Clock is not null && (next.ClockStart == ClockStart.StageEntry || ClockAnchor is null))
        {
            ClockAnchor = legalDate;
            PausedDays = 0;
        }

        if (next.Clock is { } clock)
            SetDeadline(context.Compute(clock, key, ClockAnchor!.Value, PausedDays));

        foreach (var timer in next.Timers)
        {
            DateTimeOffset dueAt;
            if (timer.Deadline is { } deadlineKey)
            {
                var anchor = next.Clock is null ? legalDate : ClockAnchor!.Value;
                var deadline = deadlineKey == next.Clock ? _deadlines[deadlineKey] : context.Compute(deadlineKey, key, anchor, 0);
                if (deadlineKey != next.Clock)
                    SetDeadline(deadline);
                dueAt = context.StartOfDay(deadline.Due.AddDays(1 + timer.OffsetDays));
            }
            else
            {
                dueAt = context.StartOfDay(legalDate.AddDays(timer.OffsetDays));
            }

            // A timer never fires before the moment that armed it.
            if (dueAt < at)
                dueAt = at;
            var armed = new ArmedTimer(Uuid7.New(), timer.Kind, key, timer.Deadline, dueAt.ToUniversalTime(), at.ToUniversalTime());
            _activeTimers.Add(armed);
            _newTimers.Add(armed);
        }
    }

    private void SetDeadline(ComputedDeadline deadline) => _deadlines[deadline.Key] = deadline;

    private void Record(DateTimeOffset at, string kind, WorkflowActor actor, string? detail, string? from, string? to, string? eventKey, IWorkflowContext context) =>
        _newTimeline.Add(new TimelineEntry(
            Uuid7.New(), ++LastTimelineSeq, at.ToUniversalTime(), kind, actor.ToString(), detail, from, to, context.StatuteVersion, eventKey));

    private void AddEffects(IReadOnlyList<WorkflowEffect> effects, string source, DateTimeOffset at)
    {
        foreach (var effect in effects)
        {
            _newEffects.Add(new PendingEffect(
                Uuid7.New(), PendingEffect.DedupKeyFor(at, Id, source, effect.Kind, effect.Name, effect.Recipient),
                effect.Kind, effect.Name, effect.Recipient, at.ToUniversalTime()));
        }
    }

    private static string? Describe(WorkflowEventInput input)
    {
        var parts = new List<string>();
        if (input.Outcome is not null)
            parts.Add(EventDetail.Outcome(input.Outcome));
        if (input.RegistrationNumber is not null)
            parts.Add($"Registered as {input.RegistrationNumber.Trim()}{(input.RegisteredOn is { } on ? $" on {on:yyyy-MM-dd}" : string.Empty)}.");
        if (!string.IsNullOrWhiteSpace(input.Reference))
            parts.Add(EventDetail.Reference(input.Reference));
        if (!string.IsNullOrWhiteSpace(input.Note))
            parts.Add(input.Note.Trim());
        return parts.Count == 0 ? null : string.Join(' ', parts);
    }
}

/// <summary>What the repository reads back to rebuild a request.</summary>
public sealed record RequestSnapshot(
    RequestId Id,
    RequestNumber Number,
    PublicBodyKey Body,
    string StatuteId,
    int StatuteVersion,
    string Subject,
    string Text,
    Requester Requester,
    UserId? Owner,
    string Stage,
    string? Outcome,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? StageEnteredAt,
    DateOnly? ClockAnchor,
    int PausedDays,
    DateOnly? PausedSince,
    string? RegistrationNumber,
    DateOnly? RegisteredOn,
    RequestId? ForwardedFrom,
    string? ReopenStage,
    DateOnly? OverdueSince,
    int Version,
    int LastTimelineSeq,
    IReadOnlyList<ArmedTimer> ActiveTimers,
    IReadOnlyList<ComputedDeadline> Deadlines);

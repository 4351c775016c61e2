using System.Globalization;
using System.Text;
using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Statutes;
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
public sealed partial class FoiRequest
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

    /// <summary>The deadlines as the request was loaded or last saved with: what a step changed is told against them.</summary>
    private Dictionary<string, ComputedDeadline> _savedDeadlines = new(StringComparer.Ordinal);
    private readonly List<RequestFlag> _flags = [];

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
    public StageKey Stage { get; private set; }

    /// <summary>How the body answered (complete, partial, refused, not_held, forwarded), once it did.</summary>
    public Outcome? Outcome { get; private set; }

    /// <summary>When the request was recorded here (UTC).</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>When the request was sent to the body (UTC); may lie before <see cref="CreatedAt"/> for a letter sent on paper.</summary>
    public DateTimeOffset? SubmittedAt { get; private set; }

    public DateTimeOffset? StageEnteredAt { get; private set; }

    /// <summary>Whether the request was recorded as sent before it was filed here (on paper): the service did not send it.</summary>
    public bool RecordedAsSentOnPaper => SubmittedAt is { } sent && sent < CreatedAt;

    /// <summary>The legal date the running clock counts from.</summary>
    public DateOnly? ClockAnchor { get; private set; }

    /// <summary>Days the running clock has been stopped for (clarification).</summary>
    public int PausedDays { get; private set; }

    public DateOnly? PausedSince { get; private set; }

    /// <summary>The body's registration number and date (GAC 79), once known.</summary>
    public string? RegistrationNumber { get; private set; }

    public DateOnly? RegisteredOn { get; private set; }

    public RequestId? ForwardedFrom { get; private set; }

    /// <summary>
    /// The route up the statute's ladder, decided from the body's kind when the request was filed and
    /// kept with it, so a later change to the body's data does not move a running request (LSG 62(2)).
    /// Null for a statute without routes and for requests filed before routes existed: the default way.
    /// </summary>
    public string? Route { get; private set; }

    /// <summary>Duties the body missed, found by the workflow (no written reasons for a refusal, GAC 41).</summary>
    public IReadOnlyList<RequestFlag> Flags => _flags;

    /// <summary>The stage a closed or withdrawn request goes back to when reopened.</summary>
    public StageKey? ReopenStage { get; private set; }

    /// <summary>The legal date the request first became overdue, if it did.</summary>
    public DateOnly? OverdueSince { get; private set; }

    /// <summary>Whether the running clock counts from the body's registration (Resolution 219/2013, Art 4(3)) rather than from the sending.</summary>
    public bool ClockFromRegistration { get; private set; }

    /// <summary>Where an event last put the request, and the timer steps since: what a late-recorded, earlier-dated answer returns to.</summary>
    public StageCheckpoint? Checkpoint { get; private set; }

    /// <summary>The stored version; the repository refuses a save over a newer one.</summary>
    public int Version { get; private set; }

    public int LastTimelineSeq { get; private set; }

    public IReadOnlyList<ArmedTimer> ActiveTimers => _activeTimers;

    public IReadOnlyCollection<ComputedDeadline> Deadlines => _deadlines.Values;

    /// <summary>Whether this step set <paramref name="deadline"/> anew or moved it, since the request was loaded or saved.</summary>
    public bool Changed(ComputedDeadline deadline)
    {
        ArgumentNullException.ThrowIfNull(deadline);
        return !_savedDeadlines.TryGetValue(deadline.Key, out var saved) || saved != deadline;
    }

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
        RequestId? forwardedFrom = null,
        BodyKind? bodyKind = null)
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
        request.Route = definition.RouteFor(bodyKind?.ToName())?.Key;
        request.EnterStage(definition.DraftStage, now, actor, context, TimelineKind.Filed, forwardedFrom is null ? "Request filed." : $"Request opened by forwarding from {forwardedFrom}.", eventKey: null);
        if (submittedAt is not { } sent)
            return request;
        if (forwardedFrom is not null && definition.ForwardedStage is { } forwarded)
        {
            // GAC 80: the body that received the request sent it on; nobody sends it again, and the
            // new body's clock runs from the day it reached it.
            request.SubmittedAt = sent.ToUniversalTime();
            request.EnterStage(forwarded, sent, actor, context, TimelineKind.ForwardedIn, "Received by forwarding from another body (GAC 80).", eventKey: null);
            return request;
        }

        request.Submit(sent, actor, now, context, note: sent < now ? "Recorded as sent on this date." : null);
        return request;
    }

    /// <summary>
    /// Applies an event (an answer, an extension notice, an escalation…). The stage must accept it
    /// and the actor must be allowed to send it; otherwise a rule is broken with a sentence saying why.
    /// An event dated before the stage the request's own timers moved it into (an answer received on
    /// time but recorded after the request was marked overdue) puts the request back in the stage an
    /// event last put it in and takes effect there on its own date; one dated before a stage a person
    /// chose stays refused.
    /// </summary>
    /// <param name="sending">The body's kind and how the request was sent, for a deadline that counts from the body's registration; without them it counts from the sending.</param>
    public void Apply(WorkflowEventInput input, WorkflowActor actor, DateTimeOffset now, IWorkflowContext context, SendingFacts? sending = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(context);
        if (input.OccurredAt > now)
            throw new BusinessRuleViolationException("EventCannotHappenInTheFuture", $"'{input.Kind}' cannot be recorded for a time that has not come yet.");
        var registeredOn = input.RegisteredOn ?? (input.RegistrationNumber is null ? null : context.LegalDate(input.OccurredAt));
        if (registeredOn is { } on && SubmittedAt is { } sentAt && on < context.LegalDate(sentAt))
        {
            throw new BusinessRuleViolationException(
                "RegistrationCannotPrecedeSubmission",
                $"The body cannot have registered the request on {on:yyyy-MM-dd}, before it was sent ({context.LegalDate(sentAt):yyyy-MM-dd}).");
        }

        if (SubmittedAt is { } sent && input.OccurredAt < sent)
            throw new BusinessRuleViolationException("EventCannotPrecedeSubmission", $"'{input.Kind}' cannot have happened before the request was sent ({sent:yyyy-MM-dd}).");

        var checkpoint = input.Kind != EventKind.Submit && StageEnteredAt is { } entered && input.OccurredAt < entered
            ? CheckpointBefore(input, entered, registeredOn, sending, context)
            : null;
        var stage = context.Definition.Stage(checkpoint?.Stage ?? Stage);
        if (!stage.Events.TryGetValue(input.Kind, out var definition))
        {
            var accepted = stage.Events.Keys.Select(kind => kind.Value).Order(StringComparer.Ordinal).ToList();
            throw new BusinessRuleViolationException(
                "EventNotAcceptedInStage",
                $"A request in stage '{stage.Key}' cannot take '{input.Kind}'." +
                (accepted.Count == 0 ? " It accepts no events." : $" It accepts: {string.Join(", ", accepted)}."));
        }

        if (definition.AllowedSender == AllowedSender.Staff && !actor.IsStaff)
            throw new BusinessRuleViolationException("EventNeedsStaff", $"Only staff can record '{input.Kind}'.");

        var target = definition.To;
        if (definition.NeedsOutcome)
        {
            if (input.Outcome is not { } outcome || !definition.ToByOutcome.TryGetValue(outcome, out var byOutcome))
            {
                throw new BusinessRuleViolationException(
                    "EventNeedsOutcome",
                    $"'{input.Kind}' needs an outcome: one of {string.Join(", ", definition.ToByOutcome.Keys)}.");
            }

            target = byOutcome;
        }

        if (checkpoint is not null)
            ReturnTo(checkpoint, input, actor, now, context);
        if (definition.NeedsOutcome)
            Outcome = input.Outcome;
        var recount = registeredOn is { } registered ? Register(input.RegistrationNumber, registered, stage, target, sending, context) : null;
        if (input.Kind == EventKind.Submit)
            SubmittedAt = input.OccurredAt.ToUniversalTime();

        var detail = Describe(input);
        if (target is not { } next)
        {
            Record(input.OccurredAt, TimelineKind.Of(input.Kind), actor, detail, Stage, Stage, input.EventKey, context);
            var source = input.EventKey ?? _newTimeline[^1].Id.ToString("N");
            if (recount is not null)
            {
                DisarmTimers();
                ArmStage(stage, input.OccurredAt, context.LegalDate(StageEnteredAt ?? input.OccurredAt), ClockAnchor!.Value, context);
                RecordRecount(recount, input.OccurredAt, actor, context);
            }

            if (definition.Satisfies is { } met)
                Satisfy(met, stage, input.OccurredAt, actor, context);
            AddEffects(definition.Effects, source, input.OccurredAt);
            // Where no timer has moved the request since, this is where a later correction starts from (an
            // imported request, which never entered a stage here, has none).
            if (StageEnteredAt is not null && (Checkpoint is null || Checkpoint.EnteredAt == StageEnteredAt))
                Checkpoint = Here(Checkpoint?.Steps ?? []);
            return;
        }

        if (next == StageKey.Reopen)
        {
            next = ReopenStage ?? context.Definition.SubmittedStage;
            ReopenStage = null;
        }
        else
        {
            next = context.Definition.OnRoute(Route, next);
            if (context.Definition.Stage(next).Terminal)
                ReopenStage = Stage;
        }

        EnterStage(next, input.OccurredAt, actor, context, TimelineKind.Of(input.Kind), detail, input.EventKey);
        var entrySource = input.EventKey ?? _newTimeline[^1].Id.ToString("N");
        if (recount is not null)
            RecordRecount(recount, input.OccurredAt, actor, context);
        if (definition.Satisfies is { } fulfilled)
            Satisfy(fulfilled, stage, input.OccurredAt, actor, context);
        AddEffects(definition.Effects, entrySource, input.OccurredAt);
        Checkpoint = Here([]);
    }

    /// <summary>
    /// Writes a timeline entry that changes nothing else: a mail sent, refused by the server, bounced,
    /// or received. A key makes it idempotent (the database refuses a second entry with the same key).
    /// </summary>
    public void Annotate(TimelineKind kind, DateTimeOffset at, WorkflowActor actor, string? detail, string? eventKey, IWorkflowContext context)
    {
        // An event or a timer moves the workflow: it goes through Apply or FireTimer, never in as a note.
        if (kind.Value is null || kind.IsEvent || kind.IsTimer)
            throw new ArgumentException($"'{kind}' is not a note on the timeline.", nameof(kind));
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
            Record(at, TimelineKind.Of(timer.Kind), WorkflowActor.System, $"Skipped: the deadline '{deadline.Key}' (due {deadline.Due:yyyy-MM-dd}) had already passed when it fired.", Stage, Stage, null, context);
            return true;
        }

        var detail = deadline is null
            ? $"Timer '{timer.Kind}' fired."
            : $"Timer '{timer.Kind}' fired for deadline '{deadline.Key}' (due {deadline.Due:yyyy-MM-dd}).";
        if (definition.To is not { } next)
            Record(at, TimelineKind.Of(timer.Kind), WorkflowActor.System, detail, Stage, Stage, null, context);
        else
        {
            // A stage a missed deadline leads to counts its windows from that deadline's last day, as the
            // law does ("within one month of the deadline passing", GAC 178; APC 22(3); FOISA s.20(5)(b)…):
            // the first day counted is the day after the due date, which is the day the request became overdue.
            EnterStage(next, at, WorkflowActor.System, context, TimelineKind.Of(timer.Kind), detail, null, windowEvent: deadline?.Due);
        }
        if (definition.Flag is { } flag)
            RaiseFlag(flag, deadline, at, WorkflowActor.System, context, deadline is null ? null : $"nothing by {deadline.Due:yyyy-MM-dd}");

        // A timer's effects are keyed by what happened (this timer, its deadline, its instant), not by the
        // timer's id: a request put back by a correction that then misses the same deadline again does not
        // send the same notice or letter twice.
        AddEffects(definition.Effects, timer.DeadlineKey is null ? $"timer-{timer.Kind}" : $"timer-{timer.Kind}-{timer.DeadlineKey}", at);
        if (Checkpoint is { } checkpoint)
            Checkpoint = checkpoint with { Steps = [.. checkpoint.Steps, new TimerStep(timer.Stage, timer.Kind, at)] };
        return true;
    }

    /// <summary>
    /// Brings in a request from another record (an NGO's archive, a spreadsheet) in the stage it
    /// reached there. No workflow runs and no timer is armed: history is recorded, not replayed.
    /// </summary>
    public static FoiRequest Import(
        RequestId id, RequestNumber number, PublicBodyKey body, string statuteId, int statuteVersion,
        string subject, string text, Requester requester, StageKey stage, DateTimeOffset createdAt, DateTimeOffset? submittedAt) =>
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
            ClockFromRegistration = snapshot.ClockFromRegistration,
            Checkpoint = snapshot.Checkpoint,
            Route = snapshot.Route,
            Version = snapshot.Version,
            LastTimelineSeq = snapshot.LastTimelineSeq,
        };
        request._activeTimers.AddRange(snapshot.ActiveTimers);
        foreach (var deadline in snapshot.Deadlines)
            request._deadlines[deadline.Key] = deadline;
        request._savedDeadlines = new Dictionary<string, ComputedDeadline>(request._deadlines, StringComparer.Ordinal);
        request._flags.AddRange(snapshot.Flags ?? []);
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
        _savedDeadlines = new Dictionary<string, ComputedDeadline>(_deadlines, StringComparer.Ordinal);
    }

    /// <param name="windowEvent">The event date the stage's clock and deadlines count from, when it is not the day the stage is entered (a missed due date).</param>
    private void EnterStage(
        StageKey key, DateTimeOffset at, WorkflowActor actor, IWorkflowContext context, TimelineKind kind, string? detail, string? eventKey, DateOnly? windowEvent = null)
    {
        var definition = context.Definition;
        key = definition.OnRoute(Route, key);
        var next = definition.Stage(key);
        // A request being filed stands in no stage yet.
        StageKey? from = Stage.Value is null ? null : Stage;
        var legalDate = context.LegalDate(at);

        // Leaving a paused stage: the days it stood still are added to the clock that resumes.
        if (PausedSince is { } pausedOn && !next.PausesClock)
        {
            PausedDays += context.PausedDaysBetween(next.Clock, pausedOn, legalDate);
            PausedSince = null;
        }

        DisarmTimers();
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

        var eventDate = windowEvent ?? legalDate;
        if (next.Clock is not null && (next.ClockStart == ClockStart.StageEntry || ClockAnchor is null))
        {
            ClockAnchor = eventDate;
            PausedDays = 0;
            ClockFromRegistration = false;
        }

        ArmStage(next, at, legalDate, eventDate, context);
    }

    /// <summary>Leaving a stage disarms its timers; ones armed in this same step were never written.</summary>
    private void DisarmTimers()
    {
        foreach (var timer in _activeTimers)
        {
            if (_newTimers.Remove(timer) is false)
                _cancelledTimers.Add(timer);
        }

        _activeTimers.Clear();
    }

    /// <summary>
    /// Computes the stage's deadlines and arms its timers at <paramref name="at"/>: its clock from the request's
    /// anchor, other deadlines from <paramref name="eventDate"/>, timers without a deadline from <paramref name="enteredOn"/>.
    /// </summary>
    private void ArmStage(StageDefinition stage, DateTimeOffset at, DateOnly enteredOn, DateOnly eventDate, IWorkflowContext context)
    {
        if (stage.Clock is { } clock)
            SetDeadline(context.Compute(clock, stage.Key, ClockAnchor!.Value, PausedDays, ClockFromRegistration));

        foreach (var timer in stage.Timers)
        {
            DateTimeOffset dueAt;
            if (timer.Deadline is { } deadlineKey)
            {
                var anchor = stage.Clock is null ? eventDate : ClockAnchor!.Value;
                var deadline = deadlineKey == stage.Clock ? _deadlines[deadlineKey] : context.Compute(deadlineKey, stage.Key, anchor, 0);
                if (deadlineKey != stage.Clock)
                    SetDeadline(deadline);
                dueAt = context.StartOfDay(deadline.Due.AddDays(1 + timer.OffsetDays));
            }
            else
            {
                dueAt = context.StartOfDay(enteredOn.AddDays(timer.OffsetDays));
            }

            // A timer never fires before the moment that armed it.
            if (dueAt < at)
                dueAt = at;
            var armed = new ArmedTimer(Uuid7.New(), timer.Kind, stage.Key, timer.Deadline, dueAt.ToUniversalTime(), at.ToUniversalTime());
            _activeTimers.Add(armed);
            _newTimers.Add(armed);
        }
    }

    /// <summary>The request as it stands, as the point a later correction returns to.</summary>
    private StageCheckpoint Here(IReadOnlyList<TimerStep> steps) =>
        new(Stage, StageEnteredAt!.Value, ClockAnchor, PausedDays, PausedSince, OverdueSince, ClockFromRegistration, steps);

    /// <summary>
    /// The checkpoint an event dated before the current stage returns the request to: only across stages
    /// the request's own timers entered, and only for an event that changes where it stands there (moves
    /// it, or starts its clock from the body's registration). Anything else breaks the rule that an event
    /// cannot precede the stage, naming the stage a person chose.
    /// </summary>
    private StageCheckpoint CheckpointBefore(WorkflowEventInput input, DateTimeOffset entered, DateOnly? registeredOn, SendingFacts? sending, IWorkflowContext context)
    {
        var checkpoint = Checkpoint;
        if (checkpoint is not null && checkpoint.EnteredAt < entered && input.OccurredAt >= checkpoint.EnteredAt)
        {
            var stage = context.Definition.Stage(checkpoint.Stage);
            if (stage.Events.TryGetValue(input.Kind, out var definition)
                && (definition.To is not null || definition.NeedsOutcome
                    || (registeredOn is { } on && RegistrationRuleFor(stage, on, sending, checkpoint.ClockAnchor, checkpoint.ClockFromRegistration, context) is not null)))
            {
                return checkpoint;
            }
        }

        var (chosen, chosenAt) = checkpoint is not null && input.OccurredAt < checkpoint.EnteredAt ? (checkpoint.Stage, checkpoint.EnteredAt) : (Stage, entered);
        throw new BusinessRuleViolationException(
            "EventCannotPrecedeStage", $"'{input.Kind}' cannot have happened before the request reached stage '{chosen}' ({chosenAt:yyyy-MM-dd}).");
    }

    /// <summary>
    /// Puts the request back where <paramref name="checkpoint"/> left it: the timers of the stages the
    /// service entered on its own are disarmed and their deadlines dropped, the overdue mark goes back to
    /// what it was, and the timeline says what was corrected and which letters and notices stand.
    /// </summary>
    private void ReturnTo(StageCheckpoint checkpoint, WorkflowEventInput input, WorkflowActor actor, DateTimeOffset now, IWorkflowContext context)
    {
        var left = Stage;
        var leftOn = context.LegalDate(StageEnteredAt!.Value);
        var overdue = OverdueSince;
        var definition = context.Definition;
        var timerStages = checkpoint.Steps
            .Select(step => definition.Stage(step.Stage).Timers.FirstOrDefault(timer => timer.Kind == step.Kind)?.To)
            .Append(left)
            .OfType<StageKey>()
            .Where(stage => stage != checkpoint.Stage)
            .ToHashSet();
        DisarmTimers();
        foreach (var key in _deadlines.Values.Where(deadline => timerStages.Contains(deadline.Stage)).Select(deadline => deadline.Key).ToList())
            _deadlines.Remove(key);

        Stage = checkpoint.Stage;
        StageEnteredAt = checkpoint.EnteredAt;
        ClockAnchor = checkpoint.ClockAnchor;
        PausedDays = checkpoint.PausedDays;
        PausedSince = checkpoint.PausedSince;
        OverdueSince = checkpoint.OverdueSince;
        ClockFromRegistration = checkpoint.ClockFromRegistration;
        var undone = checkpoint.Steps.Where(step => step.At >= input.OccurredAt).ToList();
        Checkpoint = checkpoint with { Steps = [.. checkpoint.Steps.Where(step => step.At < input.OccurredAt)] };

        var detail = new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"'{input.Kind}' is dated {context.LegalDate(input.OccurredAt):yyyy-MM-dd}, before the service itself moved the request to '{left}' on {leftOn:yyyy-MM-dd}: " +
            $"it goes back to '{Stage}', where it stood then, and the event takes effect on its own date.");
        if (overdue is not null && OverdueSince is null)
            detail.Append(CultureInfo.InvariantCulture, $" It was not overdue then: the overdue mark of {overdue:yyyy-MM-dd} is withdrawn.");
        var produced = undone
            .SelectMany(step => (definition.Stage(step.Stage).Timers.FirstOrDefault(timer => timer.Kind == step.Kind)?.Effects ?? [])
                .Select(effect => $"{(effect.Kind == WorkflowEffect.Letter ? "letter" : "notice")} '{effect.Name}' to {RecipientName(effect.Recipient)} ({context.LegalDate(step.At):yyyy-MM-dd})"))
            .ToList();
        if (produced.Count > 0)
            detail.Append(CultureInfo.InvariantCulture, $" Made before this correction and not recalled (what was sent cannot be undone): {string.Join("; ", produced)}.");
        Record(now, TimelineKind.Correction, actor, detail.ToString(), left, Stage, null, context);
    }

    /// <summary>
    /// Records the body's registration (GAC 79). Where the statute counts the running clock from the
    /// registration for this kind of body and way of sending (Resolution 219/2013, Art 4(3)), the clock is
    /// re-anchored on the registration date; returns what to write about the recount, or null.
    /// </summary>
    private Recount? Register(string? number, DateOnly on, StageDefinition stage, StageKey? target, SendingFacts? sending, IWorkflowContext context)
    {
        if (number is not null)
            RegistrationNumber = number.Trim();
        RegisteredOn = on;
        // The clock that runs after the event: this stage's, or the one the next stage continues.
        var running = target is not { } to ? stage
            : context.Definition.HasStage(to) && context.Definition.Stage(to) is { ClockStart: ClockStart.Continue } next ? next
            : null;
        if (running is null || RegistrationRuleFor(running, on, sending, ClockAnchor, ClockFromRegistration, context) is not { } rule)
            return null;
        var before = _deadlines.TryGetValue(running.Clock!, out var deadline) ? deadline.Due : (DateOnly?)null;
        ClockAnchor = on;
        ClockFromRegistration = true;
        return new Recount(running.Clock!, rule, on, before);
    }

    /// <summary>The registration rule that would move the clock of <paramref name="stage"/> to a registration on <paramref name="on"/>, or null.</summary>
    private static RegistrationStart? RegistrationRuleFor(
        StageDefinition stage, DateOnly on, SendingFacts? sending, DateOnly? anchor, bool fromRegistration, IWorkflowContext context)
    {
        if (sending is null || stage.PausesClock || stage.Clock is not { } clock || anchor is not { } from)
            return null;
        var rule = context.Deadline(clock).FromRegistration;
        if (rule is null || !rule.AppliesTo(sending.BodyKind, sending.SentElectronically))
            return null;
        // Counted from the sending until the body registers the request: a registration that day or later moves the start.
        return on > from || (on == from && !fromRegistration) ? rule : null;
    }

    private void RecordRecount(Recount recount, DateTimeOffset at, WorkflowActor actor, IWorkflowContext context)
    {
        var clock = context.Definition.Stage(Stage).Clock ?? recount.Clock;
        var due = _deadlines[clock].Due;
        var change = recount.DueBefore is { } before && before != due ? $"due {due:yyyy-MM-dd} instead of {before:yyyy-MM-dd}" : $"due {due:yyyy-MM-dd}";
        Record(at, TimelineKind.DeadlineRecomputed, actor,
            $"Deadline '{clock}' now counts from the registration on {recount.RegisteredOn:yyyy-MM-dd} ({recount.Rule.Citation}: " +
            $"{(recount.Rule.Start == DeadlineStart.NextWorkingDay ? "from the next working day after it" : "from the registration")}): {change}.",
            Stage, Stage, null, context);
    }

    private static string RecipientName(string recipient) => recipient switch
    {
        "requester" => "the requester",
        "staff" => "staff",
        "body" => "the body",
        "complaint_body" => "the complaint body",
        "court" => "the court",
        _ => recipient,
    };

    /// <summary>A clock moved to the body's registration: which, by which rule, from when, and its due date before.</summary>
    private sealed record Recount(string Clock, RegistrationStart Rule, DateOnly RegisteredOn, DateOnly? DueBefore);

    private void SetDeadline(ComputedDeadline deadline) => _deadlines[deadline.Key] = deadline;

    /// <summary>
    /// An event fulfilled a duty with a deadline (the written reasons for a refusal, GAC 41; the
    /// notice of a forwarding, GAC 80): the stage stops watching it. Recorded late, it still counts
    /// by its own date: within the deadline it lifts a flag raised meanwhile, after it the flag stands.
    /// </summary>
    private void Satisfy(string deadlineKey, StageDefinition stage, DateTimeOffset at, WorkflowActor actor, IWorkflowContext context)
    {
        foreach (var timer in _activeTimers.Where(timer => timer.DeadlineKey == deadlineKey).ToList())
        {
            _activeTimers.Remove(timer);
            if (_newTimers.Remove(timer) is false)
                _cancelledTimers.Add(timer);
        }

        if (!_deadlines.TryGetValue(deadlineKey, out var deadline))
            return;
        var on = context.LegalDate(at);
        foreach (var flag in stage.Timers.Where(timer => timer.Deadline == deadlineKey).Select(timer => timer.Flag).OfType<string>())
        {
            if (on > deadline.Due)
            {
                RaiseFlag(flag, deadline, at, actor, context, $"done on {on:yyyy-MM-dd}, after the deadline of {deadline.Due:yyyy-MM-dd}");
            }
            else if (_flags.RemoveAll(raised => raised.Key == flag) > 0)
            {
                Record(at, TimelineKind.FlagLifted(flag), actor, $"{FlagName(flag, context)}: done on {on:yyyy-MM-dd}, within the deadline of {deadline.Due:yyyy-MM-dd}.", Stage, Stage, null, context);
            }
        }
    }

    private void RaiseFlag(string flag, ComputedDeadline? deadline, DateTimeOffset at, WorkflowActor actor, IWorkflowContext context, string? why)
    {
        if (_flags.Exists(raised => raised.Key == flag))
            return;
        _flags.Add(new RequestFlag(flag, deadline?.Key, context.LegalDate(at)));
        Record(at, TimelineKind.FlagRaised(flag), actor, why is null ? $"{FlagName(flag, context)}." : $"{FlagName(flag, context)}: {why}.", Stage, Stage, null, context);
    }

    private static string FlagName(string flag, IWorkflowContext context) => context.Definition.Flag(flag)?.Name.En ?? flag;

    // The timeline is public: whoever wrote the detail (a person's note, a mail server's answer, a
    // bounce report), the requester's e-mail and address never reach it.
    private void Record(DateTimeOffset at, TimelineKind kind, WorkflowActor actor, string? detail, StageKey? from, StageKey? to, string? eventKey, IWorkflowContext context) =>
        _newTimeline.Add(new TimelineEntry(
            Uuid7.New(), ++LastTimelineSeq, at.ToUniversalTime(), kind, actor.ToString(), Requester.Redact(detail), from, to, context.StatuteVersion, eventKey));

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
        if (input.Outcome is { } outcome)
            parts.Add(EventDetail.Outcome(outcome));
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
    StageKey Stage,
    Outcome? Outcome,
    DateTimeOffset CreatedAt,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? StageEnteredAt,
    DateOnly? ClockAnchor,
    int PausedDays,
    DateOnly? PausedSince,
    string? RegistrationNumber,
    DateOnly? RegisteredOn,
    RequestId? ForwardedFrom,
    StageKey? ReopenStage,
    DateOnly? OverdueSince,
    int Version,
    int LastTimelineSeq,
    IReadOnlyList<ArmedTimer> ActiveTimers,
    IReadOnlyList<ComputedDeadline> Deadlines,
    StageCheckpoint? Checkpoint = null,
    bool ClockFromRegistration = false,
    string? Route = null,
    IReadOnlyList<RequestFlag>? Flags = null);

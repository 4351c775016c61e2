using FoiTracker.Domain.Workflows;

namespace FoiTracker.Domain.Requests;

/// <summary>Where a request's deadline stands: still running, met by the step it waited for, or missed.</summary>
public enum DeadlineStatus
{
    Open,
    Met,
    Missed,
}

/// <summary>
/// One deadline of a request as statistics read it: the stage that counted it, from which legal date,
/// its due date with the days the clock stood still, and whether it was met or missed and on which day
/// (met: the day of the event; missed: the first day after the due date).
/// </summary>
public sealed record DeadlineFact(string Key, StageKey Stage, DateOnly From, DateOnly Due, int PausedDays, DeadlineStatus Status, DateOnly? SettledOn);

/// <summary>
/// What a saved step of a request tells statistics and the staff queue, in legal dates of the statute's
/// zone. The dates of "first" things (the first substantive answer, the first complaint, the first court
/// claim and their decisions) are set only by the step in which they happened and are null otherwise:
/// the store keeps the first value it was given. Everything else is the request's state after the step.
/// </summary>
/// <param name="AnswerDue">The due date the body's answer is measured against: the running clock the sent request starts, with its extensions, pauses and registration.</param>
/// <param name="Deadlines">The deadlines this step set, moved or settled (after a correction, every deadline the request holds); a status decided in this step, else <see cref="DeadlineStatus.Open"/> (the store keeps a status decided before for an unchanged deadline). The others stand as stored.</param>
/// <param name="DeadlinesReplaced">A correction dropped deadlines in this step: the stored ones not listed are gone.</param>
public sealed record RequestFacts(
    RequestId Request,
    string Number,
    string Body,
    string StatuteId,
    DateOnly? SubmittedOn,
    DateOnly? RegisteredOn,
    DateOnly? AnswerDue,
    DateOnly? OverdueSince,
    DateOnly? WithdrawnOn,
    DateOnly? ClosedOn,
    DateOnly? FirstAnswerOn,
    Outcome? FirstAnswerOutcome,
    DateOnly? ComplaintFiledOn,
    DateOnly? ComplaintDecidedOn,
    Outcome? ComplaintOutcome,
    DateOnly? CourtFiledOn,
    DateOnly? CourtDecidedOn,
    Outcome? CourtOutcome,
    IReadOnlyList<DeadlineFact> Deadlines,
    bool DeadlinesReplaced)
{
    private const string CourtRecipient = "court";
    private const string ComplaintRecipient = "complaint_body";

    /// <summary>
    /// The facts of <paramref name="request"/> as it stands before it is saved, read from its state and
    /// from the timeline entries of the step being saved.
    /// </summary>
    public static RequestFacts Of(FoiRequest request, IWorkflowContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var definition = context.Definition;
        var settled = new Dictionary<string, (DeadlineStatus Status, DateOnly On)>(StringComparer.Ordinal);
        var facts = new Firsts();
        var replaced = false;
        foreach (var entry in request.NewTimeline)
        {
            if (entry.Kind.IsCorrection)
            {
                replaced = true;
                continue;
            }

            if (entry.FromStage is not { } from || !definition.HasStage(from))
                continue;
            var stage = definition.Stage(from);
            var on = context.LegalDate(entry.At);
            if (entry.Kind.IsTimer)
            {
                SettleByTimer(request, stage, entry.Kind.Timer, entry.At, context, settled);
                continue;
            }

            if (!entry.Kind.IsEvent || !stage.Events.TryGetValue(entry.Kind.Event, out var happened))
                continue;
            var outcome = EventDetail.OutcomeOf(entry.Detail);
            facts.Note(happened, outcome, on);
            SettleByEvent(request, stage, happened, entry.ToStage, outcome, on, definition, settled);
        }

        // A deadline neither moved nor settled by this step is stored as it was: it is not written again.
        var deadlines = request.Deadlines
            .Where(deadline => replaced || settled.ContainsKey(deadline.Key) || request.Changed(deadline))
            .OrderBy(deadline => deadline.Key, StringComparer.Ordinal)
            .Select(deadline => settled.TryGetValue(deadline.Key, out var status)
                ? new DeadlineFact(deadline.Key, deadline.Stage, deadline.EventDate, deadline.Due, deadline.PausedDays, status.Status, status.On)
                : new DeadlineFact(deadline.Key, deadline.Stage, deadline.EventDate, deadline.Due, deadline.PausedDays, DeadlineStatus.Open, null))
            .ToList();
        var current = definition.HasStage(request.Stage) ? definition.Stage(request.Stage) : null;
        DateOnly? closedOn = current is { Terminal: true } && request.StageEnteredAt is { } entered ? context.LegalDate(entered) : null;
        var answerClock = definition.Stage(definition.SubmittedStage).Clock;
        var withdrawnStage = definition.Stage(definition.SubmittedStage).Events.TryGetValue(EventKind.Withdraw, out var withdraw) ? withdraw.To : null;
        return new RequestFacts(
            request.Id,
            request.Number.Value,
            request.Body.Value,
            request.StatuteId,
            request.SubmittedAt is { } sent ? context.LegalDate(sent) : null,
            request.RegisteredOn,
            request.Deadlines.FirstOrDefault(deadline => deadline.Key == answerClock)?.Due,
            request.OverdueSince,
            request.Stage == withdrawnStage ? closedOn : null,
            closedOn,
            facts.AnswerOn,
            facts.AnswerOutcome,
            facts.ComplaintFiledOn,
            facts.ComplaintDecidedOn,
            facts.ComplaintOutcome,
            facts.CourtFiledOn,
            facts.CourtDecidedOn,
            facts.CourtOutcome,
            deadlines,
            replaced);
    }

    /// <summary>Whether <paramref name="stage"/> counts or watches the deadline <paramref name="key"/>.</summary>
    private static bool Watches(StageDefinition stage, string key) =>
        stage.Clock == key || stage.Timers.Any(timer => timer.Deadline == key);

    /// <summary>
    /// A timer that fires once its deadline's last day is over means the deadline was missed (GAC 40: silence
    /// after the term is a refusal); a reminder before it settles nothing.
    /// </summary>
    private static void SettleByTimer(
        FoiRequest request, StageDefinition stage, TimerKind kind, DateTimeOffset at, IWorkflowContext context, Dictionary<string, (DeadlineStatus, DateOnly)> settled)
    {
        if (stage.Timers.FirstOrDefault(timer => timer.Kind == kind)?.Deadline is not { } key
            || request.Deadlines.FirstOrDefault(deadline => deadline.Key == key) is not { } deadline)
            return;
        var dayAfter = deadline.Due.AddDays(1);
        if (at >= context.StartOfDay(dayAfter))
            settled[key] = (DeadlineStatus.Missed, dayAfter);
    }

    /// <summary>
    /// An event settles the deadlines of the stage it happened in when it fulfils one (written reasons,
    /// GAC 41; notice of forwarding, GAC 80) or moves the request to a stage that no longer waits for it.
    /// Moving on to a stage that continues or stops the same clock (an extension, a clarification) settles
    /// nothing, and neither does a withdrawal or closing without an outcome: that is not the body's act.
    /// </summary>
    private static void SettleByEvent(
        FoiRequest request, StageDefinition stage, EventDefinition happened, StageKey? to, Outcome? outcome, DateOnly on,
        WorkflowDefinition definition, Dictionary<string, (DeadlineStatus, DateOnly)> settled)
    {
        var target = to is { } key && key != stage.Key && definition.HasStage(key) ? definition.Stage(key) : null;
        foreach (var deadline in request.Deadlines)
        {
            if (!Watches(stage, deadline.Key))
                continue;
            var fulfilled = happened.Satisfies == deadline.Key;
            var left = target is not null && !Watches(target, deadline.Key) && !target.PausesClock && !(target.Terminal && outcome is null);
            if (fulfilled || left)
                settled[deadline.Key] = on <= deadline.Due ? (DeadlineStatus.Met, on) : (DeadlineStatus.Missed, deadline.Due.AddDays(1));
        }
    }

    /// <summary>The first answer and the escalation steps one step of the timeline holds.</summary>
    private sealed class Firsts
    {
        public DateOnly? AnswerOn { get; private set; }
        public Outcome? AnswerOutcome { get; private set; }
        public DateOnly? ComplaintFiledOn { get; private set; }
        public DateOnly? ComplaintDecidedOn { get; private set; }
        public Outcome? ComplaintOutcome { get; private set; }
        public DateOnly? CourtFiledOn { get; private set; }
        public DateOnly? CourtDecidedOn { get; private set; }
        public Outcome? CourtOutcome { get; private set; }

        /// <summary>
        /// A complaint or a court claim is told by the letter the event sends: to the body that hears
        /// complaints (GAC 178; LSG 62(1)) or to the court (APC 22). A review the body itself does is not counted.
        /// </summary>
        public void Note(EventDefinition happened, Outcome? outcome, DateOnly on)
        {
            var letters = happened.Effects.Where(effect => effect.Kind == WorkflowEffect.Letter).Select(effect => effect.Recipient).ToList();
            if (letters.Contains(CourtRecipient))
                CourtFiledOn ??= on;
            else if (letters.Contains(ComplaintRecipient))
                ComplaintFiledOn ??= on;
            if (outcome is null)
                return;
            if (happened.Kind == EventKind.Answered)
            {
                if (AnswerOn is null)
                    (AnswerOn, AnswerOutcome) = (on, outcome);
            }
            else if (happened.Kind == EventKind.CourtDecided)
            {
                if (CourtDecidedOn is null)
                    (CourtDecidedOn, CourtOutcome) = (on, outcome);
            }
            else if (ComplaintDecidedOn is null)
            {
                (ComplaintDecidedOn, ComplaintOutcome) = (on, outcome);
            }
        }
    }
}

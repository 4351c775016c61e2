using FoiTracker.Application.Letters;
using FoiTracker.Application.Requests;
using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Statutes;
using FoiTracker.Domain.Workflows;

namespace FoiTracker.Application.Mail;

/// <summary>
/// What the requester can truly do next on a request, read from the request as it stands on one day
/// and from its statute's workflow, never from stage names: the reminder letter the stage's timer
/// sends to the body (mailed by the service, or to be sent on paper by the requester), the next rung
/// of the ladder (the stage's <c>escalate</c> step and the letter it makes) with its window, and
/// where that window has closed, a court window still open on the request. A notice is written
/// from this, so it never advises a step whose window has closed.
/// </summary>
public sealed record RequesterNextStep(
    DateOnly? ChaserSentOn,
    DateOnly? ChaserScheduledOn,
    string? ChaserToSendOnPaper,
    WorkflowEffect? Rung,
    DateOnly? RungUntil,
    DateOnly? RungClosedOn,
    DateOnly? CourtUntil)
{
    private static readonly RequesterNextStep Nothing = new(null, null, null, null, null, null, null);

    public bool RungGoesToCourt => Rung?.Recipient == LetterRecipients.Court;

    public bool RungOpen => Rung is not null && RungUntil is not null;

    /// <summary>The next step on <paramref name="today"/> for a request to <paramref name="body"/>, under the statute version it is pinned to.</summary>
    public static RequesterNextStep Of(RequestRecord request, Statute statute, PublicBody body, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(statute);
        ArgumentNullException.ThrowIfNull(body);
        var current = new StageKey(request.Stage);
        if (statute.Workflow is not { } workflow || !workflow.HasStage(current))
            return Nothing;
        var stage = workflow.Stage(current);

        // The stage's reminder to the body: a timer whose effect is a letter to the body (the chaser).
        DateOnly? sentOn = null, scheduledOn = null;
        string? onPaper = null;
        var reminder = stage.Timers
            .Select(timer => (Timer: timer, Letter: timer.Effects.FirstOrDefault(effect => effect.Kind == WorkflowEffect.Letter && effect.Recipient == LetterRecipients.Body)))
            .FirstOrDefault(candidate => candidate.Letter is not null);
        if (reminder.Letter is { } letter)
        {
            if (!body.CanReceiveMail)
            {
                onPaper = letter.Name;
            }
            else if (request.Timers.LastOrDefault(timer => timer.Kind == reminder.Timer.Kind.Value && timer.Stage == stage.Key.Value && timer.CancelledAt is null) is { } armed)
            {
                if (armed.FiredAt is { } fired)
                    sentOn = statute.LegalDateOf(fired);
                else
                    scheduledOn = statute.LegalDateOf(armed.DueAt);
            }
        }

        var rung = stage.Events.TryGetValue(EventKind.Escalate, out var escalate)
            ? escalate.Effects.FirstOrDefault(effect => effect.Kind == WorkflowEffect.Letter)
            : null;
        DateOnly? until = null, closedOn = null;
        if (rung is not null && WindowOf(workflow, stage) is { } window && DueOf(request, window) is { } due)
        {
            if (due >= today)
                until = due;
            else
                closedOn = due;
        }

        // Where the next rung is not open, a court claim is offered only where the request's own data
        // has a court window still open (a deadline that is the window of a step that goes to court).
        DateOnly? courtUntil = null;
        if (until is null)
        {
            courtUntil = CourtWindows(workflow)
                .Select(key => DueOf(request, key))
                .Where(due => due >= today)
                .Min();
        }

        return new RequesterNextStep(sentOn, scheduledOn, onPaper, rung, until, closedOn, courtUntil);
    }

    /// <summary>The values a notice template reads (see <see cref="LetterFields"/>), dates in the notice's language.</summary>
    public Dictionary<string, string?> Fields(PublicBody body, string? rungAddressee, string language)
    {
        ArgumentNullException.ThrowIfNull(body);
        var fields = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [LetterFields.BodyEmail] = body.CanReceiveMail ? body.FoiEmail!.Address.Value : null,
            [LetterFields.ChaserOnPaper] = ChaserToSendOnPaper is null ? null : "yes",
            [LetterFields.NextStepToName] = Rung is null ? null : rungAddressee,
            [LetterFields.NextStepNoneOpen] = RungClosedOn is not null && CourtUntil is null ? "yes" : null,
        };
        // Dates with their case forms, so a Georgian sentence can say "2026 წლის 16 ნოემბრამდე".
        LetterComposer.PutDate(fields, LetterFields.ChaserSentOn, ChaserSentOn, language);
        LetterComposer.PutDate(fields, LetterFields.ChaserScheduledOn, ChaserScheduledOn, language);
        LetterComposer.PutDate(fields, LetterFields.NextStepComplaintUntil, RungGoesToCourt ? null : RungUntil, language);
        LetterComposer.PutDate(fields, LetterFields.NextStepCourtUntil, RungGoesToCourt ? RungUntil : null, language);
        LetterComposer.PutDate(fields, LetterFields.NextStepComplaintClosedOn, RungGoesToCourt ? null : RungClosedOn, language);
        LetterComposer.PutDate(fields, LetterFields.NextStepCourtClosedOn, RungGoesToCourt ? RungClosedOn : null, language);
        LetterComposer.PutDate(fields, LetterFields.CourtClaimUntil, CourtUntil, language);
        return fields;
    }

    /// <summary>
    /// The deadline that is the window of a stage's next rung: the stage's clock, where every stage
    /// counting on that clock escalates to the same place. A clock shared by steps that lead
    /// elsewhere (a court window running beside an appeal, as US FOIA's and Ukraine's data have it)
    /// is not the rung's window, and no date is given rather than a wrong one.
    /// </summary>
    private static string? WindowOf(WorkflowDefinition workflow, StageDefinition stage)
    {
        if (stage.Clock is not { } clock || !stage.Events.TryGetValue(EventKind.Escalate, out var escalate))
            return null;
        var shared = workflow.Stages.Where(other => other.Clock == clock);
        return shared.All(other => other.Events.TryGetValue(EventKind.Escalate, out var step) && step.To == escalate.To) ? clock : null;
    }

    private static IEnumerable<string> CourtWindows(WorkflowDefinition workflow) =>
        workflow.Stages
            .Where(stage => stage.Events.TryGetValue(EventKind.Escalate, out var step)
                && step.Effects.Any(effect => effect.Kind == WorkflowEffect.Letter && effect.Recipient == LetterRecipients.Court))
            .Select(stage => WindowOf(workflow, stage))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal);

    private static DateOnly? DueOf(RequestRecord request, string key) =>
        request.Deadlines.Where(deadline => deadline.Key == key).Select(deadline => (DateOnly?)deadline.Due).FirstOrDefault();
}

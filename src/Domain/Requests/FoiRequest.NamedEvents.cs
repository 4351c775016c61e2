using FoiTracker.Domain.Workflows;

namespace FoiTracker.Domain.Requests;

/// <summary>
/// The events that mean something to the service beyond the statute's data: sending a request, the
/// body's answer and reopening a case. Each is the statute's event of that name, applied as
/// <see cref="Apply"/> applies any other; the stage still decides whether it may happen now.
/// </summary>
public sealed partial class FoiRequest
{
    /// <summary>
    /// The request reaches its body on <paramref name="sentAt"/> (sent by the service, handed in or posted):
    /// where it was not sent yet, its clock starts that day.
    /// </summary>
    public void Submit(DateTimeOffset sentAt, WorkflowActor actor, DateTimeOffset now, IWorkflowContext context, string? note = null, string? eventKey = null) =>
        Apply(new WorkflowEventInput(EventKind.Submit, sentAt, Note: note, EventKey: eventKey), actor, now, context);

    /// <summary>A draft's letter is made to print and send on paper; its clock starts when it is recorded as sent (<see cref="Submit"/>).</summary>
    public void PrintForPaper(DateTimeOffset at, WorkflowActor actor, DateTimeOffset now, IWorkflowContext context, string? note = null) =>
        Apply(new WorkflowEventInput(EventKind.Print, at, Note: note), actor, now, context);

    /// <summary>
    /// The body answered on <paramref name="answeredAt"/> with <paramref name="outcome"/> (complete, partial,
    /// refused, not held, forwarded); <paramref name="reference"/> is the number on its letter, which a
    /// complaint names.
    /// </summary>
    public void Answer(
        Outcome outcome, DateTimeOffset answeredAt, WorkflowActor actor, DateTimeOffset now, IWorkflowContext context,
        string? reference = null, string? note = null, string? eventKey = null, SendingFacts? sending = null) =>
        Apply(new WorkflowEventInput(EventKind.Answered, answeredAt, outcome, note, EventKey: eventKey, Reference: reference), actor, now, context, sending);

    /// <summary>A reply from the body arrived by mail on <paramref name="at"/>; staff say later what it answered.</summary>
    public void NoteReplyReceived(DateTimeOffset at, WorkflowActor actor, DateTimeOffset now, IWorkflowContext context, string eventKey) =>
        Apply(new WorkflowEventInput(EventKind.AgencyReplied, at, EventKey: eventKey), actor, now, context);

    /// <summary>Whether the request's stage takes a mailed reply from the body as an event.</summary>
    public bool TakesReplies(IWorkflowContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Definition.Stage(Stage).Events.ContainsKey(EventKind.AgencyReplied);
    }

    /// <summary>A closed or withdrawn request goes back to the stage it left, as of <paramref name="at"/>.</summary>
    public void Reopen(DateTimeOffset at, WorkflowActor actor, DateTimeOffset now, IWorkflowContext context, string? note = null) =>
        Apply(new WorkflowEventInput(EventKind.Reopen, at, Note: note), actor, now, context);
}

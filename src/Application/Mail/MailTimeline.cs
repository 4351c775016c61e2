using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Workflows;
using FoiTracker.Domain.Requests;
using FoiTracker.Domain.Workflows;

namespace FoiTracker.Application.Mail;

/// <summary>Timeline kinds that record correspondence without moving the request.</summary>
public static class MailTimelineKinds
{
    public const string Sent = "mail:sent";
    public const string Failed = "mail:failed";

    /// <summary>A letter that cannot go by e-mail (no verified address, or a court): print it and send it on paper.</summary>
    public const string OnPaper = "mail:on_paper";

    /// <summary>A reply from the body, filed under the request (then also the workflow's "agency replied" event).</summary>
    public const string Received = "mail:received";

    /// <summary>An out-of-office note or other automatic answer: recorded, never taken for the answer.</summary>
    public const string AutoReply = "mail:auto_reply";

    /// <summary>A delivery failure report for a mail we sent.</summary>
    public const string Bounce = "mail:bounce";
}

/// <summary>
/// Writes a keyed entry on a request's timeline. The key makes it once-only; a save that collides
/// with another writer (the sweep, a person) reloads the request and tries again.
/// </summary>
public sealed class MailTimeline(IFoiRequestRepository requests, WorkflowContexts contexts)
{
    private const int Tries = 3;

    public Task NoteAsync(Guid requestId, string kind, DateTimeOffset at, string detail, string eventKey, CancellationToken cancellationToken) =>
        NoteAsync(requestId, kind, at, detail, eventKey, WorkflowActor.System, andThen: null, cancellationToken);

    /// <summary>
    /// The same, by <paramref name="actor"/>; <paramref name="andThen"/> may change the request further
    /// in the same save (a matched reply also sends the workflow its event).
    /// </summary>
    public async Task NoteAsync(
        Guid requestId, string kind, DateTimeOffset at, string detail, string eventKey, WorkflowActor actor,
        Action<FoiRequest, IWorkflowContext>? andThen, CancellationToken cancellationToken)
    {
        var id = new RequestId(requestId);
        for (var attempt = 1; ; attempt++)
        {
            var request = await requests.GetAsync(id, cancellationToken);
            if (request is null || await requests.FindEventAsync(id, eventKey, cancellationToken) is not null)
                return;
            var context = contexts.For(request.StatuteId, request.StatuteVersion);
            request.Annotate(TimelineKind.Parse(kind), at, actor, detail, eventKey, context);
            andThen?.Invoke(request, context);
            try
            {
                await requests.SaveAsync(request, cancellationToken);
                return;
            }
            catch (ConflictException) when (attempt < Tries)
            {
                // Someone saved the request since it was loaded: read it again and add the entry to that.
            }
        }
    }
}

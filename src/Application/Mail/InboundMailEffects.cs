using FoiTracker.Domain.Common;
using FoiTracker.Domain.Requests;
using FoiTracker.Domain.Workflows;

namespace FoiTracker.Application.Mail;

/// <summary>
/// What a message filed under a request does to it. A reply is a <c>mail:received</c> entry and,
/// when the stage takes it, the workflow's <c>agency_replied</c> event, keyed by the message so it
/// happens once; staff then classify the answer. An automatic reply or a bounce is only recorded
/// (<c>mail:auto_reply</c>, <c>mail:bounce</c>): it is never the body's answer.
/// </summary>
public sealed class InboundMailEffects(MailTimeline timeline)
{
    public static string EventKeyFor(Guid inboundId) => $"mail:{inboundId}";

    public Task ApplyAsync(Guid inboundId, Guid requestId, string classification, string detail, WorkflowActor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = EventKeyFor(inboundId);
        var kind = classification switch
        {
            InboundClassification.AutoReply => MailTimelineKinds.AutoReply,
            InboundClassification.Bounce => MailTimelineKinds.Bounce,
            _ => MailTimelineKinds.Received,
        };

        // Written once per message and request, whoever files it and however often.
        var entryKey = kind == MailTimelineKinds.Received ? key + ":received" : key;
        return timeline.NoteAsync(requestId, kind, now, Limit(detail), entryKey, actor, kind == MailTimelineKinds.Received ? AgencyReplied : null, cancellationToken);

        void AgencyReplied(FoiRequest request, IWorkflowContext context)
        {
            if (!request.TakesReplies(context))
                return;
            try
            {
                request.NoteReplyReceived(now, actor, now, context, key);
            }
            catch (BusinessRuleViolationException)
            {
                // The stage takes the event but not at this instant (a clock set back): the reply
                // is on the timeline and staff record the answer by hand.
            }
        }
    }

    private static string Limit(string text) => text.Length <= 1000 ? text : text[..1000] + "…";
}

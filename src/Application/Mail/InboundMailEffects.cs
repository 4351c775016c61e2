using FoiTracker.Application.Requests;
using FoiTracker.Application.Workflows;
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
public sealed class InboundMailEffects(IFoiRequestRepository requests, WorkflowContexts contexts)
{
    public static string EventKeyFor(Guid inboundId) => $"mail:{inboundId}";

    public async Task ApplyAsync(Guid inboundId, Guid requestId, string classification, string detail, WorkflowActor actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var id = new RequestId(requestId);
        var request = await requests.GetAsync(id, cancellationToken)
            ?? throw new InvalidOperationException($"Request {requestId} was matched but cannot be loaded.");
        var context = contexts.For(request.StatuteId, request.StatuteVersion);
        var key = EventKeyFor(inboundId);
        var kind = classification switch
        {
            InboundClassification.AutoReply => MailTimelineKinds.AutoReply,
            InboundClassification.Bounce => MailTimelineKinds.Bounce,
            _ => MailTimelineKinds.Received,
        };

        var entryKey = kind == MailTimelineKinds.Received ? key + ":received" : key;
        // Written once per message and request, whoever files it and however often.
        if (await requests.FindEventAsync(id, entryKey, cancellationToken) is not null)
            return;

        request.Annotate(kind, now, actor, Limit(detail), entryKey, context);
        if (kind == MailTimelineKinds.Received && context.Definition.Stage(request.Stage).Events.ContainsKey(MailTimelineKinds.AgencyReplied))
        {
            try
            {
                request.Apply(new WorkflowEventInput(MailTimelineKinds.AgencyReplied, now, EventKey: key), actor, now, context);
            }
            catch (BusinessRuleViolationException)
            {
                // The stage takes the event but not at this instant (a clock set back): the reply
                // is on the timeline and staff record the answer by hand.
            }
        }

        await requests.SaveAsync(request, cancellationToken);
    }

    private static string Limit(string text) => text.Length <= 1000 ? text : text[..1000] + "…";
}

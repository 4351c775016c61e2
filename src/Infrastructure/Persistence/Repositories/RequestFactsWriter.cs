using FoiTracker.Application.Workflows;
using FoiTracker.Domain.Requests;
using FoiTracker.Domain.Workflows;

namespace FoiTracker.Infrastructure.Persistence.Repositories;

/// <summary>
/// Writes the facts of the requests' steps being saved (<see cref="RequestFacts"/>) to request_facts and
/// request_deadlines, on the scope's transaction, before the requests are marked saved. The dates of
/// "first" things keep the value stored first; a deadline's status decided by an earlier step stays
/// while its dates are unchanged.
/// </summary>
public sealed class RequestFactsWriter(DbSession session, IRowStatements each, WorkflowContexts contexts) : SqlRepository(session)
{
    private const string UpsertFacts =
        """
        INSERT INTO request_facts (request_id, number, body_key, statute_id, submitted_on, registered_on, answer_due, overdue_since, withdrawn_on, closed_on,
            first_answer_on, first_answer_outcome, complaint_filed_on, complaint_decided_on, complaint_outcome, court_filed_on, court_decided_on, court_outcome)
        VALUES (@Request, @Number, @Body, @StatuteId, @SubmittedOn, @RegisteredOn, @AnswerDue, @OverdueSince, @WithdrawnOn, @ClosedOn,
            @FirstAnswerOn, @FirstAnswerOutcome, @ComplaintFiledOn, @ComplaintDecidedOn, @ComplaintOutcome, @CourtFiledOn, @CourtDecidedOn, @CourtOutcome)
        ON CONFLICT (request_id) DO UPDATE SET
            submitted_on = excluded.submitted_on,
            registered_on = excluded.registered_on,
            answer_due = excluded.answer_due,
            overdue_since = excluded.overdue_since,
            withdrawn_on = excluded.withdrawn_on,
            closed_on = excluded.closed_on,
            first_answer_on = COALESCE(request_facts.first_answer_on, excluded.first_answer_on),
            first_answer_outcome = CASE WHEN request_facts.first_answer_on IS NULL THEN excluded.first_answer_outcome ELSE request_facts.first_answer_outcome END,
            complaint_filed_on = COALESCE(request_facts.complaint_filed_on, excluded.complaint_filed_on),
            complaint_decided_on = COALESCE(request_facts.complaint_decided_on, excluded.complaint_decided_on),
            complaint_outcome = CASE WHEN request_facts.complaint_decided_on IS NULL THEN excluded.complaint_outcome ELSE request_facts.complaint_outcome END,
            court_filed_on = COALESCE(request_facts.court_filed_on, excluded.court_filed_on),
            court_decided_on = COALESCE(request_facts.court_decided_on, excluded.court_decided_on),
            court_outcome = CASE WHEN request_facts.court_decided_on IS NULL THEN excluded.court_outcome ELSE request_facts.court_outcome END
        """;

    private const string UpsertDeadline =
        """
        INSERT INTO request_deadlines (request_id, key, stage, from_date, due, paused_days, status, settled_on)
        VALUES (@Request, @Key, @Stage, @From, @Due, @PausedDays, @Status, @SettledOn)
        ON CONFLICT (request_id, key) DO UPDATE SET
            stage = excluded.stage,
            from_date = excluded.from_date,
            due = excluded.due,
            paused_days = excluded.paused_days,
            status = CASE WHEN excluded.status = 'open' AND request_deadlines.from_date = excluded.from_date AND request_deadlines.due = excluded.due
                THEN request_deadlines.status ELSE excluded.status END,
            settled_on = CASE WHEN excluded.status = 'open' AND request_deadlines.from_date = excluded.from_date AND request_deadlines.due = excluded.due
                THEN request_deadlines.settled_on ELSE excluded.settled_on END
        """;

    private const string DeleteDeadline = "DELETE FROM request_deadlines WHERE request_id = @Request AND key = @Key";

    /// <summary>The deadlines of the decision on an administrative complaint (GAC 183: one month; with the extension, two).</summary>
    public const string ComplaintDecisionKey = "complaint_decision";

    public const string ComplaintDecisionExtendedKey = "complaint_decision_extended";

    // Read back from the stored deadlines: a status decided by an earlier step stands there, not in this
    // step's facts, and a decision's extended deadline may have been set by an earlier step.
    private const string UpdateFromDeadlines =
        $"""
        UPDATE request_facts SET
            next_due = (SELECT MIN(d.due) FROM request_deadlines d WHERE d.request_id = @Request AND d.status = 'open'),
            complaint_decision_due = (SELECT MAX(d.due) FROM request_deadlines d
                WHERE d.request_id = @Request AND d.key IN ('{ComplaintDecisionKey}', '{ComplaintDecisionExtendedKey}'))
        WHERE request_id = @Request
        """;

    public async Task WriteAsync(IEnumerable<FoiRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var facts = new List<RequestFacts>();
        var pinned = new Dictionary<(string, int), IWorkflowContext>();
        foreach (var request in requests)
        {
            if (request.NewTimeline.Count == 0)
                continue;
            var key = (request.StatuteId, request.StatuteVersion);
            if (!pinned.TryGetValue(key, out var context))
                pinned[key] = context = contexts.For(request.StatuteId, request.StatuteVersion);
            facts.Add(RequestFacts.Of(request, context));
        }

        if (facts.Count == 0)
            return;
        await each.ExecuteAsync(Session, UpsertFacts, facts.Select(FactsRow).ToList(), cancellationToken);
        // A correction is rare: the deadlines it dropped are found by reading the request's stored keys.
        foreach (var fact in facts.Where(fact => fact.DeadlinesReplaced))
        {
            var stored = await QueryAsync<string>("SELECT key FROM request_deadlines WHERE request_id = @Request", new { Request = fact.Request.Value }, cancellationToken);
            var dropped = stored.Except(fact.Deadlines.Select(deadline => deadline.Key), StringComparer.Ordinal).ToList();
            if (dropped.Count > 0)
                await ExecuteAsync(DeleteDeadline, dropped.Select(key => new { Request = fact.Request.Value, Key = key }).ToList(), cancellationToken);
        }

        var deadlines = facts.SelectMany(fact => fact.Deadlines.Select(deadline => DeadlineRow(fact.Request, deadline))).ToList();
        await each.ExecuteAsync(Session, UpsertDeadline, deadlines, cancellationToken);
        // The staff queue's order (migration 0023) and the complaint decision's last day (migration 0030): only a
        // request whose deadlines this step touched can have new ones.
        var touched = facts.Where(fact => fact.Deadlines.Count > 0 || fact.DeadlinesReplaced).Select(fact => (object)new { Request = fact.Request.Value }).ToList();
        await each.ExecuteAsync(Session, UpdateFromDeadlines, touched, cancellationToken);
    }

    private static object FactsRow(RequestFacts facts) => new
    {
        Request = facts.Request.Value,
        facts.Number,
        facts.Body,
        facts.StatuteId,
        facts.SubmittedOn,
        facts.RegisteredOn,
        facts.AnswerDue,
        facts.OverdueSince,
        facts.WithdrawnOn,
        facts.ClosedOn,
        facts.FirstAnswerOn,
        FirstAnswerOutcome = facts.FirstAnswerOutcome?.Value,
        facts.ComplaintFiledOn,
        facts.ComplaintDecidedOn,
        ComplaintOutcome = facts.ComplaintOutcome?.Value,
        facts.CourtFiledOn,
        facts.CourtDecidedOn,
        CourtOutcome = facts.CourtOutcome?.Value,
    };

    private static object DeadlineRow(RequestId request, DeadlineFact deadline) => new
    {
        Request = request.Value,
        deadline.Key,
        Stage = deadline.Stage.Value,
        deadline.From,
        deadline.Due,
        deadline.PausedDays,
        Status = StatusName(deadline.Status),
        deadline.SettledOn,
    };

    /// <summary>The word a deadline's status is stored as, for SQL to compare.</summary>
    public static string StatusName(DeadlineStatus status) => status switch
    {
        DeadlineStatus.Met => "met",
        DeadlineStatus.Missed => "missed",
        _ => "open",
    };
}

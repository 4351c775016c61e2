using FoiTracker.Domain.Requests;
using FoiTracker.Infrastructure.Persistence.Repositories;

namespace FoiTracker.Infrastructure.Persistence.Bulk;

/// <summary>A deadline's facts with the request they belong to: one row of request_deadlines.</summary>
internal readonly record struct RequestDeadline(RequestId Request, DeadlineFact Deadline);

/// <summary>
/// The tables an import writes for each request: its row, as the repository writes it (<see cref="RequestRow"/>),
/// and the facts statistics read (<see cref="RequestFacts"/>), in the columns <see cref="RequestFactsWriter"/> fills.
/// </summary>
internal static class ImportTables
{
    public static readonly BulkTable<RequestRow> Requests = BulkTable<RequestRow>.FromProperties("requests", RequestRow.ColumnProperties);

    public static readonly BulkTable<RequestFacts> Facts = new("request_facts",
    [
        ("request_id", facts => facts.Request.Value),
        ("number", facts => facts.Number),
        ("body_key", facts => facts.Body),
        ("statute_id", facts => facts.StatuteId),
        ("submitted_on", facts => facts.SubmittedOn),
        ("registered_on", facts => facts.RegisteredOn),
        ("answer_due", facts => facts.AnswerDue),
        ("overdue_since", facts => facts.OverdueSince),
        ("withdrawn_on", facts => facts.WithdrawnOn),
        ("closed_on", facts => facts.ClosedOn),
        ("first_answer_on", facts => facts.FirstAnswerOn),
        ("first_answer_outcome", facts => facts.FirstAnswerOutcome?.Value),
        ("complaint_filed_on", facts => facts.ComplaintFiledOn),
        ("complaint_decided_on", facts => facts.ComplaintDecidedOn),
        ("complaint_outcome", facts => facts.ComplaintOutcome?.Value),
        ("court_filed_on", facts => facts.CourtFiledOn),
        ("court_decided_on", facts => facts.CourtDecidedOn),
        ("court_outcome", facts => facts.CourtOutcome?.Value),
    ]);

    public static readonly BulkTable<RequestDeadline> Deadlines = new("request_deadlines",
    [
        ("request_id", row => row.Request.Value),
        ("key", row => row.Deadline.Key),
        ("stage", row => row.Deadline.Stage.Value),
        ("from_date", row => row.Deadline.From),
        ("due", row => row.Deadline.Due),
        ("paused_days", row => row.Deadline.PausedDays),
        ("status", row => RequestFactsWriter.StatusName(row.Deadline.Status)),
        ("settled_on", row => row.Deadline.SettledOn),
    ]);

    /// <summary>
    /// The deadline rows of a request being imported: those its unsaved steps set or settled, and any other it
    /// already held when it was built (a request brought in with its deadlines), still open.
    /// </summary>
    public static IEnumerable<RequestDeadline> DeadlinesOf(FoiRequest request, RequestFacts facts)
    {
        var listed = facts.Deadlines.Select(deadline => deadline.Key).ToHashSet(StringComparer.Ordinal);
        var held = request.Deadlines
            .Where(deadline => !listed.Contains(deadline.Key))
            .Select(deadline => new DeadlineFact(deadline.Key, deadline.Stage, deadline.EventDate, deadline.Due, deadline.PausedDays, DeadlineStatus.Open, null));
        return facts.Deadlines.Concat(held).Select(deadline => new RequestDeadline(facts.Request, deadline));
    }
}

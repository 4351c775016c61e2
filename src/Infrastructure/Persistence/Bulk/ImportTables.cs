using FoiTracker.Domain.Requests;
using FoiTracker.Infrastructure.Persistence.Repositories;

namespace FoiTracker.Infrastructure.Persistence.Bulk;

/// <summary>A deadline's facts with the request they belong to: one row of request_deadlines.</summary>
internal readonly record struct RequestDeadline(RequestId Request, DeadlineFact Deadline);

/// <summary>
/// A request's facts with the due date of its earliest deadline still running (the staff queue's order) and the
/// last day for deciding its complaint: one row of request_facts.
/// </summary>
internal readonly record struct ImportedFacts(RequestFacts Facts, DateOnly? NextDue, DateOnly? ComplaintDecisionDue);

/// <summary>
/// The tables an import writes for each request: its row, as the repository writes it (<see cref="RequestRow"/>),
/// and the facts statistics read (<see cref="RequestFacts"/>), in the columns <see cref="RequestFactsWriter"/> fills.
/// </summary>
internal static class ImportTables
{
    public static readonly BulkTable<RequestRow> Requests = BulkTable<RequestRow>.FromProperties("requests", RequestRow.ColumnProperties);

    public static readonly BulkTable<ImportedFacts> Facts = new("request_facts",
    [
        ("request_id", row => row.Facts.Request.Value),
        ("number", row => row.Facts.Number),
        ("body_key", row => row.Facts.Body),
        ("statute_id", row => row.Facts.StatuteId),
        ("submitted_on", row => row.Facts.SubmittedOn),
        ("registered_on", row => row.Facts.RegisteredOn),
        ("answer_due", row => row.Facts.AnswerDue),
        ("overdue_since", row => row.Facts.OverdueSince),
        ("withdrawn_on", row => row.Facts.WithdrawnOn),
        ("closed_on", row => row.Facts.ClosedOn),
        ("first_answer_on", row => row.Facts.FirstAnswerOn),
        ("first_answer_outcome", row => row.Facts.FirstAnswerOutcome?.Value),
        ("complaint_filed_on", row => row.Facts.ComplaintFiledOn),
        ("complaint_decided_on", row => row.Facts.ComplaintDecidedOn),
        ("complaint_outcome", row => row.Facts.ComplaintOutcome?.Value),
        ("court_filed_on", row => row.Facts.CourtFiledOn),
        ("court_decided_on", row => row.Facts.CourtDecidedOn),
        ("court_outcome", row => row.Facts.CourtOutcome?.Value),
        ("next_due", row => row.NextDue),
        ("complaint_decision_due", row => row.ComplaintDecisionDue),
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

    /// <summary>
    /// The facts row of a request being imported: every deadline it holds is in the import, so the next one and
    /// the complaint decision's are known here.
    /// </summary>
    public static ImportedFacts FactsOf(FoiRequest request, RequestFacts facts)
    {
        var deadlines = DeadlinesOf(request, facts).Select(row => row.Deadline).ToList();
        return new(
            facts,
            deadlines.Where(deadline => deadline.Status == DeadlineStatus.Open).Select(deadline => (DateOnly?)deadline.Due).Min(),
            deadlines.Where(deadline => deadline.Key is RequestFactsWriter.ComplaintDecisionKey or RequestFactsWriter.ComplaintDecisionExtendedKey)
                .Select(deadline => (DateOnly?)deadline.Due).Max());
    }
}

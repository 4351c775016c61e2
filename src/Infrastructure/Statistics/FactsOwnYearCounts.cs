using FoiTracker.Application.Statistics;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Infrastructure.Persistence.Repositories;

namespace FoiTracker.Infrastructure.Statistics;

/// <summary>
/// A body's requests sent in a calendar year, counted over request_facts as of a date: by the outcome
/// of the first substantive answer, silence past the due date, and escalation. The per-body
/// statistics take its place behind the same port when they count the same things their own way.
/// </summary>
public sealed class FactsOwnYearCounts(DbSession session) : SqlRepository(session), IOwnYearCounts
{
    private const string Unanswered = "(f.first_answer_on IS NULL OR f.first_answer_on > @AsOf)";
    private const string NotWithdrawn = "(f.withdrawn_on IS NULL OR f.withdrawn_on > @AsOf)";

    public string MethodologyVersion => "0.1-counts";

    public async Task<OwnYearCounts> ForBodyAsync(string bodyKey, int year, DateOnly asOf, CancellationToken cancellationToken)
    {
        var row = await QuerySingleOrDefaultAsync<Row>(
            $"""
            SELECT COUNT(*) AS {nameof(Row.Sent)},
                {Outcome("complete")} AS {nameof(Row.Complete)},
                {Outcome("partial")} AS {nameof(Row.Partial)},
                {Outcome("refused")} AS {nameof(Row.Refused)},
                {Outcome("not_held")} AS {nameof(Row.NotHeld)},
                {Outcome("forwarded")} AS {nameof(Row.Forwarded)},
                {Count($"{Unanswered} AND {NotWithdrawn} AND f.answer_due <= @AsOf")} AS {nameof(Row.NoReply)},
                {Count($"{Unanswered} AND {NotWithdrawn} AND (f.answer_due IS NULL OR f.answer_due > @AsOf)")} AS {nameof(Row.Pending)},
                {Count($"{Unanswered} AND f.withdrawn_on <= @AsOf")} AS {nameof(Row.Withdrawn)},
                {Count("f.complaint_filed_on <= @AsOf")} AS {nameof(Row.Complaints)},
                {Count("f.court_filed_on <= @AsOf")} AS {nameof(Row.CourtClaims)}
            FROM request_facts f
            WHERE f.body_key = @Body AND f.submitted_on >= @From AND f.submitted_on < @Until AND f.submitted_on <= @AsOf
            """,
            new { Body = bodyKey, From = new DateOnly(year, 1, 1), Until = new DateOnly(year + 1, 1, 1), AsOf = asOf },
            cancellationToken);
        return row!.ToCounts();
    }

    private static string Outcome(string outcome) => Count($"f.first_answer_on <= @AsOf AND f.first_answer_outcome = '{outcome}'");

    private static string Count(string condition) => $"COALESCE(SUM(CASE WHEN {condition} THEN 1 ELSE 0 END), 0)";

    private sealed class Row
    {
        public long Sent { get; init; }
        public long Complete { get; init; }
        public long Partial { get; init; }
        public long Refused { get; init; }
        public long NotHeld { get; init; }
        public long Forwarded { get; init; }
        public long NoReply { get; init; }
        public long Pending { get; init; }
        public long Withdrawn { get; init; }
        public long Complaints { get; init; }
        public long CourtClaims { get; init; }

        public OwnYearCounts ToCounts() => new(
            (int)Sent, (int)Complete, (int)Partial, (int)Refused, (int)NotHeld, (int)Forwarded, (int)NoReply, (int)Pending, (int)Withdrawn,
            (int)Complaints, (int)CourtClaims);
    }
}

using System.Data.Common;
using Dapper;
using FoiTracker.Benchmarks.Harness;

namespace FoiTracker.Benchmarks.Statistics;

/// <summary>
/// What the generated histories add up to for the year asked for, read from the facts the import wrote:
/// the shares printed beside the timings show the data is shaped as intended, and the same on each database.
/// </summary>
public sealed class HistoryShape
{
    private const string Counts =
        """
        SELECT COUNT(*) AS Sent,
            SUM(CASE WHEN answer_due <= @AsOf THEN 1 ELSE 0 END) AS Due,
            SUM(CASE WHEN first_answer_on IS NOT NULL THEN 1 ELSE 0 END) AS Answered,
            SUM(CASE WHEN first_answer_outcome = 'complete' THEN 1 ELSE 0 END) AS Complete,
            SUM(CASE WHEN first_answer_on > answer_due THEN 1 ELSE 0 END) AS Late,
            SUM(CASE WHEN withdrawn_on IS NOT NULL THEN 1 ELSE 0 END) AS Withdrawn,
            SUM(CASE WHEN complaint_filed_on IS NOT NULL THEN 1 ELSE 0 END) AS Complaints,
            SUM(CASE WHEN court_filed_on IS NOT NULL THEN 1 ELSE 0 END) AS CourtClaims
        FROM request_facts WHERE submitted_on >= @From AND submitted_on < @Until
        """;

    private const string Busiest =
        """
        SELECT body_key FROM request_facts WHERE submitted_on >= @From AND submitted_on < @Until
        GROUP BY body_key ORDER BY COUNT(*) DESC, body_key LIMIT 1
        """;

    public long Sent { get; init; }
    public long Due { get; init; }
    public long Answered { get; init; }
    public long Complete { get; init; }
    public long Late { get; init; }
    public long Withdrawn { get; init; }
    public long Complaints { get; init; }
    public long CourtClaims { get; init; }

    /// <summary>Every request sent up to the evaluation day, in any year: the rows of the request-level CSV.</summary>
    public long SentEver { get; private set; }

    /// <summary>The body with the most requests sent in the year: the heaviest single-body question.</summary>
    public string BusiestBody { get; private set; } = "";

    /// <summary>The number of the busiest body's latest request sent in the year: a request with a long history behind its body.</summary>
    public string SampleNumber { get; private set; } = "";

    public static async Task<HistoryShape> ReadAsync(DbConnection connection, StatisticsQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var range = new { query.From, query.Until, query.AsOf };
        var shape = await connection.QuerySingleAsync<HistoryShape>(new CommandDefinition(Counts, range, cancellationToken: cancellationToken));
        if (shape.Sent == 0)
            throw new InvalidOperationException($"No request was sent in {query.Year}: raise --count or choose another --year.");
        shape.BusiestBody = await connection.QuerySingleAsync<string>(new CommandDefinition(Busiest, range, cancellationToken: cancellationToken));
        shape.SampleNumber = await connection.QuerySingleAsync<string>(new CommandDefinition(
            """
            SELECT number FROM request_facts WHERE body_key = @Body AND submitted_on >= @From AND submitted_on < @Until
            ORDER BY submitted_on DESC, number DESC LIMIT 1
            """,
            new { Body = shape.BusiestBody, query.From, query.Until },
            cancellationToken: cancellationToken));
        shape.SentEver = await connection.QuerySingleAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM request_facts WHERE submitted_on <= @AsOf", range, cancellationToken: cancellationToken));
        return shape;
    }

    public IEnumerable<Figure> Figures(string provider) =>
    [
        new($"{provider}.year_sent", Sent, "requests"),
        new($"{provider}.year_answered_share", Share(Answered, Sent), "%"),
        new($"{provider}.year_complete_share_of_answered", Share(Complete, Answered), "%"),
        new($"{provider}.year_late_share_of_answered", Share(Late, Answered), "%"),
        new($"{provider}.year_withdrawn_share", Share(Withdrawn, Sent), "%"),
        new($"{provider}.year_complaints", Complaints, "requests"),
        new($"{provider}.year_court_claims", CourtClaims, "requests"),
    ];

    public override string ToString() =>
        $"{Sent:N0} sent in the year: {Share(Answered, Sent)} % answered ({Share(Complete, Answered)} % of those complete, {Share(Late, Answered)} % late), " +
        $"{Share(Withdrawn, Sent)} % withdrawn, {Complaints:N0} complaints, {CourtClaims:N0} court claims";

    private static double Share(long part, long whole) => whole == 0 ? 0 : Math.Round(100.0 * part / whole, 1);
}

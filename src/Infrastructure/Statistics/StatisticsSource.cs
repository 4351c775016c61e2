using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Dapper;
using FoiTracker.Application.Statistics;
using FoiTracker.Domain.Statistics;
using FoiTracker.Infrastructure.Persistence;

namespace FoiTracker.Infrastructure.Statistics;

/// <summary>
/// Streams request facts for statistics with plain SQL (no JSON functions) that runs unchanged on
/// SQLite and PostgreSQL: dates are plain columns compared with date parameters. Each body's requests
/// are reached through the (body_key, submitted_on) index, and only the columns the figures need are read.
/// </summary>
public sealed class StatisticsSource(DbSession session) : IStatisticsSource
{
    /// <summary>The deadlines of the decision on an administrative complaint (GAC 183: one month; with the extension, two).</summary>
    public const string ComplaintDecisionKey = "complaint_decision";

    public const string ComplaintDecisionExtendedKey = "complaint_decision_extended";

    private const string FactColumns = """
        f.body_key AS BodyKey, b.kind AS BodyKind, b.municipality AS Municipality, f.statute_id AS StatuteId,
        f.submitted_on AS SubmittedOn, f.answer_due AS AnswerDue, f.first_answer_on AS FirstAnswerOn,
        f.first_answer_outcome AS FirstAnswerOutcome, f.withdrawn_on AS WithdrawnOn,
        f.complaint_filed_on AS ComplaintFiledOn, f.complaint_decided_on AS ComplaintDecidedOn, f.complaint_outcome AS ComplaintOutcome,
        CASE WHEN f.complaint_filed_on IS NULL THEN NULL ELSE (
            SELECT MAX(d.due) FROM request_deadlines d
            WHERE d.request_id = f.request_id AND d.key IN (@DecisionKey, @ExtendedKey)) END AS ComplaintDecisionDue,
        f.court_filed_on AS CourtFiledOn, f.court_decided_on AS CourtDecidedOn, f.court_outcome AS CourtOutcome
        """;

    /// <summary>
    /// Each selected request with what it was at T: <c>answered</c> (its first substantive answer came by T and
    /// not after a withdrawal), <c>withdrawn</c> (withdrawn by T without such an answer) and <c>due</c> (its answer
    /// was due by T and it was not withdrawn by then): the flags of <c>OutcomeClassifier</c> and <c>GroupCalculator</c>
    /// as CASE expressions, so that the counts below never meet a NULL truth value.
    /// </summary>
    private const string ClassifiedRequests = """
        (SELECT a.*,
            CASE WHEN a.answered = 0 AND a.withdrawn_on <= @AsOf THEN 1 ELSE 0 END AS withdrawn,
            CASE WHEN a.answer_due IS NULL OR a.answer_due > @AsOf THEN 0
                 WHEN a.answered = 0 AND a.withdrawn_on <= @AsOf AND a.withdrawn_on <= a.answer_due THEN 0
                 ELSE 1 END AS due
        FROM (SELECT f.body_key, f.statute_id, b.kind, b.municipality, f.submitted_on, f.answer_due, f.first_answer_on,
                f.first_answer_outcome, f.withdrawn_on, f.complaint_filed_on, f.complaint_decided_on, f.complaint_outcome,
                CASE WHEN f.complaint_filed_on IS NULL THEN NULL ELSE (
                    SELECT MAX(d.due) FROM request_deadlines d
                    WHERE d.request_id = f.request_id AND d.key IN (@DecisionKey, @ExtendedKey)) END AS complaint_decision_due,
                f.court_filed_on, f.court_decided_on, f.court_outcome,
                CASE WHEN f.first_answer_on <= @AsOf AND (f.withdrawn_on IS NULL OR f.withdrawn_on >= f.first_answer_on) THEN 1 ELSE 0 END AS answered
            FROM public_bodies b
            JOIN request_facts f ON f.body_key = b.key AND f.submitted_on >= @From AND f.submitted_on <= @Through /* filters */) a) s
        """;

    /// <summary>The counts of <see cref="StatisticsCounts"/> per body and statute, in the order <see cref="ReadCounts"/> reads them.</summary>
    private const string CountColumns = """
        COUNT(*),
        SUM(CASE WHEN s.answered = 1 AND s.first_answer_outcome = 'complete' THEN 1 ELSE 0 END),
        SUM(CASE WHEN s.answered = 1 AND s.first_answer_outcome = 'partial' THEN 1 ELSE 0 END),
        SUM(CASE WHEN s.answered = 1 AND s.first_answer_outcome = 'refused' THEN 1 ELSE 0 END),
        SUM(CASE WHEN s.answered = 1 AND s.first_answer_outcome = 'not_held' THEN 1 ELSE 0 END),
        SUM(CASE WHEN s.answered = 1 AND s.first_answer_outcome = 'forwarded' THEN 1 ELSE 0 END),
        SUM(CASE WHEN s.answered = 0 THEN 0 WHEN s.first_answer_outcome IN ('complete', 'partial', 'refused', 'not_held', 'forwarded') THEN 0 ELSE 1 END),
        SUM(CASE WHEN s.answered = 0 AND s.withdrawn = 0 AND s.answer_due <= @AsOf THEN 1 ELSE 0 END),
        SUM(s.withdrawn),
        SUM(CASE WHEN s.answered = 0 AND s.withdrawn = 0 THEN 1 ELSE 0 END),
        SUM(CASE WHEN s.answered = 0 AND s.withdrawn = 0 AND s.answer_due < @AsOf THEN 1 ELSE 0 END),
        SUM(s.due),
        SUM(CASE WHEN s.due = 1 AND s.answered = 1 AND s.first_answer_on <= s.answer_due THEN 1 ELSE 0 END),
        SUM(CASE WHEN s.due = 1 AND s.answered = 1 THEN 1 ELSE 0 END),
        SUM(CASE WHEN s.due = 1 AND s.answered = 1 AND s.first_answer_outcome IN ('complete', 'partial') THEN 1 ELSE 0 END),
        SUM(CASE WHEN s.complaint_filed_on <= @AsOf THEN 1 ELSE 0 END),
        SUM(CASE WHEN s.complaint_filed_on <= @AsOf AND s.complaint_decided_on <= @AsOf THEN 1 ELSE 0 END),
        SUM(CASE WHEN s.complaint_filed_on <= @AsOf AND s.complaint_decided_on <= @AsOf AND s.complaint_outcome = 'upheld' THEN 1 ELSE 0 END),
        SUM(CASE WHEN s.complaint_filed_on <= @AsOf AND s.complaint_decided_on <= @AsOf AND s.complaint_outcome = 'partly_upheld' THEN 1 ELSE 0 END),
        SUM(CASE WHEN s.complaint_filed_on <= @AsOf AND s.complaint_decided_on <= @AsOf AND s.complaint_outcome = 'rejected' THEN 1 ELSE 0 END),
        SUM(CASE WHEN s.complaint_filed_on <= @AsOf
                  AND (s.complaint_decision_due <= @AsOf OR (s.complaint_decision_due IS NOT NULL AND s.complaint_decided_on <= @AsOf)) THEN 1 ELSE 0 END),
        SUM(CASE WHEN s.complaint_filed_on <= @AsOf AND s.complaint_decided_on <= @AsOf AND s.complaint_decided_on <= s.complaint_decision_due THEN 1 ELSE 0 END),
        SUM(CASE WHEN s.court_filed_on <= @AsOf THEN 1 ELSE 0 END),
        SUM(CASE WHEN s.court_filed_on <= @AsOf AND s.court_decided_on <= @AsOf THEN 1 ELSE 0 END),
        SUM(CASE WHEN s.court_filed_on <= @AsOf AND s.court_decided_on <= @AsOf AND s.court_outcome = 'won' THEN 1 ELSE 0 END),
        SUM(CASE WHEN s.court_filed_on <= @AsOf AND s.court_decided_on <= @AsOf AND s.court_outcome = 'lost' THEN 1 ELSE 0 END),
        SUM(CASE WHEN s.court_filed_on <= @AsOf AND s.court_decided_on <= @AsOf AND s.court_outcome = 'settled' THEN 1 ELSE 0 END)
        """;

    /// <summary>How many count columns <see cref="CountColumns"/> has (the times' part fills the same columns).</summary>
    private const int CountColumnCount = 27;

    private const string BodyColumns =
        "key AS Key, name_ka AS NameKa, name_en AS NameEn, kind AS Kind, municipality AS Municipality";

    public IAsyncEnumerable<StatisticsRow> ReadAsync(StatisticsSelection selection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var sql = $"""
            SELECT {FactColumns}
            FROM public_bodies b
            JOIN request_facts f ON f.body_key = b.key AND f.submitted_on >= @From AND f.submitted_on <= @Through
            {Filters(selection, " WHERE ")}
            """;
        return StreamAsync<StatisticsRow>(sql, Parameters(selection), cancellationToken);
    }

    public async Task<StatisticsTally> TallyAsync(StatisticsSelection selection, DateOnly asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var requests = ClassifiedRequests.Replace("/* filters */", Filters(selection, " WHERE "), StringComparison.Ordinal);
        var padding = string.Concat(Enumerable.Repeat(", NULL", CountColumnCount - 2));
        // One statement, so the counts and the times are of the same requests however the store changes meanwhile.
        var sql = $"""
            SELECT 0 AS part, s.body_key, s.statute_id, s.kind, s.municipality, NULL AS submitted_on, NULL AS ended_on,
                {CountColumns}
            FROM {requests}
            GROUP BY s.body_key, s.statute_id, s.kind, s.municipality
            UNION ALL
            SELECT 1, t.body_key, t.statute_id, NULL, NULL, t.submitted_on, t.ended_on, COUNT(*), t.answered{padding}
            FROM (SELECT s.body_key, s.statute_id, s.submitted_on,
                    CASE WHEN s.answered = 1 THEN s.first_answer_on WHEN s.withdrawn = 1 THEN s.withdrawn_on END AS ended_on, s.answered
                FROM {requests}) t
            GROUP BY t.body_key, t.statute_id, t.submitted_on, t.ended_on, t.answered
            """;
        var parameters = Parameters(selection);
        parameters.Add("AsOf", asOf);
        var connection = await session.ConnectionAsync(cancellationToken);
        var counts = new List<TalliedCounts>();
        var times = new List<TalliedTime>();
        await using var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, session.Transaction, cancellationToken: cancellationToken));
        while (await reader.ReadAsync(cancellationToken))
        {
            var body = reader.GetString(1);
            var statute = reader.GetString(2);
            if (Number(reader, 0) == 0)
            {
                var key = new StatisticsGroupKey(body, reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4), statute);
                counts.Add(new TalliedCounts(key, ReadCounts(reader, body)));
            }
            else
            {
                times.Add(new TalliedTime(
                    body, statute, reader.GetFieldValue<DateOnly>(5), reader.IsDBNull(6) ? null : reader.GetFieldValue<DateOnly>(6), Number(reader, 8) == 1, Number(reader, 7)));
            }
        }

        return new StatisticsTally(counts, times);
    }

    /// <summary>The counts of one row of <see cref="CountColumns"/>, which start at the eighth column.</summary>
    private static StatisticsCounts ReadCounts(DbDataReader reader, string body)
    {
        const int first = 7;
        int At(int index) => Number(reader, first + index);
        if (At(6) > 0)
            throw new InvalidDataException(
                $"{At(6)} requests to '{body}' have an answer outcome which statistics do not know: expected complete, partial, refused, not_held or forwarded.");
        var (noReply, withdrawn, open) = (At(7), At(8), At(9));
        var outcomes = new OutcomeCounts(At(1), At(2), At(3), At(4), At(5), noReply, Pending: open - noReply, withdrawn);
        return new StatisticsCounts(
            Sent: At(0), outcomes, Due: At(11), OnTime: At(12), RepliedDue: At(13), SuccessDue: At(14), Open: open, Overdue: At(10),
            Complaints: At(15), ComplaintsDecided: At(16), ComplaintsDue: At(20), DecidedInTime: At(21), Upheld: At(17), PartlyUpheld: At(18), Rejected: At(19),
            Court: At(22), CourtDecided: At(23), Won: At(24), Lost: At(25), Settled: At(26));
    }

    /// <summary>An integer column: SQLite's integers and PostgreSQL's counts and sums (bigint) alike.</summary>
    private static int Number(DbDataReader reader, int ordinal) => checked((int)Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture));

    public async IAsyncEnumerable<RequestExportRow> ReadRequestsAsync(StatisticsSelection selection, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        // Body by body, each in the index's own order: rows flow from the first one on, with no sort of the whole year.
        var keys = selection.Body is { } only ? [only] : (await BodiesAsync(selection.Kind, selection.Municipality, cancellationToken)).Select(body => body.Key).ToList();
        const string sql = $"""
            SELECT f.number AS Number, {FactColumns}
            FROM request_facts f
            JOIN public_bodies b ON b.key = f.body_key
            WHERE f.body_key = @Body AND f.submitted_on >= @From AND f.submitted_on <= @Through
            ORDER BY f.submitted_on, f.number
            """;
        foreach (var key in keys)
        {
            var parameters = Parameters(selection with { Body = key });
            await foreach (var row in StreamAsync<RequestExportRow>(sql, parameters, cancellationToken))
                yield return row;
        }
    }

    public async Task<IReadOnlyList<StatisticsBody>> BodiesAsync(string? kind, string? municipality, CancellationToken cancellationToken)
    {
        var filters = Filters(new StatisticsSelection(default, default, Kind: kind, Municipality: municipality), " WHERE ");
        var sql = $"SELECT {BodyColumns} FROM public_bodies b{filters} ORDER BY key";
        var connection = await session.ConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<BodyRow>(new CommandDefinition(
            sql, new { Kind = kind, Municipality = municipality }, session.Transaction, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToBody()).ToList();
    }

    public async Task<StatisticsBody?> BodyAsync(string key, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<BodyRow>(new CommandDefinition(
            $"SELECT {BodyColumns} FROM public_bodies WHERE key = @Key", new { Key = key }, session.Transaction, cancellationToken: cancellationToken));
        return row?.ToBody();
    }

    /// <summary>
    /// The selection's filters as fixed text, each only when given (so that each database sees typed parameters
    /// only), led by <paramref name="joiner"/>; empty when there are none.
    /// </summary>
    private static string Filters(StatisticsSelection selection, string joiner)
    {
        var conditions = new List<string>(4);
        if (selection.Body is not null)
            conditions.Add("b.key = @Body");
        if (selection.Kind is not null)
            conditions.Add("b.kind = @Kind");
        if (selection.Municipality is not null)
            conditions.Add("b.municipality = @Municipality");
        if (selection.Statute is not null)
            conditions.Add("f.statute_id = @Statute");
        return conditions.Count == 0 ? "" : joiner + string.Join(" AND ", conditions);
    }

    private static DynamicParameters Parameters(StatisticsSelection selection)
    {
        var parameters = new DynamicParameters();
        parameters.Add("From", selection.From);
        parameters.Add("Through", selection.Through);
        parameters.Add("DecisionKey", ComplaintDecisionKey);
        parameters.Add("ExtendedKey", ComplaintDecisionExtendedKey);
        if (selection.Body is not null)
            parameters.Add("Body", selection.Body);
        if (selection.Kind is not null)
            parameters.Add("Kind", selection.Kind);
        if (selection.Municipality is not null)
            parameters.Add("Municipality", selection.Municipality);
        if (selection.Statute is not null)
            parameters.Add("Statute", selection.Statute);
        return parameters;
    }

    private async IAsyncEnumerable<T> StreamAsync<T>(string sql, DynamicParameters parameters, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        // Unbuffered: each row is mapped and handed on as it is read, so a million rows never sit in memory together.
        await foreach (var row in connection.QueryUnbufferedAsync<T>(sql, parameters, session.Transaction).WithCancellation(cancellationToken))
            yield return row;
    }

    private sealed class BodyRow
    {
        public string Key { get; init; } = "";
        public string NameKa { get; init; } = "";
        public string NameEn { get; init; } = "";
        public string Kind { get; init; } = "";
        public string? Municipality { get; init; }

        public StatisticsBody ToBody() => new(Key, NameKa, NameEn, Kind, Municipality);
    }
}

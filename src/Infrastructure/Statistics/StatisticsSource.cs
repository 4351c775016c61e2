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
public sealed class StatisticsSource(DbSession session, IDbConnectionFactory factory) : IStatisticsSource
{
    /// <summary>The most parts a period is read in at once: more than the cores only wait for each other.</summary>
    private const int MostParts = 4;

    private const string FactColumns = """
        f.body_key AS BodyKey, b.kind AS BodyKind, b.municipality AS Municipality, f.statute_id AS StatuteId,
        f.submitted_on AS SubmittedOn, f.answer_due AS AnswerDue, f.first_answer_on AS FirstAnswerOn,
        f.first_answer_outcome AS FirstAnswerOutcome, f.withdrawn_on AS WithdrawnOn,
        f.complaint_filed_on AS ComplaintFiledOn, f.complaint_decided_on AS ComplaintDecidedOn, f.complaint_outcome AS ComplaintOutcome,
        CASE WHEN f.complaint_filed_on IS NULL THEN NULL ELSE f.complaint_decision_due END AS ComplaintDecisionDue,
        f.court_filed_on AS CourtFiledOn, f.court_decided_on AS CourtDecidedOn, f.court_outcome AS CourtOutcome
        """;

    /// <summary>Answered at T: the first substantive answer came by T and not after a withdrawal.</summary>
    private const string AnsweredByT = "f.first_answer_on <= @AsOf AND (f.withdrawn_on IS NULL OR f.withdrawn_on >= f.first_answer_on)";

    /// <summary>
    /// The selected bodies' requests sent in the period, each body's read as one range of the statistics index
    /// (body, day sent). Written as a cross join with its condition in WHERE, which makes SQLite take the bodies
    /// as the outer loop: with a plain join its planner, knowing nothing of the tables' sizes, read the whole
    /// index (every year's requests) and tested each row's day, nearly twice as long for a year of every body.
    /// PostgreSQL plans a cross join with a WHERE as it plans the join (the same plan, body by body). The
    /// selection's filters follow, each led by AND.
    /// </summary>
    private const string FactsOfBodies =
        "FROM public_bodies b CROSS JOIN request_facts f WHERE f.body_key = b.key AND f.submitted_on >= @From AND f.submitted_on <= @Through";

    /// <summary>
    /// Each selected request's body, statute, the days Kaplan–Meier needs (sent; answered, withdrawn, or null:
    /// still open at T) as numbers of days (<see cref="DaysSinceEpoch"/>), and four small codes that say what it
    /// was at T, with the definitions of <c>OutcomeClassifier</c> and <c>GroupCalculator</c>;
    /// <see cref="RequestClasses"/> adds the codes and the times up per body and statute. Each
    /// code is one CASE over the request's own columns, so it is worked out once and never meets a NULL truth
    /// value. The four codes reach the service as one number, in decimal places (outcome + 10 × due + 100 ×
    /// complaint + 10,000 × court): on SQLite each column read is a few calls into the native library, and
    /// reading one column instead of four made every body's year a quarter faster (ADR 035). The rows come in
    /// the index's order, unsorted: grouping them in the database cost a sort of the whole year and saved only
    /// a quarter of the rows (most requests of a body have a (sent, answered) pair of their own). Plain SQL, the
    /// same on SQLite and PostgreSQL but for how a day becomes a number.
    /// </summary>
    private static string TallySql(DatabaseProvider provider) => $"""
        SELECT body_key, statute_id, {DaysSinceEpoch(provider, "submitted_on")} AS sent_day, {DaysSinceEpoch(provider, "ended_on")} AS ended_day,
            outcome + 10 * due + 100 * complaint + 10000 * court AS codes
        FROM (SELECT f.body_key, f.statute_id, f.submitted_on,
            CASE WHEN {AnsweredByT} THEN f.first_answer_on WHEN f.withdrawn_on <= @AsOf THEN f.withdrawn_on END AS ended_on,
            CASE WHEN {AnsweredByT} THEN (CASE f.first_answer_outcome
                    WHEN 'complete' THEN 0 WHEN 'partial' THEN 1 WHEN 'refused' THEN 2 WHEN 'not_held' THEN 3 WHEN 'forwarded' THEN 4 ELSE 9 END)
                 WHEN f.withdrawn_on <= @AsOf THEN 7
                 WHEN f.answer_due <= @AsOf THEN 5
                 ELSE 6 END AS outcome,
            CASE WHEN f.answer_due IS NULL OR f.answer_due > @AsOf THEN 0
                 WHEN {AnsweredByT} THEN (CASE WHEN f.first_answer_on <= f.answer_due THEN 4 ELSE 3 END)
                 WHEN f.withdrawn_on <= @AsOf THEN (CASE WHEN f.withdrawn_on <= f.answer_due THEN 0 ELSE 5 END)
                 WHEN f.answer_due < @AsOf THEN 2
                 ELSE 1 END AS due,
            CASE WHEN f.complaint_filed_on IS NULL OR f.complaint_filed_on > @AsOf THEN 0
                 ELSE 1
                    + (CASE WHEN f.complaint_decided_on <= @AsOf THEN (CASE f.complaint_outcome
                            WHEN 'upheld' THEN 2 WHEN 'partly_upheld' THEN 4 WHEN 'rejected' THEN 6 ELSE 8 END) ELSE 0 END)
                    + (CASE WHEN f.complaint_decision_due IS NULL THEN 0
                            WHEN f.complaint_decided_on <= @AsOf AND f.complaint_decided_on <= f.complaint_decision_due THEN 48
                            WHEN f.complaint_decision_due <= @AsOf OR f.complaint_decided_on <= @AsOf THEN 16
                            ELSE 0 END) END AS complaint,
            CASE WHEN f.court_filed_on IS NULL OR f.court_filed_on > @AsOf THEN 0
                 WHEN f.court_decided_on <= @AsOf THEN (CASE f.court_outcome WHEN 'won' THEN 2 WHEN 'lost' THEN 3 WHEN 'settled' THEN 4 ELSE 5 END)
                 ELSE 1 END AS court
        {FactsOfBodies} /* filters */) classified
        """;

    /// <summary>
    /// A day column as its number of days since 1970-01-01 (null stays null). SQLite keeps a day as ISO text,
    /// which its reader turns into a date with the general date parser: reading the year's two days of every
    /// request as numbers instead took a fifth off reading the statement's rows (ADR 040).
    /// </summary>
    private static string DaysSinceEpoch(DatabaseProvider provider, string column) => provider == DatabaseProvider.Postgres
        ? $"({column} - DATE '1970-01-01')"
        : $"(unixepoch({column}) / 86400)";

    private const string BodyColumns =
        "key AS Key, name_ka AS NameKa, name_en AS NameEn, kind AS Kind, municipality AS Municipality";

    public IAsyncEnumerable<StatisticsRow> ReadAsync(StatisticsSelection selection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var sql = $"""
            SELECT {FactColumns}
            {FactsOfBodies}{Filters(selection, " AND ")}
            """;
        return StreamAsync<StatisticsRow>(sql, Parameters(selection), cancellationToken);
    }

    /// <summary>
    /// Reads the selection's rows and adds them up per body and statute. A period of many days is read in as many
    /// parts as there are cores (at most <see cref="MostParts"/>), each by the same statement on a connection of its
    /// own, on its own thread: on SQLite most of a year's time goes to stepping through the rows and reading their
    /// columns in the service, one core's work per statement, and two parts at once took a fifth off the first
    /// call for every body's year and a third off later ones (ADR 044). Each part hands over its own groups: a body
    /// and statute read in two parts comes twice, and the evaluator adds them up as it adds a body's statutes. One
    /// body's requests are few and read by one statement. Inside a transaction (a snapshot being published) the one
    /// statement on the transaction's connection reads everything, as of one moment.
    /// </summary>
    public async Task<IReadOnlyList<TalliedGroup>> TallyAsync(StatisticsSelection selection, DateOnly asOf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var sql = TallySql(session.Provider).Replace("/* filters */", Filters(selection, " AND "), StringComparison.Ordinal);
        var parts = session.InTransaction || selection.Body is not null ? [selection] : selection.InParts(Math.Min(Environment.ProcessorCount, MostParts));
        RequestClasses[] tallies = parts.Count == 1
            ? [await TallyPartAsync(await session.ConnectionAsync(cancellationToken), session.Transaction, sql, selection, asOf, cancellationToken)]
            : await Task.WhenAll(parts.Select(part => Task.Run(
                async () =>
                {
                    await using var connection = await factory.OpenAsync(cancellationToken);
                    return await TallyPartAsync(connection, null, sql, part, asOf, cancellationToken);
                },
                cancellationToken)));

        // The bodies after the requests: every body a request was read for is among them.
        var bodies = (await BodiesAsync(kind: null, municipality: null, cancellationToken)).ToDictionary(body => body.Key, StringComparer.Ordinal);
        return tallies
            .SelectMany(classes => classes.Groups())
            .Select(group => new TalliedGroup(
                new StatisticsGroupKey(group.Body, bodies[group.Body].Kind, bodies[group.Body].Municipality, group.Statute), group.Counts, group.Times))
            .ToList();
    }

    /// <summary>One statement's rows, so the counts and the times are of the same requests however the store changes meanwhile.</summary>
    private static async Task<RequestClasses> TallyPartAsync(
        DbConnection connection, DbTransaction? transaction, string sql, StatisticsSelection selection, DateOnly asOf, CancellationToken cancellationToken)
    {
        var parameters = Parameters(selection);
        parameters.Add("AsOf", asOf);
        var classes = new RequestClasses();
        await using (var reader = await connection.ExecuteReaderAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: cancellationToken)))
        {
            // The rows come body by body: a group is looked up again only when the body or the statute changes.
            RequestClasses.Group? group = null;
            while (await reader.ReadAsync(cancellationToken))
            {
                var (body, statute) = (reader.GetString(0), reader.GetString(1));
                if (group is null || !group.Is(body, statute))
                    group = classes.Of(body, statute);
                var codes = Number(reader, 4);
                var outcome = codes % 10;
                group.Add(outcome, codes / 10 % 10, codes / 100 % 100, codes / 10000);
                group.AddTime(Number(reader, 2), reader.IsDBNull(3) ? null : Number(reader, 3), RequestClasses.IsAnswer(outcome));
            }
        }

        return classes;
    }

    /// <summary>An integer column: SQLite's integers and PostgreSQL's integers and counts (bigint) alike, read without boxing.</summary>
    private static int Number(DbDataReader reader, int ordinal) => checked((int)reader.GetInt64(ordinal));

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

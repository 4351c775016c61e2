using System.Runtime.CompilerServices;
using System.Text;
using Dapper;
using FoiTracker.Application.Statistics;
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

    private const string BodyColumns =
        "key AS Key, name_ka AS NameKa, name_en AS NameEn, kind AS Kind, municipality AS Municipality";

    public IAsyncEnumerable<StatisticsRow> ReadAsync(StatisticsSelection selection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(selection);
        var sql = new StringBuilder($"""
            SELECT {FactColumns}
            FROM public_bodies b
            JOIN request_facts f ON f.body_key = b.key AND f.submitted_on >= @From AND f.submitted_on <= @Through
            """);
        AppendFilters(sql, selection);
        return StreamAsync<StatisticsRow>(sql.ToString(), Parameters(selection), cancellationToken);
    }

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
        var sql = new StringBuilder($"SELECT {BodyColumns} FROM public_bodies b WHERE 1 = 1");
        AppendFilters(sql, new StatisticsSelection(default, default, Kind: kind, Municipality: municipality));
        sql.Append(" ORDER BY key");
        var connection = await session.ConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<BodyRow>(new CommandDefinition(
            sql.ToString(), new { Kind = kind, Municipality = municipality }, session.Transaction, cancellationToken: cancellationToken));
        return rows.Select(row => row.ToBody()).ToList();
    }

    public async Task<StatisticsBody?> BodyAsync(string key, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<BodyRow>(new CommandDefinition(
            $"SELECT {BodyColumns} FROM public_bodies WHERE key = @Key", new { Key = key }, session.Transaction, cancellationToken: cancellationToken));
        return row?.ToBody();
    }

    /// <summary>Filters are added as fixed text, only when given, so that each database sees typed parameters only.</summary>
    private static void AppendFilters(StringBuilder sql, StatisticsSelection selection)
    {
        var joiner = sql.ToString().Contains("WHERE", StringComparison.Ordinal) ? " AND " : " WHERE ";
        if (selection.Body is not null)
        {
            sql.Append(joiner).Append("b.key = @Body");
            joiner = " AND ";
        }

        if (selection.Kind is not null)
        {
            sql.Append(joiner).Append("b.kind = @Kind");
            joiner = " AND ";
        }

        if (selection.Municipality is not null)
        {
            sql.Append(joiner).Append("b.municipality = @Municipality");
            joiner = " AND ";
        }

        if (selection.Statute is not null)
            sql.Append(joiner).Append("f.statute_id = @Statute");
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

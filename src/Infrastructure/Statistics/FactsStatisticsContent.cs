using System.Text.Json;
using FoiTracker.Application.Statistics;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Infrastructure.Persistence.Repositories;

namespace FoiTracker.Infrastructure.Statistics;

/// <summary>
/// Snapshot content from plain counts over request_facts: per body, the requests sent in the period
/// and how many had a first substantive answer by the as-of date. The full per-body statistics
/// (outcomes, on-time rates with intervals, time to answer) take its place behind the same port;
/// its methodology version says which one a snapshot holds.
/// </summary>
public sealed class FactsStatisticsContent(DbSession session) : SqlRepository(session), IStatisticsContent
{
    public string MethodologyVersion => "0.1-counts";

    public async Task<byte[]> ForAsync(StatisticsScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var rows = await QueryAsync<Row>(
            $"""
            SELECT f.body_key AS {nameof(Row.Body)}, COUNT(*) AS {nameof(Row.Sent)},
                COALESCE(SUM(CASE WHEN f.first_answer_on <= @AsOf THEN 1 ELSE 0 END), 0) AS {nameof(Row.Answered)}
            FROM request_facts f
            WHERE {FactsScope.Where}
            GROUP BY f.body_key
            """,
            FactsScope.Parameters(scope),
            cancellationToken);
        return Write(scope, rows);
    }

    /// <summary>
    /// Canonical JSON: fixed property order, no white space, bodies in ordinal key order, integers
    /// only — so the same facts always give the same bytes and the same SHA-256.
    /// </summary>
    private byte[] Write(StatisticsScope scope, IEnumerable<Row> rows)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = false }))
        {
            json.WriteStartObject();
            json.WriteString("methodologyVersion", MethodologyVersion);
            json.WriteString("statute", scope.Statute.Id.Value);
            json.WriteNumber("statuteVersion", scope.Statute.Version);
            json.WriteString("period", scope.Period.Name);
            json.WriteString("periodFrom", scope.Period.From.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("periodTo", scope.Period.Last.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteString("asOf", scope.AsOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteStartArray("bodies");
            foreach (var row in rows.OrderBy(row => row.Body, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("body", row.Body);
                json.WriteNumber("sent", row.Sent);
                json.WriteNumber("answered", row.Answered);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private sealed class Row
    {
        public string Body { get; init; } = "";
        public long Sent { get; init; }
        public long Answered { get; init; }
    }
}

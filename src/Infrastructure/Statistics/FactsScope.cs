using FoiTracker.Application.Statistics;

namespace FoiTracker.Infrastructure.Statistics;

/// <summary>
/// The request_facts rows a scope covers: requests under the statute, sent in the period and no
/// later than the as-of date (a request sent after it did not exist yet on that day).
/// </summary>
internal static class FactsScope
{
    public const string Where =
        "f.statute_id = @Statute AND f.submitted_on >= @From AND f.submitted_on < @Until AND f.submitted_on <= @AsOf";

    /// <summary>Due by the as-of date and not withdrawn before its due date: the denominator of the on-time rate.</summary>
    public const string Due = "f.answer_due <= @AsOf AND (f.withdrawn_on IS NULL OR f.withdrawn_on > f.answer_due)";

    /// <summary>Answered (first substantive answer) on or before the due date.</summary>
    public const string OnTime = Due + " AND f.first_answer_on <= f.answer_due";

    public static Dapper.DynamicParameters Parameters(StatisticsScope scope, string? bodyKey = null)
    {
        var parameters = new Dapper.DynamicParameters(new
        {
            Statute = scope.Statute.Id.Value,
            scope.Period.From,
            scope.Period.Until,
            scope.AsOf,
        });
        if (bodyKey is not null)
            parameters.Add("Body", bodyKey);
        return parameters;
    }
}

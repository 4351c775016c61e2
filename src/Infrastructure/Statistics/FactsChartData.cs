using FoiTracker.Application.Statistics;
using FoiTracker.Application.Statistics.Charts;
using FoiTracker.Application.Statutes;
using FoiTracker.Domain.Statistics;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Infrastructure.Persistence.Repositories;

namespace FoiTracker.Infrastructure.Statistics;

/// <summary>
/// The counts the charts draw, read from request_facts. Due means due by the as-of date and not
/// withdrawn before it was due; on time means the first substantive answer came by the due date.
/// The per-body statistics can take its place behind <see cref="IChartData"/>.
/// </summary>
public sealed class FactsChartData(DbSession session, IStatuteCatalog catalog) : SqlRepository(session), IChartData
{
    private const string BodyFilter = " AND (@Body IS NULL OR f.body_key = @Body)";

    public async Task<IReadOnlyList<BodyOnTime>> OnTimeByBodyAsync(StatisticsScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var rows = await QueryAsync<BodyRow>(
            $"""
            SELECT f.body_key AS {nameof(BodyRow.BodyKey)}, b.name_ka AS {nameof(BodyRow.NameKa)}, b.name_en AS {nameof(BodyRow.NameEn)},
                COALESCE(SUM(CASE WHEN {FactsScope.Due} THEN 1 ELSE 0 END), 0) AS {nameof(BodyRow.Due)},
                COALESCE(SUM(CASE WHEN {FactsScope.OnTime} THEN 1 ELSE 0 END), 0) AS {nameof(BodyRow.OnTime)}
            FROM request_facts f JOIN public_bodies b ON b.key = f.body_key
            WHERE {FactsScope.Where}
            GROUP BY f.body_key, b.name_ka, b.name_en
            """,
            FactsScope.Parameters(scope),
            cancellationToken);
        return rows.Select(row => new BodyOnTime(row.BodyKey, row.NameKa, row.NameEn, (int)row.Due, (int)row.OnTime)).ToList();
    }

    public async Task<IReadOnlyList<MonthOnTime>> OnTimeByMonthAsync(StatisticsScope scope, string? bodyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        // Dates are text on SQLite and date on PostgreSQL: the month is cut out the way each stores it.
        var month = Session.Provider == DatabaseProvider.Postgres ? "to_char(f.submitted_on, 'YYYY-MM')" : "substr(f.submitted_on, 1, 7)";
        var rows = await QueryAsync<MonthRow>(
            $"""
            SELECT {month} AS {nameof(MonthRow.Month)}, COUNT(*) AS {nameof(MonthRow.Sent)},
                COALESCE(SUM(CASE WHEN {FactsScope.Due} THEN 1 ELSE 0 END), 0) AS {nameof(MonthRow.Due)},
                COALESCE(SUM(CASE WHEN {FactsScope.OnTime} THEN 1 ELSE 0 END), 0) AS {nameof(MonthRow.OnTime)}
            FROM request_facts f
            WHERE {FactsScope.Where}{BodyFilter}
            GROUP BY {month}
            """,
            WithBody(scope, bodyKey),
            cancellationToken);
        return rows
            .Select(row => new MonthOnTime(
                DateOnly.ParseExact(row.Month + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), (int)row.Sent, (int)row.Due, (int)row.OnTime))
            .OrderBy(row => row.Month)
            .ToList();
    }

    public async Task<IReadOnlyList<TimeToAnswer>> TimesToAnswerAsync(StatisticsScope scope, string? bodyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var rows = await QueryAsync<TimeRow>(
            $"""
            SELECT f.submitted_on AS {nameof(TimeRow.SubmittedOn)}, f.first_answer_on AS {nameof(TimeRow.FirstAnswerOn)}, f.withdrawn_on AS {nameof(TimeRow.WithdrawnOn)}
            FROM request_facts f
            WHERE {FactsScope.Where}{BodyFilter}
            """,
            WithBody(scope, bodyKey),
            cancellationToken);
        var calendar = catalog.CalendarOf(scope.Statute);
        return rows.Select(row =>
        {
            // Answered by the as-of date: an event; otherwise observed until it was withdrawn or until the as-of date.
            if (row.FirstAnswerOn is { } answered && answered <= scope.AsOf)
                return new TimeToAnswer(Math.Max(0, calendar.WorkingDaysBetween(row.SubmittedOn, answered)), Answered: true);
            var end = row.WithdrawnOn is { } withdrawn && withdrawn < scope.AsOf ? withdrawn : scope.AsOf;
            return new TimeToAnswer(Math.Max(0, calendar.WorkingDaysBetween(row.SubmittedOn, end)), Answered: false);
        }).ToList();
    }

    private static Dapper.DynamicParameters WithBody(StatisticsScope scope, string? bodyKey)
    {
        var parameters = FactsScope.Parameters(scope);
        parameters.Add("Body", bodyKey, System.Data.DbType.String);
        return parameters;
    }

    private sealed class BodyRow
    {
        public string BodyKey { get; init; } = "";
        public string NameKa { get; init; } = "";
        public string NameEn { get; init; } = "";
        public long Due { get; init; }
        public long OnTime { get; init; }
    }

    private sealed class MonthRow
    {
        public string Month { get; init; } = "";
        public long Sent { get; init; }
        public long Due { get; init; }
        public long OnTime { get; init; }
    }

    private sealed class TimeRow
    {
        public DateOnly SubmittedOn { get; init; }
        public DateOnly? FirstAnswerOn { get; init; }
        public DateOnly? WithdrawnOn { get; init; }
    }
}

using FluentValidation;
using FoiTracker.Application.Bodies;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Statutes;
using Mediator;

namespace FoiTracker.Application.Statistics.AnnualReports.ReadAnnualReports;

/// <summary>A body's recorded annual reports, every year, each with its history of revisions.</summary>
public sealed record ListAnnualReportsQuery(string BodyKey) : IQuery<IReadOnlyList<AnnualReportDto>>;

/// <summary>A body's annual report for a year beside the service's own counts for that year, as of a date (default today).</summary>
public sealed record CompareAnnualReportQuery(string BodyKey, int Year, string? AsOf) : IQuery<AnnualReportComparisonDto>;

public sealed class CompareAnnualReportValidator : AbstractValidator<CompareAnnualReportQuery>
{
    public CompareAnnualReportValidator()
    {
        RuleFor(query => query.Year)
            .InclusiveBetween(AnnualReports.FirstYear, LegalDateRules.MaxYear)
            .WithMessage($"'year' must be from {AnnualReports.FirstYear} to {LegalDateRules.MaxYear}.");
        RuleFor(query => query.AsOf)
            .Must(text => string.IsNullOrWhiteSpace(text) || LegalDateRules.TryParse(text, out _))
            .WithMessage("'asOf' must be a date written yyyy-MM-dd, like 2026-12-31; '{PropertyValue}' is not.");
    }
}

public sealed class AnnualReportQueryHandlers(IBodyQueries bodies, IAnnualReportStore store, OwnYearCounter own, StatisticsScopeReader scopes)
    : IQueryHandler<ListAnnualReportsQuery, IReadOnlyList<AnnualReportDto>>,
      IQueryHandler<CompareAnnualReportQuery, AnnualReportComparisonDto>
{
    public async ValueTask<IReadOnlyList<AnnualReportDto>> Handle(ListAnnualReportsQuery query, CancellationToken cancellationToken)
    {
        await RequireBodyAsync(query.BodyKey, cancellationToken);
        return AnnualReports.Group(await store.ListAsync(query.BodyKey, cancellationToken));
    }

    public async ValueTask<AnnualReportComparisonDto> Handle(CompareAnnualReportQuery query, CancellationToken cancellationToken)
    {
        await RequireBodyAsync(query.BodyKey, cancellationToken);
        // The year's requests, as of the date asked (by default today, in the Georgian statute's zone).
        var scope = scopes.Read(query.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), query.AsOf, statute: null);
        var reported = AnnualReports.Group(await store.ListAsync(query.BodyKey, cancellationToken)).SingleOrDefault(report => report.Year == query.Year);
        var counts = await own.ForBodyAsync(query.BodyKey, query.Year, scope.AsOf, cancellationToken);
        return new AnnualReportComparisonDto(query.BodyKey, query.Year, scope.AsOf, OwnYearCounter.MethodologyVersion, reported, counts, Rows(reported?.Current.Figures, counts));
    }

    /// <summary>
    /// Each figure of Art 49 beside the nearest count of the service's records. The service sees only
    /// the requests sent through it, so a body's own total should be at least the service's.
    /// </summary>
    private static List<ComparisonRow> Rows(AnnualReportFigures? reported, OwnYearCounts own) =>
    [
        new("requests_received", "მიღებული მოთხოვნები", "Requests received", reported?.RequestsReceived, own.Sent),
        new("granted", "სრულად გაცემული", "Granted in full", reported?.Granted, own.Complete),
        new("partly_granted", "ნაწილობრივ გაცემული", "Granted in part", reported?.PartlyGranted, own.Partial),
        new("refused", "უარი", "Refused", reported?.Refused, own.Refused),
        new("forwarded", "გადაგზავნილი", "Forwarded", reported?.Forwarded, own.Forwarded),
        new("appeals", "გასაჩივრებული", "Appeals (administrative complaints)", reported?.Appeals, own.Complaints),
        // Silence counts as a refusal (GAC 177(2)); reports rarely count it, so it stands on its own line.
        new("no_reply", "პასუხის გარეშე", "No reply by the due date", null, own.NoReply),
    ];

    private async Task RequireBodyAsync(string key, CancellationToken cancellationToken) =>
        _ = await bodies.GetAsync(key, cancellationToken) ?? throw NotFoundException.For("public body", key);
}

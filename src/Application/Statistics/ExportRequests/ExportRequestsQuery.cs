using System.Runtime.CompilerServices;
using FluentValidation;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Statutes;
using FoiTracker.Domain.Statistics;
using Mediator;

namespace FoiTracker.Application.Statistics.ExportRequests;

/// <summary>
/// The request-level open data: every request sent in a period (optionally to one body) with its
/// dates, its outcome as of today and its escalation, without anything that names or reaches a person.
/// </summary>
public sealed record ExportRequestsQuery(string? Period = null, string? Body = null) : IQuery<RequestExport>;

public sealed class ExportRequestsValidator : AbstractValidator<ExportRequestsQuery>
{
    public ExportRequestsValidator(StatisticsWindows windows)
    {
        this.CheckWindow(windows, query => query.Period, _ => null);
        RuleFor(query => query.Body).MustBeKey("body", "ge-gori-city-hall");
    }
}

public sealed class ExportRequestsHandler(StatisticsWindows windows, StatisticsEvaluator evaluator, IStatisticsSource source, IStatuteCatalog catalog)
    : IQueryHandler<ExportRequestsQuery, RequestExport>
{
    public async ValueTask<RequestExport> Handle(ExportRequestsQuery query, CancellationToken cancellationToken)
    {
        if (query.Body is not null && await source.BodyAsync(query.Body, cancellationToken) is null)
            throw new NotFoundException($"There is no public body '{query.Body}'. Find bodies and their keys at /api/bodies.");
        var window = windows.Resolve(query.Period, null);
        var statutes = catalog.StatuteIds.Select(id => StatuteTerms.Of(catalog, id.Value)).ToDictionary(terms => terms.Statute.Id.Value, StringComparer.Ordinal);
        var selection = new StatisticsSelection(window.Period.From, window.Through, Body: query.Body);
        return new RequestExport(evaluator.Basis(window, statutes.Values), Lines(selection, window.AsOf, statutes, cancellationToken));
    }

    private async IAsyncEnumerable<RequestExportLine> Lines(
        StatisticsSelection selection, DateOnly asOf, Dictionary<string, StatuteTerms> statutes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var row in source.ReadRequestsAsync(selection, cancellationToken))
        {
            var outcome = OutcomeClassifier.Classify(row, asOf);
            int? days = outcome.IsAnswer() && statutes.TryGetValue(row.StatuteId, out var terms)
                ? Math.Max(0, terms.Calendar.WorkingDaysBetween(row.SubmittedOn, row.FirstAnswerOn!.Value))
                : null;
            yield return new RequestExportLine(
                row.Number, row.BodyKey, row.SubmittedOn, row.AnswerDue, outcome.IsAnswer() ? row.FirstAnswerOn : null, outcome.ToName(), days,
                row.ComplaintFiledOn, row.CourtFiledOn);
        }
    }
}

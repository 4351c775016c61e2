using FluentValidation;
using FoiTracker.Application.Bodies;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Statutes;
using FoiTracker.Domain.Calendars;
using FoiTracker.Domain.Requests;
using FoiTracker.Domain.Statutes;
using FoiTracker.Domain.Workflows;
using Mediator;

namespace FoiTracker.Application.Requests.Publication.GetPublicRequest;

/// <summary>
/// A sent request's public record by its number: the letter's subject and text, the deadlines with
/// working days left, and the correspondence and course of the request (see <see cref="PublicTimeline"/>).
/// A request not sent yet does not exist for the public.
/// </summary>
public sealed record GetPublicRequestQuery(string? Number) : IQuery<PublicRequestDto>;

public sealed class GetPublicRequestValidator : AbstractValidator<GetPublicRequestQuery>
{
    public GetPublicRequestValidator()
    {
        RuleFor(query => query.Number)
            .Must(number => RequestNumber.TryParse(number, out _))
            .WithMessage("'{PropertyValue}' is not a request number (e.g. 2026-000042).");
    }
}

public sealed class GetPublicRequestHandler(IPublicRequestStore store, IRequestQueries queries, IStatuteCatalog catalog, TimeProvider clock)
    : IQueryHandler<GetPublicRequestQuery, PublicRequestDto>
{
    public async ValueTask<PublicRequestDto> Handle(GetPublicRequestQuery query, CancellationToken cancellationToken)
    {
        var publication = await store.FindAsync(query.Number!, cancellationToken);
        var record = publication is null ? null : await queries.GetAsync(publication.Id, cancellationToken);
        catalog.TryGetStatute(record?.Statute ?? string.Empty, out var statute);
        var stage = new StageKey(record?.Stage ?? "unknown");
        if (publication is null || record is null || record.SubmittedAt is null || statute?.Workflow?.IsUnsent(stage) == true)
            throw NotFoundException.For("request", query.Number!);

        var redactions = (await store.RedactionsAsync(record.Id, cancellationToken)).ToDictionary(redaction => redaction.Seq);
        var name = record.RequesterName;
        var shown = publication.NamePublic;
        var stageName = statute?.Workflow is { } workflow && workflow.HasStage(stage) ? workflow.Stage(stage).Name : null;
        return new PublicRequestDto(
            record.Number, record.BodyKey, record.Statute, record.Stage, Localized(stageName), record.Outcome,
            PublicTimeline.Clean(record.Subject, name, shown)!,
            PublicTimeline.Clean(record.Text, name, shown)!,
            shown ? name : null,
            record.SubmittedAt,
            Deadlines(record, statute),
            [.. record.Timeline
                .Where(entry => PublicTimeline.IsPublic(entry.Kind))
                .Select(entry => PublicTimeline.Entry(
                    entry.Seq, entry.At, entry.Kind, entry.Actor, entry.Detail, redactions.GetValueOrDefault(entry.Seq), name, shown))]);
    }

    private List<PublicDeadlineDto> Deadlines(RequestRecord record, Statute? statute)
    {
        if (statute is null)
            return [.. record.Deadlines.Select(deadline => new PublicDeadlineDto(deadline.Key, deadline.Due, null, null, 0))];
        var calendar = catalog.CalendarOf(statute);
        var today = Today(statute);
        return [.. record.Deadlines.Select(deadline =>
        {
            var rule = statute.TryGetDeadline(deadline.Key, out var found) ? found : null;
            return new PublicDeadlineDto(deadline.Key, deadline.Due, rule?.Citation, Localized(rule?.Explanation), calendar.WorkingDaysBetween(today, deadline.Due));
        })];
    }

    private DateOnly Today(Statute statute) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById(statute.TimeZone)).DateTime);

    private static LocalizedDto? Localized(MultilingualName? name) => name is null ? null : new LocalizedDto(name.Ka ?? name.En, name.En);
}

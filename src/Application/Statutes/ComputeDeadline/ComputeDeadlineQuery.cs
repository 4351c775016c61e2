using FluentValidation;
using FoiTracker.Domain.Deadlines;
using Mediator;

namespace FoiTracker.Application.Statutes.ComputeDeadline;

/// <summary>The citizen's deadline calculator: when is a statute's named deadline due, counted from a date, and why.</summary>
public sealed record ComputeDeadlineQuery(string? Statute, string? Deadline, string? From, int? PausedDays, string? Lang) : IQuery<DeadlineDto>;

public sealed class ComputeDeadlineValidator : AbstractValidator<ComputeDeadlineQuery>
{
    public const int MaxPausedDays = 3650;

    public ComputeDeadlineValidator()
    {
        RuleFor(query => query.Statute).NotEmpty().WithMessage("'statute' is required, e.g. statute=ge-gac.");
        RuleFor(query => query.Deadline).NotEmpty().WithMessage("'deadline' is required, e.g. deadline=response.");
        RuleFor(query => query.From).MustBeLegalDate("from");
        RuleFor(query => query.PausedDays)
            .InclusiveBetween(0, MaxPausedDays)
            .WithMessage($"'pausedDays' must be a whole number from 0 to {MaxPausedDays}.");
        RuleFor(query => query.Lang)
            .Must(lang => lang is null or "en" or "ka")
            .WithMessage("'lang' must be 'en' or 'ka'.");
    }
}

public sealed class ComputeDeadlineHandler(IStatuteCatalog catalog) : IQueryHandler<ComputeDeadlineQuery, DeadlineDto>
{
    public ValueTask<DeadlineDto> Handle(ComputeDeadlineQuery query, CancellationToken cancellationToken)
    {
        var statute = catalog.Statute(query.Statute!);
        var rule = statute.DeadlineOrNotFound(query.Deadline!);
        if (!LegalDateRules.TryParse(query.From, out var from))
            throw new ArgumentException("The validator lets only yyyy-MM-dd dates through.", nameof(query));
        var language = query.Lang ?? "en";
        var result = DeadlineCalculator.Compute(statute, catalog.CalendarOf(statute), rule.Key, new DeadlineInputs(from, query.PausedDays ?? 0));
        return ValueTask.FromResult(new DeadlineDto(
            statute.Id.Value, statute.Version, result.CalendarId.Value, result.CalendarVersion, rule.Key, from, result.Due, rule.Value,
            StatuteNames.Of(rule.Unit), rule.Citation, result.PausedDays, rule.Explanation?.In(language),
            result.Skipped.Select(day => new SkippedDayDto(day.Date, day.Describe(language))).ToList()));
    }
}

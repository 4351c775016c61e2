using FluentValidation;
using FoiTracker.Application.Bodies;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Requests;
using Mediator;

namespace FoiTracker.Application.Statistics.AnnualReports.RecordAnnualReport;

/// <summary>
/// Staff record the figures a body gave in its annual report for a year. Recording the same figures
/// again changes nothing; different ones become the next revision, and the earlier ones stay.
/// </summary>
public sealed record RecordAnnualReportCommand(
    string BodyKey, int Year, AnnualReportFigures Figures, DateOnly? PublishedOn, string? Source, string? Note, RequestActor Actor)
    : ICommand<AnnualReportDto>;

public sealed class RecordAnnualReportValidator : AbstractValidator<RecordAnnualReportCommand>
{
    /// <summary>No Georgian body receives more requests than this in a year; a larger number is a typing error.</summary>
    public const int MaxCount = 10_000_000;

    public RecordAnnualReportValidator(TimeProvider clock)
    {
        RuleFor(command => command.Year)
            .Must((_, year) => year >= AnnualReports.FirstYear && year <= clock.GetUtcNow().Year)
            .WithMessage(command => $"'year' must be from {AnnualReports.FirstYear} (GAC Chapter III) to this year; {command.Year} is not.");
        RuleFor(command => command.Figures).NotNull().WithMessage("The report's figures are required.");
        When(command => command.Figures is not null, () =>
        {
            Count(command => command.Figures.RequestsReceived, "requestsReceived");
            Count(command => command.Figures.Granted, "granted");
            Count(command => command.Figures.PartlyGranted, "partlyGranted");
            Count(command => command.Figures.Refused, "refused");
            Count(command => command.Figures.Forwarded, "forwarded");
            Count(command => command.Figures.Appeals, "appeals");
            RuleFor(command => command.Figures.CostsTetri)
                .InclusiveBetween(0, 1_000_000_000_000).When(command => command.Figures.CostsTetri is not null)
                .WithMessage("'costsTetri' is the cost in tetri (1 GEL = 100 tetri): a whole number, 0 or more.")
                .OverridePropertyName("costsTetri");
        });
        RuleFor(command => command.Source)
            .NotEmpty().WithMessage("'source' is required: the URL of the published report or a reference to the document (number, date).")
            .MaximumLength(1000).WithMessage("'source' is at most 1000 characters.")
            .Must(source => source is null || !source.StartsWith("http", StringComparison.OrdinalIgnoreCase) || IsWebAddress(source))
            .WithMessage("'source' looks like a web address but is not a valid http(s) URL.");
        RuleFor(command => command.Note).MaximumLength(2000).WithMessage("'note' is at most 2000 characters.");
        RuleFor(command => command.PublishedOn)
            .Must((command, on) => on is null || (on.Value.Year >= command.Year && on.Value <= DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddDays(1))))
            .WithMessage("'publishedOn' must fall in the report's year or later, and not in the future.");
        RuleFor(command => command.Actor.IsStaff).Equal(true).WithMessage("Only staff record annual reports.");
    }

    private void Count(System.Linq.Expressions.Expression<Func<RecordAnnualReportCommand, int?>> figure, string name) =>
        RuleFor(figure)
            .InclusiveBetween(0, MaxCount)
            .WithMessage($"'{name}' must be a whole number from 0 to {MaxCount}, or left out when the report does not give it.")
            .OverridePropertyName(name);

    private static bool IsWebAddress(string text) =>
        Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}

public sealed class RecordAnnualReportHandler(IBodyQueries bodies, IAnnualReportStore store, TimeProvider clock)
    : ICommandHandler<RecordAnnualReportCommand, AnnualReportDto>
{
    public async ValueTask<AnnualReportDto> Handle(RecordAnnualReportCommand command, CancellationToken cancellationToken)
    {
        _ = await bodies.GetAsync(command.BodyKey, cancellationToken) ?? throw NotFoundException.For("public body", command.BodyKey);
        var revisions = await store.ListAsync(command.BodyKey, cancellationToken);
        var latest = revisions.Where(revision => revision.Year == command.Year).MaxBy(revision => revision.Revision);
        var source = command.Source!.Trim();
        var note = string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim();
        if (latest is null || latest.Figures != command.Figures || latest.PublishedOn != command.PublishedOn
            || !string.Equals(latest.Source, source, StringComparison.Ordinal) || !string.Equals(latest.Note, note, StringComparison.Ordinal))
        {
            var revision = new AnnualReportRevision(
                command.BodyKey, command.Year, (latest?.Revision ?? 0) + 1, command.Figures, command.PublishedOn, source, note,
                command.Actor.UserId, command.Actor.Name, clock.GetUtcNow());
            await store.AddAsync(revision, cancellationToken);
            revisions = [.. revisions, revision];
        }

        return AnnualReports.Group(revisions.Where(revision => revision.Year == command.Year)).Single();
    }
}

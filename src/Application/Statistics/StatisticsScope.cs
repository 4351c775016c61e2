using FluentValidation;
using FluentValidation.Results;
using FoiTracker.Application.Statutes;
using FoiTracker.Domain.Statistics;
using FoiTracker.Domain.Statutes;

namespace FoiTracker.Application.Statistics;

/// <summary>What a figure covers: requests under <see cref="Statute"/> sent in <see cref="Period"/>, as known on <see cref="AsOf"/>.</summary>
public sealed record StatisticsScope(ReportingPeriod Period, DateOnly AsOf, Statute Statute);

/// <summary>
/// Reads the period, as-of date and statute a caller gives as text, with the defaults every
/// statistics endpoint shares: the Georgian statute, the current year, and today in the statute's zone.
/// </summary>
public sealed class StatisticsScopeReader(IStatuteCatalog catalog, TimeProvider clock)
{
    public const string DefaultStatute = "ge-gac";

    /// <summary>The scope; the validator has checked the texts (<see cref="ScopeRules"/>), except what needs the statute's zone.</summary>
    public StatisticsScope Read(string? period, string? asOf, string? statute)
    {
        var law = catalog.Statute(string.IsNullOrWhiteSpace(statute) ? DefaultStatute : statute.Trim());
        var today = law.LegalDateOf(clock.GetUtcNow());
        var reporting = string.IsNullOrWhiteSpace(period) ? ReportingPeriod.Year(today.Year) : ReportingPeriod.Parse(period);
        var date = today;
        if (!string.IsNullOrWhiteSpace(asOf) && !LegalDateRules.TryParse(asOf, out date))
            throw new ArgumentException("The validator lets only yyyy-MM-dd dates through.", nameof(asOf));
        if (date > today)
            throw Invalid("asOf", $"'asOf' cannot be after today ({today:yyyy-MM-dd} in {law.TimeZone}): figures can only be evaluated on a day that has happened.");
        if (date < reporting.From)
            throw Invalid("asOf", $"'asOf' ({date:yyyy-MM-dd}) is before the period {reporting} starts ({reporting.From:yyyy-MM-dd}): nothing sent in it can be counted yet.");
        return new StatisticsScope(reporting, date, law);
    }

    /// <summary>A 400 naming the field, for input that only the handler can judge.</summary>
    public static ValidationException Invalid(string field, string message) => new([new ValidationFailure(field, message)]);
}

/// <summary>Input rules for the period, as-of and statute texts of the statistics endpoints.</summary>
public static class ScopeRules
{
    public static void AddScopeRules<T>(this AbstractValidator<T> validator, Func<T, string?> period, Func<T, string?> asOf, Func<T, string?> statute)
    {
        validator.RuleFor(x => period(x))
            .Must(text => string.IsNullOrWhiteSpace(text) || ReportingPeriod.TryParse(text, out _))
            .WithMessage(x => ReportingPeriod.Describe(period(x)))
            .OverridePropertyName("period");
        validator.RuleFor(x => asOf(x))
            .Must(text => string.IsNullOrWhiteSpace(text) || LegalDateRules.TryParse(text, out _))
            .WithMessage("'asOf' must be a date written yyyy-MM-dd, like 2026-12-31; '{PropertyValue}' is not.")
            .OverridePropertyName("asOf");
        validator.RuleFor(x => statute(x))
            .MaximumLength(64).WithMessage("'statute' is at most 64 characters, e.g. ge-gac.")
            .OverridePropertyName("statute");
    }

    public static void AddLanguageRule<T>(this AbstractValidator<T> validator, Func<T, string?> lang) =>
        validator.RuleFor(x => lang(x))
            .Must(text => text is null or "en" or "ka")
            .WithMessage("'lang' must be 'en' or 'ka'.")
            .OverridePropertyName("lang");
}

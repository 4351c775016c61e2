using FluentValidation;
using FoiTracker.Application.Statutes;
using FoiTracker.Domain.Statistics;
using FoiTracker.Domain.Statutes;

namespace FoiTracker.Application.Statistics;

/// <summary>What a published figure covers: requests under <see cref="Statute"/> sent in the window's period, as known on its day.</summary>
public sealed record StatisticsScope(StatisticsWindow Window, Statute Statute)
{
    public StatisticsPeriod Period => Window.Period;

    public DateOnly AsOf => Window.AsOf;

    /// <summary>The stored requests the scope covers.</summary>
    public StatisticsSelection Selection(string? body = null) =>
        new(Period.From, Window.Through, Body: body, Statute: Statute.Id.Value);
}

/// <summary>
/// Reads the period, as-of date and statute of snapshots, charts and annual-report comparisons with
/// the same rules and defaults as every statistics query (<see cref="StatisticsWindows"/>), and the
/// Georgian statute unless another is named.
/// </summary>
public sealed class StatisticsScopeReader(StatisticsWindows windows, IStatuteCatalog catalog)
{
    /// <summary>The scope of texts the validator has checked (<see cref="ScopeRules"/>).</summary>
    public StatisticsScope Read(string? period, string? asOf, string? statute) => new(
        windows.Resolve(Blank(period), Blank(asOf)),
        catalog.Statute(Blank(statute) ?? StatisticsWindows.DefaultStatute));

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>Input rules for the period, as-of and statute texts of the statistics endpoints.</summary>
public static class ScopeRules
{
    public static void AddScopeRules<T>(
        this AbstractValidator<T> validator, StatisticsWindows windows, Func<T, string?> period, Func<T, string?> asOf, Func<T, string?> statute)
    {
        validator.CheckWindow(
            windows,
            x => string.IsNullOrWhiteSpace(period(x)) ? null : period(x)!.Trim(),
            x => string.IsNullOrWhiteSpace(asOf(x)) ? null : asOf(x)!.Trim());
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

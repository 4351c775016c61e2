using FluentValidation;
using FluentValidation.Results;
using FoiTracker.Application.Statutes;
using FoiTracker.Domain.Statistics;

namespace FoiTracker.Application.Statistics;

/// <summary>The period the requests were sent in and the day T they are evaluated at.</summary>
public sealed record StatisticsWindow(StatisticsPeriod Period, DateOnly AsOf)
{
    /// <summary>The last day of sending read: a request sent after T did not exist at T.</summary>
    public DateOnly Through => Period.To < AsOf ? Period.To : AsOf;
}

/// <summary>
/// Reads the <c>period</c> and <c>asOf</c> parameters: the period defaults to the current calendar year,
/// T to today, both in the zone of the service's statute; T may not lie before the period's start or
/// after today (what has not happened cannot be counted).
/// </summary>
public sealed class StatisticsWindows(TimeProvider clock, IStatuteCatalog catalog)
{
    /// <summary>The statute whose zone dates "today" for statistics (Georgia's GAC, Asia/Tbilisi).</summary>
    public const string DefaultStatute = "ge-gac";

    private const string AsOfForm = "a date written yyyy-MM-dd, like 2026-06-30";

    public DateOnly Today() => catalog.GetStatute(DefaultStatute).LegalDateOf(clock.GetUtcNow());

    /// <summary>Every problem with the two parameters, named by parameter, in words a person understands.</summary>
    public IEnumerable<ValidationFailure> Check(string? period, string? asOf)
    {
        var today = Today();
        StatisticsPeriod? parsed = null;
        if (period is not null && !StatisticsPeriod.TryParse(period, out parsed))
            yield return new ValidationFailure("period", $"'period' must be {StatisticsPeriod.AcceptedForms}; '{period}' is not.");
        parsed ??= period is null ? StatisticsPeriod.Year(today.Year) : null;
        if (asOf is not null)
        {
            if (!LegalDateRules.TryParse(asOf, out var day))
                yield return new ValidationFailure("asOf", $"'asOf' must be {AsOfForm}; '{asOf}' is not.");
            else if (day > today)
                yield return new ValidationFailure("asOf", $"'asOf' cannot be after today ({today:yyyy-MM-dd}): what has not happened cannot be counted.");
            else if (parsed is not null && day < parsed.From)
                yield return new ValidationFailure("asOf", $"'asOf' ({day:yyyy-MM-dd}) cannot be before the period's first day ({parsed.From:yyyy-MM-dd}).");
        }
        else if (parsed is not null && parsed.From > today)
        {
            yield return new ValidationFailure("period", $"The period {parsed.Text} starts after today ({today:yyyy-MM-dd}): no request in it can be counted yet.");
        }
    }

    /// <summary>The window of parameters that passed <see cref="Check"/>.</summary>
    public StatisticsWindow Resolve(string? period, string? asOf)
    {
        var today = Today();
        var parsed = period is null ? StatisticsPeriod.Year(today.Year)
            : StatisticsPeriod.TryParse(period, out var value) ? value
            : throw new ArgumentException("The validator lets only valid periods through.", nameof(period));
        var day = asOf is null ? today
            : LegalDateRules.TryParse(asOf, out var date) ? date
            : throw new ArgumentException("The validator lets only valid dates through.", nameof(asOf));
        return new StatisticsWindow(parsed, day);
    }
}

/// <summary>The validator rule every statistics query shares.</summary>
public static class StatisticsWindowRules
{
    public static void CheckWindow<T>(this AbstractValidator<T> validator, StatisticsWindows windows, Func<T, string?> period, Func<T, string?> asOf) =>
        validator.RuleFor(query => query).Custom((query, context) =>
        {
            foreach (var failure in windows.Check(period(query), asOf(query)))
                context.AddFailure(failure);
        });
}

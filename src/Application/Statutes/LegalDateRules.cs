using System.Globalization;
using FluentValidation;

namespace FoiTracker.Application.Statutes;

/// <summary>Input rules for legal dates given as text (yyyy-MM-dd) and for years.</summary>
public static class LegalDateRules
{
    public const int MinYear = 1990;
    public const int MaxYear = 2100;

    public static bool TryParse(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static IRuleBuilderOptions<T, string?> MustBeLegalDate<T>(this IRuleBuilder<T, string?> rule, string name) =>
        rule.NotEmpty().WithMessage($"'{name}' is required, as a date like 2027-04-27.")
            .Must(text => TryParse(text, out _)).WithMessage($"'{name}' must be a date written yyyy-MM-dd, like 2027-04-27; '{{PropertyValue}}' is not.")
            .Must(text => !TryParse(text, out var date) || (date.Year >= MinYear && date.Year <= MaxYear))
            .WithMessage($"'{name}' must lie between {MinYear} and {MaxYear}.");
}

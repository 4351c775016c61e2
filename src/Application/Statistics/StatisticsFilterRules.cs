using FluentValidation;
using FoiTracker.Domain.Bodies;

namespace FoiTracker.Application.Statistics;

/// <summary>Input rules for the body filters of statistics queries.</summary>
public static class StatisticsFilterRules
{
    public static IRuleBuilderOptions<T, string?> MustBeBodyKind<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(kind => kind is null || BodyKindNames.TryParse(kind, out _))
            .WithMessage($"'kind' must be one of {string.Join(", ", BodyKindNames.All.Order(StringComparer.Ordinal))}; '{{PropertyValue}}' is not.");

    public static IRuleBuilderOptions<T, string?> MustBeKey<T>(this IRuleBuilder<T, string?> rule, string name, string example) =>
        rule.Must(text => text is null || PublicBodyKey.TryCreate(text, out _))
            .WithMessage($"'{name}' must be a key of lower-case letters, digits and hyphens, like '{example}'; '{{PropertyValue}}' is not.");
}

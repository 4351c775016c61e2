using FluentValidation;
using FoiTracker.Domain.Calendars;
using Mediator;

namespace FoiTracker.Application.Statutes.ListHolidays;

/// <summary>The public holidays of a calendar in one year, as the deadline engine counts them.</summary>
public sealed record ListHolidaysQuery(string Calendar, int? Year) : IQuery<IReadOnlyList<HolidayDto>>;

public sealed class ListHolidaysValidator : AbstractValidator<ListHolidaysQuery>
{
    public ListHolidaysValidator() =>
        RuleFor(query => query.Year)
            .NotNull().WithMessage("'year' is required, e.g. year=2027.")
            .InclusiveBetween(Math.Max(LegalDateRules.MinYear, HolidayCalendar.MinYear), Math.Min(LegalDateRules.MaxYear, HolidayCalendar.MaxYear))
            .WithMessage($"'year' must lie between {Math.Max(LegalDateRules.MinYear, HolidayCalendar.MinYear)} and {Math.Min(LegalDateRules.MaxYear, HolidayCalendar.MaxYear)}.");
}

public sealed class ListHolidaysHandler(IStatuteCatalog catalog) : IQueryHandler<ListHolidaysQuery, IReadOnlyList<HolidayDto>>
{
    public ValueTask<IReadOnlyList<HolidayDto>> Handle(ListHolidaysQuery query, CancellationToken cancellationToken)
    {
        var calendar = catalog.Calendar(query.Calendar);
        return ValueTask.FromResult<IReadOnlyList<HolidayDto>>(
            calendar.HolidaysIn(query.Year!.Value).Select(holiday => new HolidayDto(holiday.Date, NameDto.From(holiday.Name))).ToList());
    }
}

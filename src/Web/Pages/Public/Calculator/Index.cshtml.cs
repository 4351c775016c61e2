using FluentValidation;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Statutes;
using FoiTracker.Application.Statutes.ComputeDeadline;
using FoiTracker.Application.Statutes.GetStatute;
using FoiTracker.Application.Statutes.ListStatutes;
using FoiTracker.Web.Pages.Support;
using FoiTracker.Web.Resources;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace FoiTracker.Web.Pages.Public.Calculator;

/// <summary>
/// The deadline calculator as a GET form (GET /api/deadlines' query): a statute, one of its deadlines
/// and the day it runs from give the due day, its citation and every day skipped on the way.
/// </summary>
public sealed class CalculatorModel(IMediator mediator, IStringLocalizer<SharedResource> text) : FormPage(text)
{
    public const string DefaultStatute = "ge-gac";

    [BindProperty(SupportsGet = true, Name = "statute")]
    public string? Statute { get; set; }

    [BindProperty(SupportsGet = true, Name = "deadline")]
    public string? Deadline { get; set; }

    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }

    public IReadOnlyList<StatuteSummaryDto> Statutes { get; private set; } = [];

    public IReadOnlyList<DeadlineRuleDto> Deadlines { get; private set; } = [];

    public DeadlineDto? Result { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Statutes = await mediator.Send(new ListStatutesQuery(), cancellationToken);
        // An unknown statute in the address falls back to Georgia's GAC rather than failing the page.
        Statute = Statutes.Any(statute => statute.Id == Statute) ? Statute : Statutes.FirstOrDefault(statute => statute.Id == DefaultStatute)?.Id ?? (Statutes.Count > 0 ? Statutes[0].Id : null);
        if (Statute is not null)
            Deadlines = (await mediator.Send(new GetStatuteQuery(Statute), cancellationToken)).Deadlines;
        if (From is null && Deadline is null)
            return Page();
        try
        {
            Result = await mediator.Send(new ComputeDeadlineQuery(Statute, Deadline, From?.Trim(), null, SiteCulture.Current), cancellationToken);
            return Page();
        }
        catch (ValidationException ex)
        {
            foreach (var field in ex.Errors.Select(error => error.PropertyName).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                if (field.Equals(nameof(ComputeDeadlineQuery.Deadline), StringComparison.OrdinalIgnoreCase))
                    ShowError("deadline", Text["Public.Calculator.DeadlineRequired"]);
                else if (field.Equals(nameof(ComputeDeadlineQuery.From), StringComparison.OrdinalIgnoreCase))
                    ShowError("from", Text["Public.Calculator.FromInvalid"]);
                else
                    ShowError(string.Empty, Text["Public.Calculator.Invalid"]);
            }

            return FormAgain();
        }
        catch (NotFoundException)
        {
            // A deadline of another statute (the statute was changed without choosing again).
            ShowError("deadline", Text["Public.Calculator.DeadlineUnknown"]);
            return FormAgain();
        }
    }

    /// <summary>A statute's or a rule's name in the page's language, English where the data has no Georgian.</summary>
    public static string Name(NameDto name) =>
        SiteCulture.Current == SiteCulture.Georgian && !string.IsNullOrWhiteSpace(name.Ka) ? name.Ka : name.En;
}

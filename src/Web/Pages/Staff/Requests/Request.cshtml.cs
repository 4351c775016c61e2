using FluentValidation;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Requests.GetRequest;
using FoiTracker.Application.Requests.RecordEvent;
using FoiTracker.Application.Staff.Assign;
using FoiTracker.Application.Staff.Cases;
using FoiTracker.Application.Staff.Notes;
using FoiTracker.Application.Statutes;
using FoiTracker.Domain.Common;
using FoiTracker.Web.Pages.Support;
using FoiTracker.Web.Resources;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace FoiTracker.Web.Pages.Staff.Requests;

/// <summary>
/// Staff's view of one request: its deadlines with the working days left, the steps its stage
/// allows now (a step whose window closed is no longer among them), the body's answer with its
/// real date, the assignment and the internal notes.
/// </summary>
public sealed class RequestModel(IMediator mediator, IStatuteCatalog catalog, TimeProvider clock, IStringLocalizer<SharedResource> text) : StaffPage(text)
{
    /// <summary>Events staff do not record from here: the requester's own, and the ladder's step, which has its own button.</summary>
    private static readonly HashSet<string> NotRecordedHere = ["escalate", "note", "withdraw", "submit", "print"];

    public static readonly IReadOnlyList<string> Outcomes = ["complete", "partial", "refused", "not_held", "forwarded", "upheld", "rejected", "won", "lost"];

    public RequestDetailsDto Details { get; private set; } = null!;

    public StaffCaseDto Case { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    public bool CanEscalate => Details.AcceptedEvents.Contains("escalate");

    public IEnumerable<string> RecordableEvents => Details.AcceptedEvents.Where(kind => !NotRecordedHere.Contains(kind));

    public IStatuteCatalog Catalog => catalog;

    /// <summary>Working days from today to a deadline's last day on the statute's calendar (negative once it has passed).</summary>
    public int WorkingDaysLeft(DateOnly due) =>
        catalog.TryGetStatute(Details.Statute, out var statute) ? catalog.CalendarOf(statute).WorkingDaysBetween(Today, due) : due.DayNumber - Today.DayNumber;

    public async Task<IActionResult> OnGetAsync(string number, CancellationToken cancellationToken) =>
        await LoadAsync(number, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostNoteAsync(string number, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(number, cancellationToken))
            return NotFound();
        return await SubmitAsync(
            async () =>
            {
                await mediator.Send(new AddInternalNoteCommand(Case.RequestId, Input.Text ?? "", Actor), cancellationToken);
                return Done("Staff.Request.NoteAdded");
            },
            nameof(Input.Text));
    }

    public async Task<IActionResult> OnPostAssignAsync(string number, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(number, cancellationToken))
            return NotFound();
        return await SubmitAsync(
            async () =>
            {
                await mediator.Send(new AssignCaseCommand(Case.RequestId, Input.AssigneeId, Actor), cancellationToken);
                return Done("Staff.Request.Assigned");
            },
            nameof(Input.AssigneeId));
    }

    public async Task<IActionResult> OnPostEventAsync(string number, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(number, cancellationToken))
            return NotFound();
        if (Input.On is { } on && on > Today)
        {
            ShowError("Input.On", Text["Staff.Request.DateInFuture"]);
            return FormAgain();
        }

        try
        {
            await mediator.Send(
                new RecordEventCommand(
                    Case.RequestId, Input.Kind ?? "", Actor, OccurredAt(Input.On), Blank(Input.Outcome), Blank(Input.Note),
                    ForwardedTo: Blank(Input.ForwardedTo), Reference: Blank(Input.Reference)),
                cancellationToken);
            return Done("Staff.Request.EventRecorded");
        }
        catch (ValidationException ex)
        {
            foreach (var failure in ex.Errors)
                ShowError(EventField(failure.PropertyName), Text[failure.ErrorMessage]);
            return FormAgain();
        }
        catch (Exception ex) when (ex is BusinessRuleViolationException or ConflictException)
        {
            ShowError(string.Empty, Text[ex.Message]);
            return FormAgain();
        }
    }

    private async Task<bool> LoadAsync(string number, CancellationToken cancellationToken)
    {
        try
        {
            Case = await mediator.Send(new GetStaffCaseQuery(number, Actor), cancellationToken);
            Details = await mediator.Send(new GetRequestQuery(Case.RequestId, Actor), cancellationToken);
        }
        catch (NotFoundException)
        {
            return false;
        }

        Today = catalog.TryGetStatute(Details.Statute, out var statute)
            ? statute.LegalDateOf(clock.GetUtcNow())
            : DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        return true;
    }

    // A day the body acted on, as an instant: noon of that day where the statute counts, or now for today.
    private DateTimeOffset? OccurredAt(DateOnly? on)
    {
        if (on is not { } day)
            return null;
        if (day == Today || !catalog.TryGetStatute(Details.Statute, out var statute))
            return day == Today ? clock.GetUtcNow() : new DateTimeOffset(day.ToDateTime(new TimeOnly(12, 0)), TimeSpan.Zero);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(statute.TimeZone);
        var noon = day.ToDateTime(new TimeOnly(12, 0));
        return new DateTimeOffset(noon, zone.GetUtcOffset(noon));
    }

    private IActionResult Done(string noticeKey)
    {
        Notice = Text[noticeKey];
        return RedirectLocal(Url.SitePage("/Staff/Requests/Request", new { number = Case.Number }));
    }

    private static string EventField(string property) => property switch
    {
        nameof(RecordEventCommand.OccurredAt) => "Input.On",
        nameof(RecordEventCommand.Note) => "Input.Note",
        nameof(RecordEventCommand.Outcome) or nameof(RecordEventCommand.ForwardedTo) or nameof(RecordEventCommand.Reference) or nameof(RecordEventCommand.Kind)
            => $"Input.{property}",
        _ => string.Empty,
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

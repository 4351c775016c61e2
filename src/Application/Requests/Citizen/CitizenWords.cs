using FoiTracker.Application.Bodies;
using FoiTracker.Application.Statutes;
using FoiTracker.Domain.Calendars;
using FoiTracker.Domain.Statutes;
using FoiTracker.Domain.Workflows;

namespace FoiTracker.Application.Requests.Citizen;

/// <summary>A deadline as a person reads it: what it is, the article that sets it, and how many working days are left.</summary>
/// <param name="WorkingDaysLeft">Working days from today to the last day (0: today is the last day; negative: overdue by that many).</param>
public sealed record DeadlineView(string Key, LocalizedDto? Explanation, string? Citation, DateOnly Due, int WorkingDaysLeft);

/// <summary>Names and day counts from a request's statute, in both languages, for the pages.</summary>
public sealed class CitizenWords(IStatuteCatalog catalog)
{
    /// <summary>The statute version a request is pinned to, else the current one; null for an unknown statute.</summary>
    public Statute? StatuteOf(string statute, int version) =>
        catalog.TryGetStatute(statute, version, out var pinned) ? pinned
        : catalog.TryGetStatute(statute, out var current) ? current
        : null;

    /// <summary>The stage's name in both languages; the key itself where the statute does not name it.</summary>
    public static LocalizedDto StageName(Statute? statute, string stage)
    {
        var key = new StageKey(stage);
        return statute?.Workflow is { } workflow && workflow.HasStage(key) ? Localized(workflow.Stage(key).Name) : new LocalizedDto(stage, stage);
    }

    public DeadlineView Deadline(Statute? statute, string key, DateOnly due, DateOnly today)
    {
        var rule = statute is not null && statute.TryGetDeadline(key, out var found) ? found : null;
        var left = statute is null ? due.DayNumber - today.DayNumber : catalog.CalendarOf(statute).WorkingDaysBetween(today, due);
        return new DeadlineView(key, rule?.Explanation is { } explanation ? Localized(explanation) : null, rule?.Citation, due, left);
    }

    /// <summary>The stages no one but the requester may see a request in (a draft, a letter waiting to be posted), in every statute.</summary>
    public IReadOnlyCollection<string> UnsentStages() =>
        catalog.StatuteIds
            .Select(id => catalog.GetStatute(id.Value).Workflow)
            .OfType<WorkflowDefinition>()
            .SelectMany(workflow => new[] { workflow.DraftStage, workflow.ReadyToPrintStage })
            .OfType<StageKey>()
            .Select(stage => stage.Value)
            .Distinct(StringComparer.Ordinal)
            .ToList();

    public static LocalizedDto Localized(MultilingualName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return new LocalizedDto(name.Ka ?? name.En, name.En);
    }
}

using System.Globalization;
using FoiTracker.Application.Requests;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Statutes;
using FoiTracker.Domain.Workflows;

namespace FoiTracker.Application.Letters.GenerateLetter;

/// <summary>
/// A letter states facts: a chaser that the answer is overdue, a complaint that the body refused or
/// kept silent past its deadline (GAC 177(2), 178), a court claim that the complaint was rejected or
/// not decided in time (APC 22(3)). So a letter asked for on demand can be made only once the request
/// has reached a stage whose step makes that letter (in the statute's workflow: an event or timer
/// with that letter as its effect), now or before. Until then it is refused with the day it can be
/// made, read from the request's armed timers, which its deadlines set; or, where no timer of the
/// present stage leads there, with the stages it must reach first.
/// </summary>
public static class LetterCannotPrecedeTheStepThatMakesItRule
{
    public const string Name = "LetterCannotPrecedeTheStepThatMakesIt";

    /// <exception cref="BusinessRuleViolationException">The request has not reached a stage that makes this letter.</exception>
    public static void Check(RequestRecord request, Statute statute, string kind)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(statute);
        if (statute.Workflow is not { } workflow)
            return;
        var making = workflow.Stages.Where(stage => Makes(stage, kind)).Select(stage => stage.Key).ToHashSet();
        var current = new StageKey(request.Stage);
        // A letter no step makes (or a request letter, made on leaving the draft every request starts in) asserts nothing about the ladder.
        if (making.Count == 0 || making.Contains(current) || request.Timeline.Any(entry => entry.ToStage is { } reached && making.Contains(new StageKey(reached))))
            return;

        var noun = Noun(kind);
        var present = workflow.HasStage(current) ? workflow.Stage(current) : null;
        var opening = present?.Timers
            .Where(timer => (timer.To is { } to && making.Contains(to)) || timer.Effects.Any(effect => effect.Kind == WorkflowEffect.Letter && effect.Name == kind))
            .Select(timer => (Definition: timer, Armed: request.Timers.FirstOrDefault(armed =>
                armed.Kind == timer.Kind.Value && armed.Stage == request.Stage && armed.FiredAt is null && armed.CancelledAt is null)))
            .Where(candidate => candidate.Armed is not null)
            .OrderBy(candidate => candidate.Armed!.DueAt)
            .FirstOrDefault();
        if (opening is { Armed: { } armed, Definition: var definition })
        {
            var from = Date(statute.LegalDateOf(armed.DueAt));
            var why = definition.Deadline is { } key && definition.OffsetDays == 0
                && request.Deadlines.FirstOrDefault(deadline => deadline.Key == key) is { Key: not null } missed
                    ? $", the day after the {key.Replace('_', ' ')} deadline ({Date(missed.Due)}{Citation(statute, key)})"
                    : string.Empty;
            throw new BusinessRuleViolationException(Name, $"{noun} can be made from {from}{why}.");
        }

        var stages = string.Join(" or ", making.OrderBy(key => key.Value, StringComparer.Ordinal).Select(key => $"'{workflow.Stage(key).Name.En}'"));
        throw new BusinessRuleViolationException(
            Name,
            $"{noun} cannot be made yet: it belongs to {stages}, which this request has not reached (it stands at '{present?.Name.En ?? request.Stage}').");
    }

    private static bool Makes(StageDefinition stage, string kind) =>
        stage.Events.Values.SelectMany(step => step.Effects).Concat(stage.Timers.SelectMany(timer => timer.Effects))
            .Any(effect => effect.Kind == WorkflowEffect.Letter && effect.Name == kind);

    private static string Noun(string kind)
    {
        var words = kind.Replace('_', ' ');
        return ("aeiou".Contains(words[0], StringComparison.Ordinal) ? "An " : "A ") + words;
    }

    private static string Citation(Statute statute, string key) =>
        statute.TryGetDeadline(key, out var rule) && !string.IsNullOrWhiteSpace(rule.Citation) ? $", {rule.Citation}" : string.Empty;

    private static string Date(DateOnly date) => date.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
}

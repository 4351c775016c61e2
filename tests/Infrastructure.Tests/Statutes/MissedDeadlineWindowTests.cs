using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Requests;
using FoiTracker.Domain.Statutes;
using FoiTracker.Domain.Workflows;
using static FoiTracker.Infrastructure.Tests.Statutes.Seeds;

namespace FoiTracker.Infrastructure.Tests.Statutes;

/// <summary>
/// A window that the law opens when a deadline passes unanswered — a complaint after silence (GAC 178),
/// a review (FOISA s.20(5)(b), FOI Act 2014 s.21), a confirmatory application or a court action
/// (Reg. 1049/2001 Art 7(4), 8(3)), a court claim (APC 22(3), 5 U.S.C. 552(a)(6)(C), Ukraine) —
/// counts from the missed due date itself, so its first day is the day after it. Checked on every
/// statute's own data, up its ladder, as the sweep would drive a request nobody answers.
/// </summary>
public sealed class MissedDeadlineWindowTests
{
    private static readonly WorkflowActor Citizen = new(WorkflowActor.RequesterKind, Guid.Parse("00000000-0000-0000-0000-0000000000c1"), "Sarah");
    private static readonly DateTimeOffset Later = new(2031, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> StatutesWithWindowsAfterSilence()
    {
        var data = new TheoryData<string>();
        foreach (var id in Catalog.StatuteIds.Select(id => id.Value).Where(id => SilenceWindows(Context(id).Definition).Any()))
            data.Add(id);
        return data;
    }

    [Fact]
    public void TheStatutesWhoseLawOpensAWindowOnSilence_AreAllChecked() =>
        Catalog.StatuteIds.Select(id => id.Value).Where(id => SilenceWindows(Context(id).Definition).Any())
            .Should().Contain(["ge-gac", "sc-foisa", "ie-foi", "eu-1049", "us-foia", "ua-api"]);

    [Theory]
    [MemberData(nameof(StatutesWithWindowsAfterSilence))]
    public void EveryWindowAMissedDeadlineOpens_CountsFromThatDueDate(string id)
    {
        var context = Context(id);
        var request = File(id, context, new DateTimeOffset(2026, 2, 2, 10, 0, 0, TimeSpan.Zero));
        var checkedWindows = 0;

        // Up the ladder: the answer (then each review or complaint) is never given; escalate the day after.
        while (MissedDeadlineTimer(request, context) is { } timer)
        {
            var missed = request.Deadlines.Single(d => d.Key == timer.DeadlineKey).Due;
            request.FireTimer(timer.Id, timer.DueAt.AddHours(9), context).Should().BeTrue();

            var windows = request.Deadlines.Where(d => d.Stage == request.Stage).ToList();
            foreach (var window in windows)
            {
                window.EventDate.Should().Be(missed, $"{id}: '{window.Key}' in '{request.Stage}' runs from the missed '{timer.DeadlineKey}' of {missed:yyyy-MM-dd}");
                window.Due.Should().Be(Recomputed(id, window.Key, missed));
            }

            checkedWindows += windows.Count;
            if (!context.Definition.Stage(request.Stage).Events.ContainsKey(new EventKind("escalate")))
                break;
            var escalateAt = timer.DueAt.AddDays(1);
            request.Apply(new WorkflowEventInput(new EventKind("escalate"), escalateAt), Citizen, Later, context);
        }

        checkedWindows.Should().BePositive($"{id} opens at least one window when a deadline passes");
    }

    [Fact]
    public void ScottishReviewAfterSilence_EndsFortyWorkingDaysAfterTheMissedTwentieth()
    {
        var context = Context("sc-foisa");
        // Sent Monday 2 February 2026: s.10(1) twenty working days end Monday 2 March.
        var request = File("sc-foisa", context, new DateTimeOffset(2026, 2, 2, 10, 0, 0, TimeSpan.Zero));
        request.Deadlines.Single(d => d.Key == "response").Due.Should().Be(D("2026-03-02"));

        var timer = request.ActiveTimers.Single(t => t.Kind.Value == "deadline_passed");
        request.FireTimer(timer.Id, timer.DueAt.AddHours(9), context);

        // s.20(5)(b): forty working days after the expiry, counted from Tuesday 3 March: 3–31 March (21),
        // 1–2 April (23), Good Friday 3 April skipped (Easter Monday is no Scottish bank holiday), 6–24 April (38),
        // 27 and Tuesday 28 April (40). Counted from the first overdue day it would end a day later.
        request.Deadlines.Single(d => d.Key == "review_request").Due.Should().Be(D("2026-04-28"));
    }

    private static DateOnly Recomputed(string id, string key, DateOnly eventDate)
    {
        var statute = Catalog.GetStatute(id);
        return Domain.Deadlines.DeadlineCalculator.Due(statute.Deadline(key), Catalog.CalendarOf(statute), eventDate);
    }

    /// <summary>The armed timer that moves the request when a deadline passes, if its stage has one.</summary>
    private static ArmedTimer? MissedDeadlineTimer(FoiRequest request, StatuteWorkflowContext context)
    {
        var stage = context.Definition.Stage(request.Stage);
        return request.ActiveTimers.FirstOrDefault(armed =>
            stage.Timers.Any(timer => timer.Kind == armed.Kind && timer.Deadline is not null && timer.To is not null));
    }

    /// <summary>Stages that a deadline timer leads to and that run a clock of their own.</summary>
    private static IEnumerable<StageKey> SilenceWindows(WorkflowDefinition workflow) =>
        workflow.Stages
            .SelectMany(stage => stage.Timers)
            .Where(timer => timer.Deadline is not null && timer.To is not null)
            .Select(timer => workflow.Stage(timer.To!.Value))
            .Where(target => target.Clock is not null)
            .Select(target => target.Key);

    private static StatuteWorkflowContext Context(string id)
    {
        var statute = Catalog.GetStatute(id);
        return new StatuteWorkflowContext(statute, Catalog.CalendarOf(statute), statute.Workflow!);
    }

    private static FoiRequest File(string id, IWorkflowContext context, DateTimeOffset sent) =>
        FoiRequest.File(
            RequestId.New(), RequestNumber.From(2026, 1), PublicBodyKey.Create("test-authority"), id,
            "Contracts 2025", "Please send the 2025 contracts register.", new Requester("Sarah Mitchell", EmailAddress.Create("sarah@example.org"), null),
            null, Citizen, sent, sent, context);
}

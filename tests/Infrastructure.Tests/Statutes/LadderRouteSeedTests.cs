using System.Text.Json.Nodes;
using FoiTracker.Application.Seeds;
using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Workflows;
using FoiTracker.Infrastructure.Seeding;
using FoiTracker.Infrastructure.Statutes;
using FoiTracker.Tests.Support;
using static FoiTracker.Infrastructure.Tests.Statutes.Seeds;

namespace FoiTracker.Infrastructure.Tests.Statutes;

/// <summary>
/// The routes, flags and duties of the statutes' workflows as data: the Georgian direct-to-court
/// route (LSG 62(2)) agrees with the bodies' complaint data and never reaches an administrative
/// complaint, and every duty an event fulfils is one its stage watches (GAC 41, GAC 80).
/// </summary>
public sealed class LadderRouteSeedTests : IDisposable
{
    private readonly List<string> _copies = [];

    private static WorkflowDefinition Georgian => Catalog.GetStatute("ge-gac").Workflow!;

    public void Dispose()
    {
        foreach (var copy in _copies)
            System.IO.Directory.Delete(copy, recursive: true);
    }

    [Fact]
    public async Task EveryGeorgianBody_TakesTheRouteItsComplaintDataDescribes()
    {
        var seeds = await new JsonSeedSource(new SeedOptions { Directory = TestServices.RepositorySeeds }).ReadAsync(CancellationToken.None);

        foreach (var body in seeds.Bodies.Where(body => body.Jurisdiction.Value == "ge"))
        {
            var route = Georgian.RouteFor(body.Kind.ToName())!.Key;
            if (body.ComplaintBasis == "LSG 62(2)")
                route.Should().Be("direct_to_court", $"{body.Key} is challenged in court directly");
            if (route == "direct_to_court")
            {
                body.ComplaintsTo.Should().BeNull($"{body.Key} takes no administrative complaint (LSG 62(2))");
                body.Court.Should().NotBeNull($"{body.Key} needs a court to take the claim to");
            }
            else
            {
                route.Should().Be("administrative_complaint", $"{body.Key} is not a Mayor or a Sakrebulo");
            }
        }
    }

    [Fact]
    public void OnTheDirectToCourtRoute_NoStageLeadsToAnAdministrativeComplaint_AndEveryEscalationFilesTheCourtClaim()
    {
        var workflow = Georgian;
        var reached = Reached(workflow, "direct_to_court");

        reached.Should().Contain(new StageKey("court_filed")).And.NotContain(stage => stage.Value.StartsWith("complaint_", StringComparison.Ordinal));
        foreach (var stage in reached.Select(workflow.Stage).Where(stage => stage.Events.ContainsKey(new EventKind("escalate"))))
        {
            var escalate = stage.Events[EventKind.Escalate];
            escalate.To.Should().Be(new StageKey("court_filed"), $"'{stage.Key}' escalates to court");
            escalate.Effects.Should().ContainSingle().Which.Should().Be(new WorkflowEffect(WorkflowEffect.Letter, "court_claim", "court"));
            stage.Timers.SelectMany(timer => timer.Effects).Should().NotContain(effect => effect.Name.StartsWith("complaint_", StringComparison.Ordinal),
                $"'{stage.Key}' speaks of the court window");
        }
    }

    [Fact]
    public void TheDefaultRoute_StillReachesTheAdministrativeComplaint()
    {
        Reached(Georgian, "administrative_complaint").Should().Contain(new StageKey("complaint_filed")).And.NotContain(stage => stage.Value.EndsWith("_court_route", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryStageTheCourtRouteReplaces_KeepsItsEvents_AndItsOverdueMark()
    {
        foreach (var (from, to) in Georgian.Route("direct_to_court")!.Stages)
        {
            var original = Georgian.Stage(from);
            var replacement = Georgian.Stage(to);
            replacement.Events.Keys.Should().BeEquivalentTo(original.Events.Keys, $"'{to}' accepts what '{from}' accepts");
            replacement.Overdue.Should().Be(original.Overdue);
            replacement.Clock.Should().Be("court_filing", "the claim is filed within 1 month (APC 22(3))");
        }
    }

    [Theory]
    [MemberData(nameof(WorkflowSeedTests.StatuteIds), MemberType = typeof(WorkflowSeedTests))]
    public void EveryDutyAnEventFulfils_IsWatchedByATimerOfItsStage_ThatFlagsTheRequest(string id)
    {
        var workflow = Catalog.GetStatute(id).Workflow!;
        foreach (var stage in workflow.Stages)
        {
            foreach (var satisfying in stage.Events.Values.Where(e => e.Satisfies is not null))
            {
                stage.Timers.Should().Contain(timer => timer.Deadline == satisfying.Satisfies && timer.Flag != null,
                    $"{id} '{stage.Key}.{satisfying.Kind}' fulfils '{satisfying.Satisfies}', which the stage must watch");
            }
        }
    }

    [Fact]
    public void TheGeorgianRefusalStages_WatchTheWrittenReasons_AndTheForwardedStage_WatchesTheNoticeOfForwarding()
    {
        foreach (var key in new[] { "refused", "refused_court_route" })
            Georgian.Stage(new StageKey(key)).Events[new EventKind("refusal_reasons_received")].Satisfies.Should().Be("refusal_explanation");
        Georgian.ForwardedStage.Should().Be(new StageKey("forwarded_in"));
        Georgian.Stage(new StageKey("forwarded_in")).Events[new EventKind("forwarding_notified")].Satisfies.Should().Be("forwarding_notice");
        Georgian.Stage(new StageKey("forwarded_in")).Clock.Should().Be("response");
        Georgian.Stage(new StageKey("forwarded")).Terminal.Should().BeTrue("a forwarded request ends at the old body and carries on at the new one");
        Georgian.Flags.Select(flag => (flag.Key, flag.Citation)).Should().BeEquivalentTo([("refused_without_reasons", "GAC 41"), ("forwarding_not_notified", "GAC 80")]);
    }

    [Fact]
    public void ARouteMappingAStageTheWorkflowLacks_IsRefusedNamingTheRoutes()
    {
        var error = LoadBroken(workflow => workflow["routes"]!["direct_to_court"]!["stages"]!["overdue"] = "overdue_in_court");

        (error.File, error.Field).Should().Be(("statutes/ge-gac.json", "workflow.routes"));
        error.Problem.Should().Contain("overdue_in_court");
    }

    [Fact]
    public void ARouteForAnUnknownBodyKind_IsRefused()
    {
        var error = LoadBroken(workflow => workflow["routes"]!["direct_to_court"]!["bodyKinds"] = new JsonArray("mayor", "palace"));

        error.Field.Should().Be("workflow.routes.direct_to_court.bodyKinds");
        error.Problem.Should().Contain("palace");
    }

    [Fact]
    public void ATimerRaisingAnUndefinedFlag_IsRefused()
    {
        var error = LoadBroken(workflow => workflow["flags"]!.AsObject().Remove("refused_without_reasons"));

        error.Field.Should().Be("workflow.flags");
        error.Problem.Should().Contain("refused_without_reasons");
    }

    [Fact]
    public void AnEventFulfillingAnUnknownDeadline_IsRefused()
    {
        var error = LoadBroken(workflow => workflow["stages"]!["refused"]!["events"]!["refusal_reasons_received"]!["satisfies"] = "reasons");

        error.Field.Should().Be("workflow.stages.refused.events.refusal_reasons_received.satisfies");
    }

    /// <summary>The stages a request can reach on a route, from a draft or from a forwarding.</summary>
    private static HashSet<StageKey> Reached(WorkflowDefinition workflow, string route)
    {
        var seen = new HashSet<StageKey> { workflow.DraftStage, workflow.ForwardedStage!.Value };
        var queue = new Queue<StageKey>(seen);
        while (queue.TryDequeue(out var key))
        {
            var stage = workflow.Stage(key);
            var targets = stage.Events.Values.SelectMany(e => e.ToByOutcome.Values.Select(target => (StageKey?)target).Append(e.To)).Concat(stage.Timers.Select(timer => timer.To));
            foreach (var target in targets.OfType<StageKey>().Where(target => target != StageKey.Reopen))
            {
                var next = workflow.OnRoute(route, target);
                if (seen.Add(next))
                    queue.Enqueue(next);
            }
        }

        return seen;
    }

    private SeedFileException LoadBroken(Action<JsonObject> change)
    {
        var copy = CopyToTemp();
        _copies.Add(copy);
        var path = Path.Combine(copy, "statutes", "ge-gac.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        change(json["workflow"]!.AsObject());
        File.WriteAllText(path, json.ToJsonString());
        return FluentActions.Invoking(() => StatuteCatalog.Load(copy)).Should().Throw<SeedFileException>().Which;
    }
}

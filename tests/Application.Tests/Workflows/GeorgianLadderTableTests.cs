using FoiTracker.Application.Statutes;
using FoiTracker.Application.Workflows;
using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Requests;
using FoiTracker.Domain.Users;
using FoiTracker.Domain.Workflows;
using FoiTracker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Application.Tests.Workflows;

/// <summary>
/// Every stage × every event of the Georgian workflow, against a table written by hand from the
/// law (GAC 40, 41, 80, 177–183; LSG 62; APC 22): allowed events land where the table says,
/// refused ones break the rule with a sentence that names the stage and what it does accept.
/// </summary>
public sealed class GeorgianLadderTableTests : IDisposable
{
    private const string Open = "withdraw close note";

    // stage → event → the stage it leads to ("=" stays; "?" takes its stage from the outcome).
    private static readonly Dictionary<string, Dictionary<string, string>> Allowed = new()
    {
        ["draft"] = Table("submit>submitted print>ready_to_print", Open),
        ["ready_to_print"] = Table("submit>submitted", Open),
        ["submitted"] = Table("delivered>= extension_notice>extended clarification_requested>awaiting_clarification agency_replied>reply_received answered>?", Open),
        ["extended"] = Table("delivered>= clarification_requested>awaiting_clarification agency_replied>reply_received answered>?", Open),
        ["awaiting_clarification"] = Table("clarification_answered>submitted_resumed agency_replied>reply_received answered>?", Open),
        ["submitted_resumed"] = Table("extension_notice>extended clarification_requested>awaiting_clarification agency_replied>reply_received answered>?", Open),
        ["reply_received"] = Table("answered>?", Open),
        ["overdue"] = Table("agency_replied>reply_received answered>? chaser_sent>= escalate>complaint_filed", Open),
        ["answered"] = Table(string.Empty, Open),
        ["partially_answered"] = Table("escalate>complaint_filed", Open),
        ["refused"] = Table("escalate>complaint_filed refusal_reasons_received>=", Open),
        ["not_held"] = Table("escalate>complaint_filed", Open),
        // LSG 62(2): requests to the Mayor or the Sakrebulo skip the administrative complaint.
        ["overdue_court_route"] = Table("agency_replied>reply_received answered>? chaser_sent>= escalate>court_filed", Open),
        ["partially_answered_court_route"] = Table("escalate>court_filed", Open),
        ["refused_court_route"] = Table("escalate>court_filed refusal_reasons_received>=", Open),
        ["not_held_court_route"] = Table("escalate>court_filed", Open),
        // GAC 80: the old request ends; the new one waits for the new body's answer and the notice of forwarding.
        ["forwarded"] = Table("reopen>$reopen", string.Empty),
        ["forwarded_in"] = Table("forwarding_notified>= delivered>= extension_notice>extended clarification_requested>awaiting_clarification agency_replied>reply_received answered>?", Open),
        ["complaint_filed"] = Table("complaint_extended>complaint_extended complaint_decided>? agency_replied>reply_received answered>?", Open),
        ["complaint_extended"] = Table("complaint_decided>? agency_replied>reply_received answered>?", Open),
        ["complaint_overdue"] = Table("complaint_decided>? agency_replied>reply_received answered>? escalate>court_filed", Open),
        ["complaint_upheld"] = Table("agency_replied>reply_received answered>?", Open),
        ["complaint_rejected"] = Table("escalate>court_filed", Open),
        ["court_filed"] = Table("court_decided>? agency_replied>reply_received answered>?", Open),
        ["closed"] = Table("reopen>$reopen", string.Empty),
        ["withdrawn"] = Table("reopen>$reopen", string.Empty),
    };

    private static readonly Dictionary<string, (string Outcome, string Stage)> Outcomes = new()
    {
        ["answered"] = ("partial", "partially_answered"),
        ["complaint_decided"] = ("rejected", "complaint_rejected"),
        ["court_decided"] = ("won", "closed"),
    };

    private static readonly WorkflowActor Staff = new(WorkflowActor.StaffKind, Guid.CreateVersion7(), "Staff");
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;
    private readonly IWorkflowContext _context;
    private readonly TestDatabase _database = TestDatabase.CreateSqlite();

    public GeorgianLadderTableTests()
    {
        _services = TestServices.Build(_database.Options);
        _context = _services.GetRequiredService<WorkflowContexts>().For("ge-gac", null);
    }

    public static TheoryData<string, string> Cells()
    {
        var data = new TheoryData<string, string>();
        var events = Allowed.Values.SelectMany(row => row.Keys).Append("fly_to_the_moon").Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var stage in Allowed.Keys)
        {
            foreach (var kind in events)
                data.Add(stage, kind);
        }

        return data;
    }

    [Fact]
    public void TheTable_CoversEveryStageOfTheGeorgianWorkflow() =>
        _context.Definition.Stages.Select(stage => stage.Key.Value).Should().BeEquivalentTo(Allowed.Keys);

    [Theory]
    [MemberData(nameof(Cells))]
    public void Event_InStage_IsAllowedOrRefusedAsTheLawSays(string stage, string kind)
    {
        var request = InStage(stage);
        var outcome = Outcomes.TryGetValue(kind, out var pair) ? pair.Outcome : null;
        var apply = () => request.Apply(new WorkflowEventInput(new EventKind(kind), Now, Outcome: outcome is null ? null : new Outcome(outcome)), Staff, Now, _context);

        if (!Allowed[stage].TryGetValue(kind, out var expected))
        {
            var error = apply.Should().Throw<BusinessRuleViolationException>().Which;
            error.Rule.Should().Be("EventNotAcceptedInStage");
            error.Message.Should().Contain($"stage '{stage}'").And.Contain($"'{kind}'");
            foreach (var accepted in Allowed[stage].Keys)
                error.Message.Should().Contain(accepted);
            request.Stage.Should().Be(new StageKey(stage));
            return;
        }

        apply.Should().NotThrow();
        var target = expected switch
        {
            "=" => stage,
            "?" => pair.Stage,
            "$reopen" => "overdue",
            _ => expected,
        };
        request.Stage.Should().Be(new StageKey(target));
    }

    public void Dispose()
    {
        _services.Dispose();
        _database.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private static Dictionary<string, string> Table(string transitions, string common)
    {
        var row = transitions.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(cell => cell.Split('>'))
            .ToDictionary(cell => cell[0], cell => cell[1]);
        foreach (var kind in common.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            row[kind] = kind switch { "withdraw" => "withdrawn", "close" => "closed", _ => "=" };
        return row;
    }

    /// <summary>A stored request standing in a stage (closed, withdrawn and forwarded ones left "overdue").</summary>
    private static FoiRequest InStage(string stage) => FoiRequest.Restore(new RequestSnapshot(
        RequestId.New(), RequestNumber.From(2026, 1), PublicBodyKey.Create("ge-gori-city-hall"), "ge-gac", 1, "S", "T",
        new Requester("Nino", EmailAddress.Create("nino@example.ge"), null), new UserId(Guid.CreateVersion7()), new StageKey(stage), null,
        Now.AddDays(-40), Now.AddDays(-40), Now.AddDays(-1), new DateOnly(2026, 11, 25), 0, null, null, null, null,
        stage is "closed" or "withdrawn" or "forwarded" ? new StageKey("overdue") : null, null, 1, 3, [], []));
}

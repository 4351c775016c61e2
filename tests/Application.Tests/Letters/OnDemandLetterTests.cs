using FoiTracker.Application.Letters;
using FoiTracker.Application.Letters.GenerateLetter;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Requests.GetRequest;
using FoiTracker.Application.Requests.RecordEvent;
using FoiTracker.Application.Tests.Workflows;
using FoiTracker.Domain.Common;
using FoiTracker.Infrastructure.Persistence;

namespace FoiTracker.Application.Tests.Letters;

/// <summary>A letter asked for on demand states only what has happened: until then it is refused with the day it can be made.</summary>
public abstract class OnDemandLetterTests : WorkflowTestBase
{
    private static readonly TimeSpan Tbilisi = TimeSpan.FromHours(4);

    [SkippableFact]
    public async Task AChaser_BeforeTheAnswerIsDue_IsRefused_NamingTheDayAfterTheDeadline()
    {
        var filed = await FileAsync(Clock.GetUtcNow().AddHours(-1));
        var due = Due(await QueryAsync(new GetRequestQuery(filed.Id, null)), "response");

        var refused = await RefusedAsync(filed.Id, "chaser");

        refused.Rule.Should().Be(LetterCannotPrecedeTheStepThatMakesItRule.Name);
        refused.Message.Should().Be($"A chaser can be made from {En(due.AddDays(1))}, the day after the response deadline ({En(due)}, GAC 40(1)).");
    }

    [SkippableFact]
    public async Task AChaser_OnceTheAnswerIsOverdue_IsMade()
    {
        var filed = await FileAsync(Clock.GetUtcNow().AddHours(-1));
        var due = Due(await QueryAsync(new GetRequestQuery(filed.Id, null)), "response");
        Clock.SetUtcNow(LocalMorning(due.AddDays(1)));
        await SweepAllAsync(Services);

        var letter = await SendAsync(new GenerateLetterCommand(filed.Id, "chaser", "ka", Citizen));

        letter.Kind.Should().Be("chaser");
        letter.CreatedAt.Should().Be(Clock.GetUtcNow());
    }

    [SkippableFact]
    public async Task AComplaint_BeforeTheAnswerIsDue_IsRefused_ButAfterARefusal_IsMadeAtOnce()
    {
        var filed = await FileAsync(Clock.GetUtcNow().AddHours(-1));
        var due = Due(await QueryAsync(new GetRequestQuery(filed.Id, null)), "response");

        (await RefusedAsync(filed.Id, "complaint")).Message.Should().StartWith($"A complaint can be made from {En(due.AddDays(1))}");

        await SendAsync(new RecordEventCommand(filed.Id, "answered", Citizen, Outcome: "refused"));
        (await SendAsync(new GenerateLetterCommand(filed.Id, "complaint", "ka", Citizen))).Kind.Should().Be("complaint");
    }

    [SkippableFact]
    public async Task ACourtClaim_WhileTheComplaintAwaitsItsDecision_IsRefused_NamingTheDayAfterTheDecisionDeadline()
    {
        var filed = await FileAsync(Clock.GetUtcNow().AddHours(-1));
        await SendAsync(new RecordEventCommand(filed.Id, "answered", Citizen, Outcome: "refused"));
        await SendAsync(new RecordEventCommand(filed.Id, "escalate", Citizen));
        var decision = Due(await QueryAsync(new GetRequestQuery(filed.Id, null)), "complaint_decision");

        var refused = await RefusedAsync(filed.Id, "court_claim");

        refused.Message.Should().Be($"A court claim can be made from {En(decision.AddDays(1))}, the day after the complaint decision deadline ({En(decision)}, GAC 183).");
    }

    [SkippableFact]
    public async Task ACourtClaim_BeforeAnyComplaint_CannotBeMadeYet_AndSaysWhatMustComeFirst()
    {
        var filed = await FileAsync(Clock.GetUtcNow().AddHours(-1));

        var refused = await RefusedAsync(filed.Id, "court_claim");

        refused.Message.Should().StartWith("A court claim cannot be made yet").And.Contain("'Complaint not decided in time'").And.Contain("'Complaint rejected'");
    }

    [SkippableFact]
    public async Task TheRequestLetter_CanAlwaysBeMade()
    {
        var filed = await FileAsync(Clock.GetUtcNow().AddHours(-1));

        (await SendAsync(new GenerateLetterCommand(filed.Id, "request", "en", Citizen))).Kind.Should().Be("request");
    }

    private async Task<BusinessRuleViolationException> RefusedAsync(Guid id, string kind)
    {
        var act = () => SendAsync(new GenerateLetterCommand(id, kind, "en", Citizen));
        return (await act.Should().ThrowAsync<BusinessRuleViolationException>()).Which;
    }

    private static DateOnly Due(RequestDetailsDto request, string key) => request.Deadlines.Single(deadline => deadline.Key == key).Due;

    private static string En(DateOnly date) => LetterComposer.FormatDate(date, "en");

    private static DateTimeOffset LocalMorning(DateOnly day) => new(day.ToDateTime(new TimeOnly(9, 0)), Tbilisi);
}

public sealed class SqliteOnDemandLetterTests : OnDemandLetterTests;

public sealed class PostgresOnDemandLetterTests : OnDemandLetterTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

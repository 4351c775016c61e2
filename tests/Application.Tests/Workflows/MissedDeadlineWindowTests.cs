using FoiTracker.Application.Requests.GetRequest;
using FoiTracker.Application.Requests.RecordEvent;
using FoiTracker.Infrastructure.Persistence;

namespace FoiTracker.Application.Tests.Workflows;

/// <summary>
/// The windows Georgian law opens when a deadline passes unanswered count from the missed due date,
/// as stored and as the request's page shows them: GAC 178 after silence, APC 22(3) after an
/// undecided complaint.
/// </summary>
public abstract class MissedDeadlineWindowTests : WorkflowTestBase
{
    [SkippableFact]
    public async Task AnswerDueFriday16October_LeavesUntilMonday16NovemberToComplain()
    {
        // Sent on paper on Thursday 1 October 2026: ten working days (14 October is Svetitskhovloba) end Friday 16 October.
        var filed = await FileAsync(new DateTimeOffset(2026, 10, 1, 11, 0, 0, TimeSpan.FromHours(4)));

        await SweepAllAsync(Services);

        var request = await QueryAsync(new GetRequestQuery(filed.Id, null));
        request.Stage.Should().Be("overdue");
        request.OverdueSince.Should().Be(new DateOnly(2026, 10, 17));
        request.Deadlines.Should().Contain(d => d.Key == "response" && d.Due == new DateOnly(2026, 10, 16));
        // One month from the day after 16 October (GAC 178), not from the day after the first overdue day (17 November).
        request.Deadlines.Should().ContainSingle(d => d.Key == "complaint_filing")
            .Which.Should().Match<Requests.RequestDeadlineDto>(d => d.Due == new DateOnly(2026, 11, 16) && d.From == new DateOnly(2026, 10, 16));
    }

    [SkippableFact]
    public async Task SilenceOfTheMayor_OpensTheCourtWindowFromTheMissedDueDate_WithNoComplaintBetween()
    {
        // The same dates, to the Mayor: LSG 62(2) sends the silence straight to court (APC 22(3)), and that
        // month too runs from the day after 16 October.
        var filed = await FileAsync(new DateTimeOffset(2026, 10, 1, 11, 0, 0, TimeSpan.FromHours(4)), "ge-gori-mayor");

        await SweepAllAsync(Services);

        var request = await QueryAsync(new GetRequestQuery(filed.Id, null));
        request.Stage.Should().Be("overdue_court_route");
        request.Deadlines.Should().NotContain(d => d.Key == "complaint_filing");
        request.Deadlines.Should().ContainSingle(d => d.Key == "court_filing")
            .Which.Should().Match<Requests.RequestDeadlineDto>(d => d.Due == new DateOnly(2026, 11, 16) && d.From == new DateOnly(2026, 10, 16));
    }

    [SkippableFact]
    public async Task AComplaintLeftUndecided_OpensTheCourtWindowFromTheMissedDecisionDate()
    {
        var filed = await FileAsync(new DateTimeOffset(2026, 10, 1, 11, 0, 0, TimeSpan.FromHours(4)));
        await SweepAllAsync(Services);
        // The complaint is filed on Thursday 22 October: GAC 183's month ends Sunday 22 November, and Monday
        // 23 November is Giorgoba, so the decision is due Tuesday 24 November.
        await SendAsync(new RecordEventCommand(filed.Id, "escalate", Citizen, OccurredAt: new DateTimeOffset(2026, 10, 22, 12, 0, 0, TimeSpan.FromHours(4))));

        await SweepAllAsync(Services);

        var request = await QueryAsync(new GetRequestQuery(filed.Id, null));
        request.Stage.Should().Be("complaint_overdue");
        request.Deadlines.Should().Contain(d => d.Key == "complaint_decision" && d.Due == new DateOnly(2026, 11, 24));
        // APC 22(3): one month from the day after 24 November → Thursday 24 December (counted from the first
        // overdue day it would be Friday 25 December).
        request.Deadlines.Should().ContainSingle(d => d.Key == "court_filing")
            .Which.Should().Match<Requests.RequestDeadlineDto>(d => d.Due == new DateOnly(2026, 12, 24) && d.From == new DateOnly(2026, 11, 24));
    }
}

public sealed class SqliteMissedDeadlineWindowTests : MissedDeadlineWindowTests;

public sealed class PostgresMissedDeadlineWindowTests : MissedDeadlineWindowTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

using Dapper;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Requests.GetRequest;
using FoiTracker.Application.Requests.RecordEvent;
using FoiTracker.Domain.Common;
using FoiTracker.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Application.Tests.Workflows;

/// <summary>
/// The date an answer, a refusal or a registration really happened decides where a Georgian request
/// stands, even when it is recorded after the service marked the request overdue; and the body's
/// registration moves the response deadline where Resolution 219/2013, Art 4(3) counts from it.
/// </summary>
public abstract class AnswerDateTests : WorkflowTestBase
{
    private static readonly TimeSpan Tbilisi = TimeSpan.FromHours(4);

    [SkippableFact]
    public async Task AnAnswerReceivedOnTime_RecordedAfterTheOverdueMark_IsOnTimeAndNotOverdue()
    {
        var filed = await OverdueSince17OctoberAsync();

        var recorded = await SendAsync(new RecordEventCommand(filed.Id, "answered", Citizen, OccurredAt: At("2026-10-15"), Outcome: "complete"));

        recorded.Stage.Should().Be("answered");
        (await SweepAllAsync(Services)).Should().Be(0, "no timer is left to fire");
        var request = await QueryAsync(new GetRequestQuery(filed.Id, null));
        request.Stage.Should().Be("answered");
        request.OverdueSince.Should().BeNull();
        request.Deadlines.Should().NotContain(d => d.Key == "complaint_filing");
        var correction = request.Timeline.Should().ContainSingle(e => e.Kind == "correction").Which;
        (correction.FromStage, correction.ToStage).Should().Be(("overdue", "submitted"));
        correction.Detail.Should().Contain("overdue mark of 2026-10-17 is withdrawn").And.Contain("letter 'chaser' to the body");
        request.Timeline[^1].Should().Match<TimelineEntryDto>(e => e.Kind == "event:answered" && e.At == At("2026-10-15") && e.ToStage == "answered");
    }

    [SkippableFact]
    public async Task ARefusalReceivedOnTime_RecordedLate_OpensTheComplaintWindowFromTheRefusalDate()
    {
        var filed = await OverdueSince17OctoberAsync();

        await SendAsync(new RecordEventCommand(filed.Id, "answered", Citizen, OccurredAt: At("2026-10-13"), Outcome: "refused"));
        await SweepAllAsync(Services);

        var request = await QueryAsync(new GetRequestQuery(filed.Id, null));
        request.Stage.Should().Be("refused");
        request.OverdueSince.Should().BeNull();
        // GAC 178: one month from the day after the refusal of Tuesday 13 October → Friday 13 November.
        request.Deadlines.Should().ContainSingle(d => d.Key == "complaint_filing")
            .Which.Should().Match<RequestDeadlineDto>(d => d.From == new DateOnly(2026, 10, 13) && d.Due == new DateOnly(2026, 11, 13));
        // The refused stage's timers were armed from that date; the ones already past fired on the sweep.
        request.Timers.Should().Contain(t => t.Kind == "complaint_window_closed" && t.Stage == "refused" && t.FiredAt != null);
    }

    [SkippableFact]
    public async Task AnExtensionNoticeDatedBeforeTheOverdueMark_LeavesItOverdue_WithoutRepeatingWhatWasSent()
    {
        var filed = await OverdueSince17OctoberAsync();
        var before = await EffectsAsync();

        // GAC 40(2): the body said on 5 October that it uses the ten working days; they still ended on 16 October.
        await SendAsync(new RecordEventCommand(filed.Id, "extension_notice", Citizen, OccurredAt: At("2026-10-05")));
        await SweepAllAsync(Services);

        var request = await QueryAsync(new GetRequestQuery(filed.Id, null));
        request.Stage.Should().Be("overdue");
        request.OverdueSince.Should().Be(new DateOnly(2026, 10, 17));
        request.Timeline.Select(e => e.Kind).Should().ContainInOrder("correction", "event:extension_notice", "timer:deadline_passed");
        (await EffectsAsync()).Should().BeEquivalentTo(before, "the overdue notices and the chaser were made once, for the same deadline at the same instant");
    }

    [SkippableFact]
    public async Task AnEventDatedBeforeTheRequestWasSent_IsStillRefused()
    {
        var filed = await OverdueSince17OctoberAsync();

        var early = () => SendAsync(new RecordEventCommand(filed.Id, "answered", Citizen, OccurredAt: At("2026-09-30"), Outcome: "complete"));

        (await early.Should().ThrowAsync<BusinessRuleViolationException>()).Which.Rule.Should().Be("EventCannotPrecedeSubmission");
        (await QueryAsync(new GetRequestQuery(filed.Id, null))).Stage.Should().Be("overdue");
    }

    [SkippableFact]
    public async Task ARegistrationByACentralBody_OfARequestSentByEmail_MovesTheResponseDeadline()
    {
        var request = await RegisteredOnMonday30NovemberAsync("ge-ministry-finance");

        // Resolution 219/2013, Art 4(3): from Tuesday 1 December, the working day after the registration of Monday
        // 30 November: 1–4 (4), 7–11 (9), 14 (10) → Monday 14 December, not Thursday 10 December.
        request.Deadlines.Should().ContainSingle(d => d.Key == "response")
            .Which.Should().Match<RequestDeadlineDto>(d => d.Due == new DateOnly(2026, 12, 14) && d.From == new DateOnly(2026, 11, 30));
        request.Timeline.Should().ContainSingle(e => e.Kind == "deadline:recomputed")
            .Which.Detail.Should().Contain("Government Resolution 219/2013, Art 4(3)").And.Contain("2026-12-14 instead of 2026-12-10");
        request.Timers.Should().Contain(t => t.Kind == "deadline_passed" && t.CancelledAt == null && t.DueAt == At("2026-12-15", hour: 0));
    }

    [SkippableFact]
    public async Task ARegistrationByAMunicipalBody_LeavesTheResponseDeadlineWhereGac40PutsIt()
    {
        var request = await RegisteredOnMonday30NovemberAsync("ge-gori-city-hall");

        request.Deadlines.Should().ContainSingle(d => d.Key == "response")
            .Which.Should().Match<RequestDeadlineDto>(d => d.Due == new DateOnly(2026, 12, 10) && d.From == new DateOnly(2026, 11, 26));
        request.Timeline.Should().NotContain(e => e.Kind == "deadline:recomputed");
    }

    [SkippableFact]
    public async Task ARegistrationRecordedAfterTheOverdueMark_PutsTheDeadlineWhereItBelongs_AndTheWindowsAfterIt()
    {
        var filed = await EmailedOnThursday26NovemberAsync("ge-ministry-finance");
        Clock.SetUtcNow(At("2027-01-20"));
        await SweepAllAsync(Services);
        (await QueryAsync(new GetRequestQuery(filed.Id, null))).OverdueSince.Should().Be(new DateOnly(2026, 12, 11));

        await SendAsync(new RecordEventCommand(filed.Id, "delivered", Citizen, RegistrationNumber: "MOF-2026-118", RegisteredOn: new DateOnly(2026, 11, 30)));
        await SweepAllAsync(Services);

        // Due Monday 14 December once counted from the registration: overdue from the 15th, and the month to
        // complain (GAC 178) runs from the day after the 14th to Thursday 14 January 2027.
        var request = await QueryAsync(new GetRequestQuery(filed.Id, null));
        request.Stage.Should().Be("overdue");
        request.OverdueSince.Should().Be(new DateOnly(2026, 12, 15));
        request.Deadlines.Should().Contain(d => d.Key == "response" && d.Due == new DateOnly(2026, 12, 14));
        request.Deadlines.Should().Contain(d => d.Key == "complaint_filing" && d.From == new DateOnly(2026, 12, 14) && d.Due == new DateOnly(2027, 1, 14));
        request.Timeline.Select(e => e.Kind).Should().ContainInOrder("timer:deadline_passed", "correction", "event:delivered", "deadline:recomputed", "timer:deadline_passed");
    }

    /// <summary>Sent on paper on Thursday 1 October 2026 (due Friday 16 October) and swept on 26 November: overdue since the 17th, chaser sent.</summary>
    private async Task<Requests.FileRequest.FiledRequest> OverdueSince17OctoberAsync()
    {
        var filed = await FileAsync(At("2026-10-01"));
        await SweepAllAsync(Services);
        var request = await QueryAsync(new GetRequestQuery(filed.Id, null));
        request.Stage.Should().Be("overdue");
        request.OverdueSince.Should().Be(new DateOnly(2026, 10, 17));
        return filed;
    }

    /// <summary>Filed and sent by the service on Thursday 26 November 2026 to a body it mails to: ten working days end Thursday 10 December.</summary>
    private async Task<Requests.FileRequest.FiledRequest> EmailedOnThursday26NovemberAsync(string body)
    {
        await using (var connection = await Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync(
                "UPDATE public_bodies SET foi_email = @Email, foi_email_verified = @Verified WHERE key = @Key",
                new { Email = "foi@" + body + ".example.ge", Verified = true, Key = body });
        }

        var filed = await FileAsync(null, body);
        (await QueryAsync(new GetRequestQuery(filed.Id, null))).Deadlines.Should().Contain(d => d.Key == "response" && d.Due == new DateOnly(2026, 12, 10));
        return filed;
    }

    /// <summary>E-mailed on 26 November; on Tuesday 1 December the registration of Monday 30 November is recorded.</summary>
    private async Task<RequestDetailsDto> RegisteredOnMonday30NovemberAsync(string body)
    {
        var filed = await EmailedOnThursday26NovemberAsync(body);
        Clock.SetUtcNow(At("2026-12-01"));
        await SendAsync(new RecordEventCommand(filed.Id, "delivered", Citizen, RegistrationNumber: "2026-118", RegisteredOn: new DateOnly(2026, 11, 30)));
        var request = await QueryAsync(new GetRequestQuery(filed.Id, null));
        request.RegisteredOn.Should().Be(new DateOnly(2026, 11, 30));
        request.RegistrationNumber.Should().Be("2026-118");
        return request;
    }

    private Task<IReadOnlyList<string>> EffectsAsync() =>
        RowsAsync<string>("SELECT kind || ':' || name || ':' || recipient || ':' || dedup_key FROM outbox ORDER BY dedup_key");

    private static DateTimeOffset At(string date, int hour = 12) =>
        new(DateOnly.ParseExact(date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).ToDateTime(new TimeOnly(hour, 0)), Tbilisi);
}

public sealed class SqliteAnswerDateTests : AnswerDateTests;

public sealed class PostgresAnswerDateTests : AnswerDateTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

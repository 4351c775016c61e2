using Dapper;
using FoiTracker.Application.Requests.GetRequest;
using FoiTracker.Application.Requests.RecordEvent;
using FoiTracker.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Application.Tests.Workflows;

/// <summary>
/// LSG 62(2): the acts of the Mayor and of the Sakrebulo are challenged in court directly (a claim
/// within 1 month, APC 22(3)), never by an administrative complaint; City Hall officials' acts go
/// to the Mayor first (LSG 62(1)). The route is fixed when the request is filed.
/// </summary>
public abstract class DirectToCourtRouteTests : WorkflowTestBase
{
    // Sent on paper on Wednesday 14 October 2026: GAC 40's ten working days ran out on 28 October.
    private static readonly DateTimeOffset SentOnPaper = new(2026, 10, 14, 9, 0, 0, TimeSpan.FromHours(4));

    [SkippableTheory]
    [InlineData("ge-gori-mayor")]
    [InlineData("ge-gori-council")]
    public async Task ARequestToTheMayorOrTheSakrebulo_GoesOverdue_IntoTheCourtWindow_NotTheComplaintWindow(string body)
    {
        var filed = await FileAsync(SentOnPaper, body);

        await SweepAllAsync(Services);

        var request = await QueryAsync(new GetRequestQuery(filed.Id, null));
        request.Stage.Should().Be("overdue_court_route");
        request.Route!.Key.Should().Be("direct_to_court");
        request.Route.Citation.Should().Contain("LSG 62(2)");
        // One month from the missed deadline (APC 22(3)): 28 November is a Saturday, so Monday 30 November.
        request.Deadlines.Should().ContainSingle(d => d.Key == "court_filing").Which.Due.Should().Be(new DateOnly(2026, 11, 30));
        request.Deadlines.Should().NotContain(d => d.Key == "complaint_filing");
        (await EffectsAsync(filed.Id)).Should().BeEquivalentTo(
        [
            "letter:request:body",
            "notify:overdue:requester",
            "notify:became_overdue:staff",
            "letter:chaser:body",
            "notify:court_window_closing:requester",
            "notify:court_window_closing:staff",
        ], "the window that is closing is the court's, not a complaint's");
    }

    [SkippableFact]
    public async Task TheCourtWindow_EndsOnTheSameDay_AsTheComplaintWindowOfARequestToCityHall()
    {
        var mayor = await FileAsync(SentOnPaper, "ge-gori-mayor");
        var cityHall = await FileAsync(SentOnPaper, "ge-gori-city-hall");

        await SweepAllAsync(Services);

        var court = (await QueryAsync(new GetRequestQuery(mayor.Id, null))).Deadlines.Single(d => d.Key == "court_filing");
        var complaint = (await QueryAsync(new GetRequestQuery(cityHall.Id, null))).Deadlines.Single(d => d.Key == "complaint_filing");
        (court.From, court.Due).Should().Be((complaint.From, complaint.Due), "both are one month counted from the same missed deadline");
    }

    [SkippableFact]
    public async Task Escalating_ARequestToTheMayor_FilesTheCourtClaim_WithTheCourtClaimLetterToTheCourt()
    {
        var filed = await FileAsync(SentOnPaper, "ge-gori-mayor");
        await SweepAllAsync(Services);

        var escalated = await SendAsync(new RecordEventCommand(filed.Id, "escalate", Citizen));

        escalated.Stage.Should().Be("court_filed");
        var effects = await EffectsAsync(filed.Id);
        effects.Should().Contain("letter:court_claim:court");
        effects.Should().NotContain(effect => effect.StartsWith("letter:complaint:", StringComparison.Ordinal));
        var request = await QueryAsync(new GetRequestQuery(filed.Id, null));
        request.Timeline.Should().NotContain(entry => entry.ToStage == "complaint_filed");
    }

    [SkippableFact]
    public async Task ARefusalByTheSakrebulo_OpensTheCourtWindowFromTheRefusal_AndEscalatesToCourt()
    {
        var filed = await FileAsync(new DateTimeOffset(2026, 11, 16, 9, 0, 0, TimeSpan.FromHours(4)), "ge-gori-council");

        var refused = await SendAsync(new RecordEventCommand(
            filed.Id, "answered", Citizen, new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(4)), Outcome: "refused"));

        refused.Stage.Should().Be("refused_court_route");
        var request = await QueryAsync(new GetRequestQuery(filed.Id, null));
        request.Outcome.Should().Be("refused");
        // One month from the refusal of Friday 20 November: 20 December is a Sunday, so Monday 21 December.
        request.Deadlines.Should().ContainSingle(d => d.Key == "court_filing").Which.Due.Should().Be(new DateOnly(2026, 12, 21));
        request.AcceptedEvents.Should().Contain("escalate");

        (await SendAsync(new RecordEventCommand(filed.Id, "escalate", Citizen))).Stage.Should().Be("court_filed");
        (await EffectsAsync(filed.Id)).Should().Contain("letter:court_claim:court");
    }

    [SkippableFact]
    public async Task ARequestToCityHall_StillGoesToTheAdministrativeComplaint_ToTheMayor()
    {
        var filed = await FileAsync(SentOnPaper, "ge-gori-city-hall");
        await SweepAllAsync(Services);

        var request = await QueryAsync(new GetRequestQuery(filed.Id, null));
        request.Stage.Should().Be("overdue");
        request.Route!.Key.Should().Be("administrative_complaint");
        request.Deadlines.Should().Contain(d => d.Key == "complaint_filing");
        request.Deadlines.Should().NotContain(d => d.Key == "court_filing");

        (await SendAsync(new RecordEventCommand(filed.Id, "escalate", Citizen))).Stage.Should().Be("complaint_filed");
        (await EffectsAsync(filed.Id)).Should().Contain("letter:complaint:complaint_body").And.NotContain("letter:court_claim:court");
    }

    [SkippableFact]
    public async Task TheRoute_IsKeptWithTheRequest_WhenTheBodysDataChangesAfterFiling()
    {
        var filed = await FileAsync(SentOnPaper, "ge-gori-mayor");
        // The body's data is corrected later to send complaints somewhere: a running request does not move.
        await using (var connection = await Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync(
                "UPDATE public_bodies SET kind = 'city_hall', complaints_to_key = 'ge-gori-city-hall', complaint_basis = 'LSG 62(1)' WHERE key = 'ge-gori-mayor'");
        }

        await SweepAllAsync(Services);

        var request = await QueryAsync(new GetRequestQuery(filed.Id, null));
        request.Route!.Key.Should().Be("direct_to_court");
        request.Stage.Should().Be("overdue_court_route");
    }

    private Task<IReadOnlyList<string>> EffectsAsync(Guid request) =>
        RowsAsync<string>("SELECT kind || ':' || name || ':' || recipient FROM outbox WHERE request_id = @Request ORDER BY created_at, name", new { Request = request });
}

public sealed class SqliteDirectToCourtRouteTests : DirectToCourtRouteTests;

public sealed class PostgresDirectToCourtRouteTests : DirectToCourtRouteTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

using FoiTracker.Application.Mail;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Requests.FileRequest;
using FoiTracker.Application.Requests.GetRequest;
using FoiTracker.Application.Requests.RecordEvent;
using FoiTracker.Application.Tests.Mail;
using FoiTracker.Infrastructure.Persistence;

namespace FoiTracker.Application.Tests.Filing;

/// <summary>
/// A request to a body without a verified e-mail address goes on paper: its letter is made at once,
/// and its clock waits until someone records the day the letter was handed in or posted.
/// </summary>
public abstract class ReadyToPrintTests : MailTestBase
{
    /// <summary>Its address is on record but nobody has recorded where and when it was checked.</summary>
    private const string GoriCityHall = "ge-gori-city-hall";

    [SkippableFact]
    public async Task A_request_to_a_body_without_a_verified_address_starts_ready_to_print_with_its_letter_and_no_clock()
    {
        var filed = await FileAsync(null, GoriCityHall);
        await DispatchAllAsync(Services);

        filed.Stage.Should().Be("ready_to_print");
        var request = await QueryAsync(new GetRequestQuery(filed.Id, Citizen));
        request.SubmittedAt.Should().BeNull("it has not reached the body yet");
        request.Deadlines.Should().BeEmpty("no deadline runs before the body has the letter");
        request.Timers.Should().BeEmpty();
        request.AcceptedEvents.Should().Contain("submit");
        request.Timeline.Should().Contain(entry => entry.Kind == "event:print" && entry.ToStage == "ready_to_print");
        request.Timeline.Should().ContainSingle(entry => entry.Kind == MailTimelineKinds.OnPaper)
            .Which.Detail.Should().Contain("print it and send it on paper");
        (await CountAsync("SELECT COUNT(*) FROM letters WHERE request_id = @Id AND kind = 'request'", new { filed.Id })).Should().Be(1, "the letter to print is made at once");
        (await CountAsync("SELECT COUNT(*) FROM mail_outgoing")).Should().Be(0, "nothing is e-mailed to an address nobody verified");
    }

    [SkippableFact]
    public async Task Recording_it_as_posted_starts_the_clock_from_the_day_it_was_posted()
    {
        // Made on Thursday 26 November 2026; posted on Monday 30 November, recorded on Wednesday 2 December.
        var filed = await FileAsync(null, GoriCityHall);
        Clock.SetUtcNow(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));

        var recorded = await SendAsync(new RecordEventCommand(filed.Id, "submit", Citizen, new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(4))));

        recorded.Stage.Should().Be("submitted");
        var request = await QueryAsync(new GetRequestQuery(filed.Id, Citizen));
        request.SubmittedAt.Should().Be(new DateTimeOffset(2026, 11, 30, 6, 0, 0, TimeSpan.Zero));
        // GAC 40: ten working days from the day after 30 November → Monday 14 December.
        request.Deadlines.Should().ContainSingle(deadline => deadline.Key == "response")
            .Which.Should().Match<RequestDeadlineDto>(deadline => deadline.From == new DateOnly(2026, 11, 30) && deadline.Due == new DateOnly(2026, 12, 14));
        (await CountAsync("SELECT COUNT(*) FROM outbox WHERE kind = 'letter' AND name = 'request'")).Should().Be(1, "recording the posting makes no second letter");
    }

    [SkippableFact]
    public async Task A_request_recorded_as_already_sent_on_paper_runs_its_clock_as_before()
    {
        var filed = await FileAsync(Clock.GetUtcNow().AddDays(-3), GoriCityHall);

        filed.Stage.Should().Be("submitted");
        (await QueryAsync(new GetRequestQuery(filed.Id, Citizen))).Deadlines.Should().Contain(deadline => deadline.Key == "response");
    }

    [SkippableFact]
    public async Task A_draft_to_a_body_without_a_verified_address_stays_a_draft()
    {
        var filed = await SendAsync(new FileRequestCommand(
            GoriCityHall, "Budget 2025", "Please send the 2025 budget execution report.", "Nino Beridze", "nino@example.ge", null, null, Draft: true, Citizen));

        filed.Stage.Should().Be("draft");
        (await CountAsync("SELECT COUNT(*) FROM outbox")).Should().Be(0);
    }

    [SkippableFact]
    public async Task A_request_to_a_body_with_a_verified_address_is_sent_at_once()
    {
        var filed = await FileAsync(null);

        filed.Stage.Should().Be("submitted");
    }
}

public sealed class SqliteReadyToPrintTests : ReadyToPrintTests;

public sealed class PostgresReadyToPrintTests : ReadyToPrintTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

using FluentValidation;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Outbox.DispatchOutbox;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Requests.Citizen;
using FoiTracker.Application.Requests.FileRequest;
using FoiTracker.Application.Requests.RecordEvent;
using FoiTracker.Application.Tests.Workflows;
using FoiTracker.Domain.Users;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Application.Tests.Citizen;

/// <summary>
/// What the citizen's pages read and do, through the mediator on a real database: similar requests
/// before filing, my requests with the next deadline, following a request, and an answer the body
/// gave outside the service recorded with its file.
/// </summary>
public abstract class CitizenRequestTests : WorkflowTestBase
{
    private static readonly RequestActor Follower = new(Guid.Parse("0194a000-0000-7000-8000-0000000f0110"), "Giorgi", Role.Citizen);
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ExecuteAsync(
            "INSERT INTO users (id, email, email_normalized, display_name, role, password_hash, created_at) VALUES (@Id, 'giorgi@example.ge', 'giorgi@example.ge', 'Giorgi', 'citizen', 'x', @At)",
            new { Id = Follower.UserId, At = Clock.GetUtcNow() });
    }

    [SkippableFact]
    public async Task SimilarRequests_AreTheBodysSentOnes_WithAWordOfTheSubject()
    {
        var budget = await FileAsync(null);
        await SendAsync(new FileRequestCommand(TestSeeds.VerifiedCityHall, "Road repairs", "Which roads were repaired?", "Nino", "nino@example.ge", null, null, Draft: false, Citizen));
        await SendAsync(new FileRequestCommand(TestSeeds.VerifiedCityHall, "Budget draft", "Not sent yet.", "Nino", "nino@example.ge", null, null, Draft: true, Citizen));

        var similar = await QueryAsync(new FindSimilarRequestsQuery(TestSeeds.VerifiedCityHall, "The BUDGET of the city"));

        similar.Should().ContainSingle().Which.Should().Match<SimilarRequestDto>(r => r.Id == budget.Id && r.Subject == "Budget 2025" && r.StageName.En == "Sent, awaiting the answer");
        (await QueryAsync(new FindSimilarRequestsQuery("another-body", "Budget"))).Should().BeEmpty();
        (await QueryAsync(new FindSimilarRequestsQuery(TestSeeds.VerifiedCityHall, null))).Should().HaveCount(2, "without words every sent request to the body is listed, the draft is not");
    }

    [SkippableFact]
    public async Task SimilarRequests_AreLookedForAmongTheBodysLatestOnly()
    {
        var filed = await FileMinutesApartAsync(2);
        var (oldest, older) = (filed[0], filed[1]);
        Clock.Advance(TimeSpan.FromMinutes(1));
        await SendAsync(new FileRequestCommand(TestSeeds.VerifiedCityHall, "Road repairs", "Which roads were repaired?", "Nino", "nino@example.ge", null, null, Draft: false, Citizen));

        await using var scope = Services.CreateAsyncScope();
        var queries = scope.ServiceProvider.GetRequiredService<ICitizenRequestQueries>();
        var amongTwo = await queries.SimilarAsync(TestSeeds.VerifiedCityHall, ["budget"], [], latest: 2, limit: 10, CancellationToken.None);
        var amongThree = await queries.SimilarAsync(TestSeeds.VerifiedCityHall, ["budget"], [], latest: 3, limit: 10, CancellationToken.None);

        amongTwo.Select(row => row.Number).Should().Equal([older.Number], "the oldest request is not among the latest two");
        amongThree.Select(row => row.Number).Should().Equal(older.Number, oldest.Number);
    }

    [SkippableFact]
    public async Task MyRequests_NewestFirst_WithTheResponseDeadline_ItsArticle_AndWorkingDaysLeft()
    {
        var first = await FileAsync(null);
        Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await FileAsync(null);

        var mine = await QueryAsync(new ListMyRequestsQuery(Citizen, 1, 50));
        var others = await QueryAsync(new ListMyRequestsQuery(Follower, 1, 50));

        mine.Total.Should().Be(2);
        mine.Items.Select(r => r.Id).Should().Equal(second.Id, first.Id);
        var next = mine.Items[0].NextDeadline!;
        next.Key.Should().Be("response");
        next.Citation.Should().Be("GAC 40(1)");
        // Filed on Thursday 26 November 2026: 10 working days to answer, all of them still ahead.
        next.WorkingDaysLeft.Should().Be(10);
        others.Total.Should().Be(0);
    }

    [SkippableFact]
    public async Task AFollower_GetsOneMail_WhenTheStageChanges_WrittenWithTheStep()
    {
        var filed = await FileAsync(null);
        await SendAsync(new FollowRequestCommand(filed.Id, Follow: true, Follower));
        await SendAsync(new FollowRequestCommand(filed.Id, Follow: true, Follower));

        await SendAsync(new RecordEventCommand(filed.Id, "note", Citizen, Note: "Called them."));
        (await CountAsync("SELECT COUNT(*) FROM outbox WHERE kind = 'follow'")).Should().Be(0, "a note does not change the stage");

        await SendAsync(new RecordEventCommand(filed.Id, "answered", Citizen, Outcome: "complete"));
        (await CountAsync("SELECT COUNT(*) FROM outbox WHERE kind = 'follow' AND request_id = @Id", new { filed.Id })).Should().Be(1);

        await SendAsync(new DispatchOutboxCommand());
        await SendAsync(new DispatchOutboxCommand());
        var mails = await RowsAsync<string>("SELECT subject FROM mail_outgoing WHERE to_address = 'giorgi@example.ge'");
        mails.Should().ContainSingle().Which.Should().Be($"მოთხოვნა {filed.Number}: პასუხი გაცემულია სრულად");
        (await CountAsync("SELECT COUNT(*) FROM outbox WHERE kind = 'follow' AND dispatched_at IS NULL")).Should().Be(0);
    }

    [SkippableFact]
    public async Task AfterUnfollowing_OrWithoutFollowers_AStageChangeWritesNoFollowerRow()
    {
        var filed = await FileAsync(null);
        await SendAsync(new FollowRequestCommand(filed.Id, Follow: true, Follower));
        await SendAsync(new FollowRequestCommand(filed.Id, Follow: false, Follower));

        await SendAsync(new RecordEventCommand(filed.Id, "answered", Citizen, Outcome: "refused"));

        (await CountAsync("SELECT COUNT(*) FROM outbox WHERE kind = 'follow'")).Should().Be(0);
    }

    [SkippableFact]
    public async Task AnAnswerGivenOnPaper_IsRecordedWithItsDay_ItsOutcome_AndItsFile()
    {
        var filed = await FileAsync(null);
        Clock.Advance(TimeSpan.FromDays(3));

        var recorded = await SendAsync(new RecordOutsideAnswerCommand(
            filed.Id, new DateOnly(2026, 11, 27), "partial", "  We send part of the report.  ", @"C:\scans\answer.pdf", Pdf, Citizen));

        recorded.Stage.Should().Be("partially_answered");
        var page = await QueryAsync(new GetRequestPageQuery(filed.Number, Citizen));
        var answer = page.Answers.Should().ContainSingle().Subject;
        answer.Should().Match<RecordedAnswerRow>(a => a.AnsweredOn == new DateOnly(2026, 11, 27) && a.Outcome == "partial"
            && a.Text == "We send part of the report." && a.FileName == "answer.pdf" && a.ContentType == "application/pdf" && a.Size == Pdf.Length);
        page.Timeline[^1].Kind.Should().Be("event:answered");
        page.Timeline[^1].At.Should().BeBefore(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.FromHours(4)));
        (await QueryAsync(new GetAnswerFileQuery(filed.Id, answer.Id, Citizen))).Bytes.Should().Equal(Pdf);
        await FluentActions.Awaiting(() => QueryAsync(new GetAnswerFileQuery(filed.Id, answer.Id, Follower))).Should().ThrowAsync<ForbiddenException>();
    }

    [SkippableFact]
    public async Task AnAnswerIsRefused_WithAFileThatIsNoDocument_AnOutcomeTheStageHasNot_OrByAnotherPerson()
    {
        var filed = await FileAsync(null);
        var program = "MZ\u0090\0\u0003\0\0\0"u8.ToArray();

        var badFile = await FluentActions.Awaiting(() => SendAsync(new RecordOutsideAnswerCommand(filed.Id, new DateOnly(2026, 11, 26), "complete", null, "answer.pdf", program, Citizen)))
            .Should().ThrowAsync<ValidationException>();
        badFile.Which.Errors.Should().ContainSingle(e => e.PropertyName == "FileBytes");
        var badOutcome = await FluentActions.Awaiting(() => SendAsync(new RecordOutsideAnswerCommand(filed.Id, new DateOnly(2026, 11, 26), "court_won", "Text", null, null, Citizen)))
            .Should().ThrowAsync<ValidationException>();
        badOutcome.Which.Errors.Should().ContainSingle(e => e.PropertyName == "Outcome");
        await FluentActions.Awaiting(() => SendAsync(new RecordOutsideAnswerCommand(filed.Id, new DateOnly(2026, 11, 26), "complete", "Text", null, null, Follower)))
            .Should().ThrowAsync<ForbiddenException>();
        var empty = await FluentActions.Awaiting(() => SendAsync(new RecordOutsideAnswerCommand(filed.Id, new DateOnly(2026, 11, 26), "complete", " ", null, null, Citizen)))
            .Should().ThrowAsync<ValidationException>();
        empty.Which.Errors.Should().ContainSingle(e => e.PropertyName == "Text");

        (await CountAsync("SELECT COUNT(*) FROM request_answers")).Should().Be(0);
        (await QueryAsync(new GetRequestPageQuery(filed.Number, Citizen))).StageName.En.Should().Be("Sent, awaiting the answer");
    }

    [SkippableFact]
    public async Task TheRequestPage_ShowsItsPrivateParts_OnlyToTheRequester()
    {
        var filed = await FileAsync(null);
        await SendAsync(new DispatchOutboxCommand());

        var own = await QueryAsync(new GetRequestPageQuery(filed.Number, Citizen));
        var other = await QueryAsync(new GetRequestPageQuery(filed.Number, Follower));

        own.Private.Should().BeTrue();
        own.AnswerOutcomes.Should().Contain(["complete", "partial", "refused"]);
        own.Letters.Should().ContainSingle(l => l.Kind == "request");
        own.Deadlines.Should().ContainSingle(d => d.Key == "response" && d.Citation == "GAC 40(1)");
        other.Private.Should().BeFalse();
        other.Letters.Should().BeEmpty();
        other.AnswerOutcomes.Should().BeEmpty();
        other.Deadlines.Should().HaveCount(1);
        await FluentActions.Awaiting(() => QueryAsync(new GetRequestPageQuery("2026-999999", Citizen))).Should().ThrowAsync<NotFoundException>();
    }
}

public sealed class SqliteCitizenRequestTests : CitizenRequestTests;

public sealed class PostgresCitizenRequestTests : CitizenRequestTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

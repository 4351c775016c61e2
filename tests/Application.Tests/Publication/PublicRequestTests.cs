using FluentValidation;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Requests.FileRequest;
using FoiTracker.Application.Requests.Publication;
using FoiTracker.Application.Requests.Publication.GetBodyActivity;
using FoiTracker.Application.Requests.Publication.GetPublicRequest;
using FoiTracker.Application.Requests.Publication.ListPublicRequests;
using FoiTracker.Application.Requests.Publication.RedactTimelineEntry;
using FoiTracker.Application.Requests.Publication.SetNamePublic;
using FoiTracker.Application.Requests.RecordEvent;
using FoiTracker.Application.Tests.Workflows;
using FoiTracker.Domain.Users;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Tests.Support;

namespace FoiTracker.Application.Tests.Publication;

/// <summary>A sent request's public record: the requester's name only by their choice, staff's redactions with their reason, nothing private.</summary>
public abstract class PublicRequestTests : WorkflowTestBase
{
    private static readonly RequestActor Staff = StaffMember;
    private static readonly RequestActor Stranger = new(Guid.Parse("0194a000-0000-7000-8000-000000000bad"), "Levan", Role.Citizen);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await AddStaffMemberAsync();
    }

    [SkippableFact]
    public async Task TheRequesterName_IsHiddenByDefault_AndShownOnceTheyChooseSo()
    {
        var filed = await FileAsync(Clock.GetUtcNow().AddHours(-1));

        (await QueryAsync(new GetPublicRequestQuery(filed.Number))).RequesterName.Should().BeNull();

        var chosen = await SendAsync(new SetNamePublicCommand(filed.Id, Show: true, Citizen));
        chosen.NamePublic.Should().BeTrue();
        (await QueryAsync(new GetPublicRequestQuery(filed.Number))).RequesterName.Should().Be("Nino Beridze");

        await SendAsync(new SetNamePublicCommand(filed.Id, Show: false, Citizen));
        (await QueryAsync(new GetPublicRequestQuery(filed.Number))).RequesterName.Should().BeNull();
    }

    [SkippableFact]
    public async Task OnlyTheRequester_MayChooseToShowTheirName()
    {
        var filed = await FileAsync(Clock.GetUtcNow().AddHours(-1));

        await FluentActions.Awaiting(() => SendAsync(new SetNamePublicCommand(filed.Id, true, Stranger))).Should().ThrowAsync<ForbiddenException>();
        await FluentActions.Awaiting(() => SendAsync(new SetNamePublicCommand(filed.Id, true, Staff))).Should().ThrowAsync<ForbiddenException>();
        (await QueryAsync(new GetPublicRequestQuery(filed.Number))).RequesterName.Should().BeNull();
    }

    [SkippableFact]
    public async Task APrivateDetail_NeverReachesThePublicRecord_UnlessTheNameIsChosen()
    {
        var filed = await FileAsync(Clock.GetUtcNow().AddHours(-1));
        await SendAsync(new RecordEventCommand(filed.Id, "answered", Staff, Outcome: "complete", Note: "Sent to Nino Beridze and copied to giorgi@example.org by post."));

        var hidden = await QueryAsync(new GetPublicRequestQuery(filed.Number));
        var answered = hidden.Timeline.Single(entry => entry.Kind == "event:answered");
        answered.Detail.Should().Contain($"Sent to {PublicTimeline.HiddenName} and copied to {PublicTimeline.HiddenEmail} by post.");
        answered.ActorKind.Should().Be("staff");
        Everything(hidden).Should().NotContain("@example").And.NotContain("Nino").And.NotContain("Beridze").And.NotContain("Tamar");

        await SendAsync(new SetNamePublicCommand(filed.Id, true, Citizen));
        var shown = await QueryAsync(new GetPublicRequestQuery(filed.Number));
        shown.Timeline.Single(entry => entry.Kind == "event:answered").Detail.Should().Contain("Sent to Nino Beridze and copied to");
        Everything(shown).Should().NotContain("@example");
    }

    [SkippableFact]
    public async Task StaffRedaction_ReplacesTheEntrysPublicText_WithTheReason_AndALaterOneReplacesIt()
    {
        var filed = await FileAsync(Clock.GetUtcNow().AddHours(-1));
        await SendAsync(new RecordEventCommand(filed.Id, "answered", Staff, Outcome: "complete", Note: "Personal number 01001012345 attached."));
        var seq = (await QueryAsync(new GetPublicRequestQuery(filed.Number))).Timeline.Single(entry => entry.Kind == "event:answered").Seq;

        await SendAsync(new RedactTimelineEntryCommand(filed.Id, seq, "Personal number [removed] attached.", "A personal number", Staff));
        Clock.Advance(TimeSpan.FromMinutes(5));
        var second = await SendAsync(new RedactTimelineEntryCommand(filed.Id, seq, "[removed]", "  Personal data of a third person ", Staff));

        var entry = (await QueryAsync(new GetPublicRequestQuery(filed.Number))).Timeline.Single(e => e.Seq == seq);
        entry.Detail.Should().Be("[removed]");
        entry.Redaction.Should().Be(new RedactionNoteDto("Personal data of a third person", Clock.GetUtcNow()));
        second.RedactedBy.Should().Be(Staff.UserId);
        (await CountAsync("SELECT COUNT(*) FROM timeline_redactions")).Should().Be(1);
        // The record itself is kept as it was.
        (await CountAsync("SELECT COUNT(*) FROM timeline WHERE detail LIKE '%01001012345%'")).Should().Be(1);
    }

    [SkippableFact]
    public async Task ARedaction_IsRefused_ToACitizen_ForAnEntryThatIsNot_AndWithoutAReason()
    {
        var filed = await FileAsync(Clock.GetUtcNow().AddHours(-1));

        await FluentActions.Awaiting(() => SendAsync(new RedactTimelineEntryCommand(filed.Id, 1, "x", "why", Citizen))).Should().ThrowAsync<ForbiddenException>();
        (await FluentActions.Awaiting(() => SendAsync(new RedactTimelineEntryCommand(filed.Id, 999, "x", "why", Staff))).Should().ThrowAsync<NotFoundException>())
            .WithMessage("The request has no timeline entry 999.");
        var invalid = await FluentActions.Awaiting(() => SendAsync(new RedactTimelineEntryCommand(filed.Id, 1, " ", null, Staff))).Should().ThrowAsync<ValidationException>();
        invalid.Which.Errors.Select(error => error.PropertyName).Should().BeEquivalentTo(
            nameof(RedactTimelineEntryCommand.RedactedText), nameof(RedactTimelineEntryCommand.Reason));
    }

    [SkippableFact]
    public async Task ADraft_IsNotPublic_NorListed_NorInTheBodysActivity()
    {
        var draft = await SendAsync(new FileRequestCommand(TestSeeds.VerifiedCityHall, "Draft", "Not sent yet.", "Nino Beridze", "nino@example.ge", null, null, Draft: true, Citizen));
        var sent = await FileAsync(Clock.GetUtcNow().AddHours(-1));

        await FluentActions.Awaiting(() => QueryAsync(new GetPublicRequestQuery(draft.Number))).Should().ThrowAsync<NotFoundException>();
        var listed = await QueryAsync(new ListPublicRequestsQuery(TestSeeds.VerifiedCityHall));
        listed.Items.Select(item => item.Number).Should().Equal(sent.Number);
        listed.Total.Should().Be(1);
        var activity = await QueryAsync(new GetBodyActivityQuery(TestSeeds.VerifiedCityHall));
        activity.Should().NotBeEmpty().And.OnlyContain(item => item.Number == sent.Number);
    }

    [SkippableFact]
    public async Task TheBodysActivity_IsNewestFirst_WithRedactions_AndWithoutPrivateEntries()
    {
        var filed = await FileAsync(Clock.GetUtcNow().AddHours(-1));
        Clock.Advance(TimeSpan.FromMinutes(1));
        await SendAsync(new RecordEventCommand(filed.Id, "answered", Staff, Outcome: "complete", Note: "Call Nino on 555 12 34 56."));
        var seq = (await QueryAsync(new GetPublicRequestQuery(filed.Number))).Timeline.Single(entry => entry.Kind == "event:answered").Seq;
        await SendAsync(new RedactTimelineEntryCommand(filed.Id, seq, "Call [removed].", "A phone number", Staff));
        await ExecuteAsync(
            "INSERT INTO timeline (id, request_id, seq, at, kind, actor, detail, statute_version) VALUES (@Id, @Request, 900, @At, 'mail:bounce', 'system', 'bounced', 1)",
            new { Id = Guid.NewGuid(), Request = filed.Id, At = Clock.GetUtcNow().AddMinutes(1) });

        var activity = await QueryAsync(new GetBodyActivityQuery(TestSeeds.VerifiedCityHall));

        activity.Select(item => item.Entry.At).Should().BeInDescendingOrder();
        activity.Should().NotContain(item => item.Entry.Kind == "mail:bounce");
        var answered = activity.First(item => item.Entry.Kind == "event:answered");
        answered.Entry.Detail.Should().Be("Call [removed].");
        answered.Entry.Redaction!.Reason.Should().Be("A phone number");
        (await QueryAsync(new GetPublicRequestQuery(filed.Number))).Timeline.Should().NotContain(entry => entry.Kind == "mail:bounce");
    }

    [SkippableFact]
    public async Task Deadlines_CarryTheirCitation_AndWorkingDaysLeft()
    {
        var filed = await FileAsync(Clock.GetUtcNow().AddHours(-1));

        var response = (await QueryAsync(new GetPublicRequestQuery(filed.Number))).Deadlines.Single(deadline => deadline.Key == "response");

        response.Citation.Should().Contain("GAC");
        response.WorkingDaysLeft.Should().BeInRange(1, 10);
    }

    [SkippableFact]
    public async Task ABodysSentRequests_AreCountedUpToTheLimit_OrToTheEndOfThePageAskedFor()
    {
        for (var i = 0; i < 5; i++)
            await FileAsync(Clock.GetUtcNow().AddHours(-5 + i));

        var first = await QueryAsync(new ListPublicRequestsQuery(TestSeeds.VerifiedCityHall, Page: 1, PageSize: 1, CountedUpTo: 2));
        first.Items.Should().ContainSingle();
        first.Total.Should().Be(3, "the count stops one past the limit, which says there are more");
        var fourth = await QueryAsync(new ListPublicRequestsQuery(TestSeeds.VerifiedCityHall, Page: 4, PageSize: 1, CountedUpTo: 2));
        fourth.Total.Should().Be(5, "a page past the limit still learns that a next page follows");
        var all = await QueryAsync(new ListPublicRequestsQuery(TestSeeds.VerifiedCityHall, Page: 1, PageSize: 50, CountedUpTo: 10));
        all.Total.Should().Be(5);
        all.Items.Should().HaveCount(5);
    }

    [SkippableFact]
    public async Task AMalformedNumber_IsRefusedInWords()
    {
        var invalid = await FluentActions.Awaiting(() => QueryAsync(new GetPublicRequestQuery("nope"))).Should().ThrowAsync<ValidationException>();
        invalid.Which.Errors.Single().ErrorMessage.Should().Be("'nope' is not a request number (e.g. 2026-000042).");
    }

    private static string Everything(PublicRequestDto request) =>
        string.Join("\n", new[] { request.Subject, request.Text, request.RequesterName }
            .Concat(request.Timeline.SelectMany(entry => new[] { entry.Detail, entry.ActorKind })));
}

public sealed class SqlitePublicRequestTests : PublicRequestTests;

public sealed class PostgresPublicRequestTests : PublicRequestTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

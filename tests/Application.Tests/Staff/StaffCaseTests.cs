using FluentValidation;
using FoiTracker.Application.Accounts.ChangeRole;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Mail;
using FoiTracker.Application.Mail.RetryOutgoingMail;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Requests.FileRequest;
using FoiTracker.Application.Requests.GetRequest;
using FoiTracker.Application.Staff.Assign;
using FoiTracker.Application.Staff.Cases;
using FoiTracker.Application.Staff.Notes;
using FoiTracker.Application.Staff.Queue;
using FoiTracker.Application.Tests.Workflows;
using FoiTracker.Domain.Users;
using FoiTracker.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Application.Tests.Staff;

/// <summary>The staff's working records on both databases: the queue, assignments, internal notes, retrying mail and roles.</summary>
public abstract class StaffCaseTests : WorkflowTestBase
{
    private static readonly RequestActor Tamar = new(Guid.Parse("0194a000-0000-7000-8000-0000000057a1"), "Tamar", Role.Staff);
    private static readonly RequestActor Giorgi = new(Guid.Parse("0194a000-0000-7000-8000-0000000057a2"), "Giorgi", Role.Admin);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await AddAccountAsync(Tamar, "tamar@example.ge");
        await AddAccountAsync(Giorgi, "giorgi@example.ge");
    }

    [SkippableFact]
    public async Task TheQueue_PutsTheLongestOverdueFirst_ThenTheNextDeadline_AndShowsWhoHasEachCase()
    {
        var (oldest, later, fresh) = await ThreeRequestsAsync();
        await SendAsync(new AssignCaseCommand(fresh.Id, Tamar.UserId, Giorgi));

        var queue = await QueryAsync(new StaffQueueQuery(null, null, false, null, null, 1, 50, Tamar));

        queue.Items.Select(item => item.Number).Should().Equal(oldest.Number, later.Number, fresh.Number);
        queue.Total.Should().Be(3);
        queue.Items[0].OverdueSince.Should().BeBefore(queue.Items[1].OverdueSince!.Value);
        queue.Items[2].OverdueSince.Should().BeNull();
        queue.Items[2].NextDue.Should().NotBeNull();
        queue.Items[2].AssigneeName.Should().Be("Tamar");
        queue.Items[0].AssigneeId.Should().BeNull();
    }

    [SkippableFact]
    public async Task TheQueue_FiltersByAssignment_Stage_AndFreeText()
    {
        var (oldest, later, fresh) = await ThreeRequestsAsync();
        await SendAsync(new AssignCaseCommand(fresh.Id, Tamar.UserId, Tamar));

        (await NumbersAsync(new StaffQueueQuery(null, null, false, QueueAssignment.Mine, null, 1, 50, Tamar))).Should().Equal(fresh.Number);
        (await NumbersAsync(new StaffQueueQuery(null, null, false, QueueAssignment.Mine, null, 1, 50, Giorgi))).Should().BeEmpty();
        (await NumbersAsync(new StaffQueueQuery(null, null, false, QueueAssignment.Nobody, null, 1, 50, Tamar))).Should().Equal(oldest.Number, later.Number);
        (await NumbersAsync(new StaffQueueQuery(null, fresh.Stage, false, null, null, 1, 50, Tamar))).Should().Equal(fresh.Number);
        (await NumbersAsync(new StaffQueueQuery(null, null, false, null, later.Number, 1, 50, Tamar))).Should().Equal(later.Number);
        (await NumbersAsync(new StaffQueueQuery(null, null, false, null, "budget", 1, 50, Tamar))).Should().HaveCount(3, "the subject is found whatever the capitals");
        (await NumbersAsync(new StaffQueueQuery(null, null, false, null, "beridze", 1, 50, Tamar))).Should().HaveCount(3, "so is the requester's name");
        (await NumbersAsync(new StaffQueueQuery(null, null, false, null, "100%", 1, 50, Tamar))).Should().BeEmpty("a % is searched for, not a wildcard");
        (await NumbersAsync(new StaffQueueQuery(null, null, true, null, null, 1, 50, Tamar))).Should().BeEmpty("no mail failed");
        (await QueryAsync(new StaffQueueQuery(null, null, false, null, null, 2, 2, Tamar))).Items.Select(item => item.Number).Should().Equal(fresh.Number);
    }

    [SkippableFact]
    public async Task TheQueue_IsRefusedToACitizen_AndAnUnknownAssignmentWordIsInvalid()
    {
        await FluentActions.Awaiting(() => QueryAsync(new StaffQueueQuery(null, null, false, null, null, 1, 50, Citizen))).Should().ThrowAsync<ForbiddenException>();
        await FluentActions.Awaiting(() => QueryAsync(new StaffQueueQuery(null, null, false, "someone", null, 1, 50, Tamar))).Should().ThrowAsync<ValidationException>();
    }

    [SkippableFact]
    public async Task ACase_CanBeAssignedOnlyToStaff_ReassignedAndLeftToNobody()
    {
        var filed = await FileAsync(null);

        await FluentActions.Awaiting(() => SendAsync(new AssignCaseCommand(filed.Id, Citizen.UserId, Tamar)))
            .Should().ThrowAsync<ValidationException>().WithMessage("*only to a staff member*");
        await FluentActions.Awaiting(() => SendAsync(new AssignCaseCommand(filed.Id, Tamar.UserId, Citizen))).Should().ThrowAsync<ForbiddenException>();

        await SendAsync(new AssignCaseCommand(filed.Id, Tamar.UserId, Giorgi));
        (await QueryAsync(new GetStaffCaseQuery(filed.Number, Giorgi))).Assignee!.Name.Should().Be("Tamar");
        await SendAsync(new AssignCaseCommand(filed.Id, Giorgi.UserId, Giorgi));
        (await QueryAsync(new GetStaffCaseQuery(filed.Number, Giorgi))).Assignee!.Name.Should().Be("Giorgi");
        await SendAsync(new AssignCaseCommand(filed.Id, null, Giorgi));
        (await QueryAsync(new GetStaffCaseQuery(filed.Number, Giorgi))).Assignee.Should().BeNull();
        (await QueryAsync(new GetStaffCaseQuery(filed.Number, Giorgi))).StaffMembers.Select(member => member.Name).Should().Equal("Giorgi", "Tamar");
    }

    [SkippableFact]
    public async Task InternalNotes_AreKeptForStaff_AndNeverReachTheRequestsTimeline()
    {
        var filed = await FileAsync(null);

        await SendAsync(new AddInternalNoteCommand(filed.Id, "  Called the mayor's office: the officer is on leave until Monday.  ", Tamar));
        await SendAsync(new AddInternalNoteCommand(filed.Id, "Lawyer says a complaint is worth it.", Giorgi));

        var staffCase = await QueryAsync(new GetStaffCaseQuery(filed.Number, Tamar));
        staffCase.Notes.Select(note => (note.AuthorName, note.Text)).Should().Equal(
            ("Tamar", "Called the mayor's office: the officer is on leave until Monday."), ("Giorgi", "Lawyer says a complaint is worth it."));
        var asRequester = await QueryAsync(new GetRequestQuery(filed.Id, Citizen));
        asRequester.Timeline.Should().NotContain(entry => entry.Detail != null && entry.Detail.Contains("mayor's office", StringComparison.Ordinal));
        await FluentActions.Awaiting(() => QueryAsync(new GetStaffCaseQuery(filed.Number, Citizen))).Should().ThrowAsync<ForbiddenException>();
        await FluentActions.Awaiting(() => SendAsync(new AddInternalNoteCommand(filed.Id, "mine", Citizen))).Should().ThrowAsync<ForbiddenException>();
        await FluentActions.Awaiting(() => SendAsync(new AddInternalNoteCommand(filed.Id, "   ", Tamar))).Should().ThrowAsync<ValidationException>();
        await FluentActions.Awaiting(() => SendAsync(new AddInternalNoteCommand(Guid.NewGuid(), "lost", Tamar))).Should().ThrowAsync<NotFoundException>();
    }

    [SkippableFact]
    public async Task AMailGivenUp_CanBeMadeSendableAgainOnce_AndOneAcceptedBeforeNever()
    {
        var failed = await AddMailAsync("failed", sentAt: null);
        var sent = await AddMailAsync("sent", sentAt: Clock.GetUtcNow().AddHours(-1));
        var bounced = await AddMailAsync("bounced", sentAt: Clock.GetUtcNow().AddHours(-1));
        Clock.Advance(TimeSpan.FromDays(3));

        var retried = await SendAsync(new RetryOutgoingMailCommand(failed, Tamar));

        retried.Status.Should().Be(MailStatus.Pending);
        retried.AvailableAt.Should().Be(Clock.GetUtcNow());
        await FluentActions.Awaiting(() => SendAsync(new RetryOutgoingMailCommand(failed, Tamar))).Should().ThrowAsync<ConflictException>().WithMessage("*waiting*");
        await FluentActions.Awaiting(() => SendAsync(new RetryOutgoingMailCommand(sent, Tamar))).Should().ThrowAsync<ConflictException>().WithMessage("*twice*");
        await FluentActions.Awaiting(() => SendAsync(new RetryOutgoingMailCommand(bounced, Tamar))).Should().ThrowAsync<ConflictException>().WithMessage("*twice*");
        await FluentActions.Awaiting(() => SendAsync(new RetryOutgoingMailCommand(failed, Citizen))).Should().ThrowAsync<ForbiddenException>();
        (await CountAsync("SELECT COUNT(*) FROM mail_outgoing WHERE status = 'pending'")).Should().Be(1);

        // The sender counts its two days of retries from the retry, not from when the mail was first written.
        await using var scope = Services.CreateAsyncScope();
        var claimed = await scope.ServiceProvider.GetRequiredService<IOutgoingMailStore>().ClaimNextAsync(Clock.GetUtcNow(), CancellationToken.None);
        claimed!.Id.Should().Be(failed);
        claimed.RetriedAt.Should().Be(Clock.GetUtcNow());
    }

    [SkippableFact]
    public async Task AnAdminChangesRoles_ButTheLastAdminCannotStepDown()
    {
        var role = await SendAsync(new ChangeRoleCommand(Citizen.UserId, RoleNames.Staff, Giorgi));
        role.Role.Should().Be(RoleNames.Staff);
        (await CountAsync("SELECT COUNT(*) FROM users WHERE id = @Id AND role = 'staff'", new { Id = Citizen.UserId })).Should().Be(1);

        await FluentActions.Awaiting(() => SendAsync(new ChangeRoleCommand(Giorgi.UserId, RoleNames.Citizen, Giorgi)))
            .Should().ThrowAsync<ConflictException>().WithMessage("*only admin*");
        await FluentActions.Awaiting(() => SendAsync(new ChangeRoleCommand(Citizen.UserId, RoleNames.Admin, Tamar))).Should().ThrowAsync<ForbiddenException>();
        await FluentActions.Awaiting(() => SendAsync(new ChangeRoleCommand(Citizen.UserId, "boss", Giorgi))).Should().ThrowAsync<ValidationException>();

        await SendAsync(new ChangeRoleCommand(Tamar.UserId, RoleNames.Admin, Giorgi));
        (await SendAsync(new ChangeRoleCommand(Giorgi.UserId, RoleNames.Staff, Giorgi))).Role.Should().Be(RoleNames.Staff);
    }

    // Two sent on paper weeks ago (overdue since different days) and one filed today.
    private async Task<(FiledRequest Oldest, FiledRequest Later, FiledRequest Fresh)> ThreeRequestsAsync()
    {
        var oldest = await FileAsync(new DateTimeOffset(2026, 10, 14, 9, 0, 0, TimeSpan.FromHours(4)));
        var later = await FileAsync(new DateTimeOffset(2026, 10, 21, 9, 0, 0, TimeSpan.FromHours(4)));
        var fresh = await FileAsync(null);
        await SweepAllAsync(Services);
        return (oldest, later, fresh);
    }

    private async Task<IReadOnlyList<string>> NumbersAsync(StaffQueueQuery query) =>
        (await QueryAsync(query)).Items.Select(item => item.Number).ToList();

    private Task AddAccountAsync(RequestActor actor, string email) =>
        ExecuteAsync(
            "INSERT INTO users (id, email, email_normalized, display_name, role, password_hash, created_at) VALUES (@Id, @Email, @Email, @Name, @Role, 'x', @At)",
            new { Id = actor.UserId, Email = email, actor.Name, Role = actor.Role.ToName(), At = Clock.GetUtcNow() });

    private async Task<Guid> AddMailAsync(string status, DateTimeOffset? sentAt)
    {
        var id = Guid.NewGuid();
        await ExecuteAsync(
            """
            INSERT INTO mail_outgoing (id, dedup_key, request_id, kind, message_id, from_address, to_address, subject, text_body, language,
                                       attachments, status, attempts, created_at, available_at, sent_at)
            VALUES (@Id, @Key, NULL, 'notice', @MessageId, 'service@example.ge', 'body@example.ge', 'Subject', 'Text', 'en',
                    '[]', @Status, 3, @At, @At, @SentAt)
            """,
            new { Id = id, Key = $"test:{id:N}", MessageId = $"{id:N}@example.ge", Status = status, At = Clock.GetUtcNow(), SentAt = sentAt });
        return id;
    }
}

public sealed class SqliteStaffCaseTests : StaffCaseTests;

public sealed class PostgresStaffCaseTests : StaffCaseTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

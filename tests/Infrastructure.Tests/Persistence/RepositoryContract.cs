using System.Data.Common;
using Dapper;
using FoiTracker.Application.Accounts;
using FoiTracker.Application.Bodies;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Outbox;
using FoiTracker.Application.Workflows;
using FoiTracker.Domain.Workflows;
using FoiTracker.Application.Common.Ports;
using FoiTracker.Application.Jurisdictions;
using FoiTracker.Application.Letters;
using FoiTracker.Application.Outbox.DispatchOutbox;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Seeds.LoadSeeds;
using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Jurisdictions;
using FoiTracker.Domain.Requests;
using FoiTracker.Domain.Users;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Infrastructure.Persistence.Repositories;
using FoiTracker.Tests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Infrastructure.Tests.Persistence;

/// <summary>
/// What every storage provider must do. Each test gets an empty, migrated database; the same
/// tests run on SQLite (always) and PostgreSQL (see <see cref="PostgresRepositoryTests"/>).
/// </summary>
public abstract class RepositoryContract : IAsyncLifetime
{
    private static readonly JurisdictionCode Georgia = JurisdictionCode.Create("ge");
    private TestDatabase? _database;
    private ServiceProvider? _services;

    protected abstract DatabaseProvider Provider { get; }

    protected ServiceProvider Services => _services ?? throw new InvalidOperationException("Not initialised.");

    public async Task InitializeAsync()
    {
        if (Provider == DatabaseProvider.Postgres)
            TestDatabase.SkipUnlessPostgresConfigured();
        _database = await TestDatabase.CreateAsync(Provider);
        _services = TestServices.Build(_database.Options);
        await Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
            await _services.DisposeAsync();
        if (_database is not null)
            await _database.DisposeAsync();
    }

    [SkippableFact]
    public async Task Migrate_RunTwice_AppliesNothingTheSecondTime()
    {
        var again = await Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);

        again.Should().BeEmpty();
        var tables = await QueryAsync<string>(Provider == DatabaseProvider.Sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            : "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
        tables.Select(name => name.ToLowerInvariant()).Should().Contain(["jurisdictions", "public_bodies", "users", "requests", "request_counters"]);
    }

    [SkippableFact]
    public async Task LoadSeeds_RunTwice_LeavesTheSameRows()
    {
        var first = await SendAsync(new LoadSeedsCommand());
        var afterFirst = await DumpAsync();
        var second = await SendAsync(new LoadSeedsCommand());
        var afterSecond = await DumpAsync();

        second.Should().Be(first);
        first.Bodies.Should().BeGreaterThan(20);
        afterSecond.Should().Equal(afterFirst);
        afterFirst.Should().Contain(row => row.StartsWith("ge-gori-city-hall|", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Body_UpsertThenGet_RoundTripsEveryField()
    {
        await AddGeorgiaAsync();
        var body = new PublicBody(
            PublicBodyKey.Create("ge-test-city-hall"), Georgia, BodyKind.CityHall,
            new LocalizedText("სატესტო მერია", "Test City Hall"),
            new LocalizedText("სატესტო ქ. 1", "1 Test St."),
            new Uri("https://test.example.ge/"),
            new FoiEmail(EmailAddress.Create("foi@test.example.ge"), Verified: true),
            parent: PublicBodyKey.Create("ge-test-parent"),
            complaintsTo: PublicBodyKey.Create("ge-test-mayor"),
            court: PublicBodyKey.Create("ge-test-court"),
            complaintBasis: "LSG 62(1)");

        await InScopeAsync<IPublicBodyRepository>(repository => repository.UpsertAsync(body, CancellationToken.None));
        var loaded = await InScopeAsync<IPublicBodyRepository, PublicBody?>(repository => repository.GetAsync(body.Key, CancellationToken.None));

        loaded.Should().BeEquivalentTo(body);
    }

    [SkippableFact]
    public async Task Body_UpsertSameKeyTwice_ReplacesTheStoredBody()
    {
        await AddGeorgiaAsync();
        var key = PublicBodyKey.Create("ge-test-council");
        await InScopeAsync<IPublicBodyRepository>(repository => repository.UpsertAsync(
            new PublicBody(key, Georgia, BodyKind.MunicipalCouncil, new LocalizedText("ძველი", "Old name")), CancellationToken.None));
        await InScopeAsync<IPublicBodyRepository>(repository => repository.UpsertAsync(
            new PublicBody(key, Georgia, BodyKind.MunicipalCouncil, new LocalizedText("ახალი", "New name")), CancellationToken.None));

        var loaded = await InScopeAsync<IPublicBodyRepository, PublicBody?>(repository => repository.GetAsync(key, CancellationToken.None));
        var count = await InScopeAsync<IPublicBodyRepository, long>(repository => repository.CountAsync(CancellationToken.None));

        loaded!.Name.En.Should().Be("New name");
        count.Should().Be(1);
    }

    [SkippableFact]
    public async Task Search_FindsBodiesByGeorgianOrEnglishText_AndPages()
    {
        await SendAsync(new LoadSeedsCommand());

        var georgian = await InScopeAsync<IBodyQueries, Application.Common.Models.PagedResult<BodyDto>>(
            queries => queries.SearchAsync("გორის", 1, 100, CancellationToken.None));
        var english = await InScopeAsync<IBodyQueries, Application.Common.Models.PagedResult<BodyDto>>(
            queries => queries.SearchAsync("gori municipality", 1, 100, CancellationToken.None));
        var firstPage = await InScopeAsync<IBodyQueries, Application.Common.Models.PagedResult<BodyDto>>(
            queries => queries.SearchAsync(null, 1, 5, CancellationToken.None));
        var secondPage = await InScopeAsync<IBodyQueries, Application.Common.Models.PagedResult<BodyDto>>(
            queries => queries.SearchAsync(null, 2, 5, CancellationToken.None));

        georgian.Items.Select(body => body.Key).Should().Contain("ge-gori-city-hall");
        english.Items.Select(body => body.Key).Should().Contain("ge-gori-city-hall");
        firstPage.Items.Should().HaveCount(5);
        secondPage.Items.Should().HaveCount(5);
        firstPage.Items.Select(body => body.Key).Should().NotIntersectWith(secondPage.Items.Select(body => body.Key));
        firstPage.Total.Should().Be(secondPage.Total).And.BeGreaterThan(10);
    }

    [SkippableFact]
    public async Task Search_FindsABody_WhenEveryWordAppears_InAnyOrder()
    {
        await SendAsync(new LoadSeedsCommand());

        async Task<IReadOnlyList<string>> Keys(string text) =>
            (await InScopeAsync<IBodyQueries, Application.Common.Models.PagedResult<BodyDto>>(
                queries => queries.SearchAsync(text, 1, 100, CancellationToken.None))).Items.Select(body => body.Key).ToList();

        (await Keys("gori city hall")).Should().Equal("ge-gori-city-hall");
        (await Keys("hall  gori")).Should().Contain("ge-gori-city-hall");
        (await Keys("გორის მერია")).Should().Contain("ge-gori-city-hall");
        (await Keys("gori city hall atlantis")).Should().BeEmpty("every word must appear");
    }

    [SkippableFact]
    public async Task Search_TreatsLikeWildcardsAsPlainCharacters()
    {
        await AddGeorgiaAsync();
        await InScopeAsync<IPublicBodyRepository>(repository => repository.UpsertAsync(
            new PublicBody(PublicBodyKey.Create("ge-percent"), Georgia, BodyKind.Other, new LocalizedText("ა", "Hundred % Office")), CancellationToken.None));
        await InScopeAsync<IPublicBodyRepository>(repository => repository.UpsertAsync(
            new PublicBody(PublicBodyKey.Create("ge-plain"), Georgia, BodyKind.Other, new LocalizedText("ბ", "Plain Office")), CancellationToken.None));

        var percent = await InScopeAsync<IBodyQueries, Application.Common.Models.PagedResult<BodyDto>>(queries => queries.SearchAsync("%", 1, 10, CancellationToken.None));
        var underscore = await InScopeAsync<IBodyQueries, Application.Common.Models.PagedResult<BodyDto>>(queries => queries.SearchAsync("_", 1, 10, CancellationToken.None));

        percent.Items.Select(body => body.Key).Should().Equal("ge-percent");
        underscore.Items.Should().BeEmpty();
    }

    [SkippableFact]
    public async Task User_AddThenFindByEmail_IgnoresCase_AndRejectsASecondAccountWithTheSameEmail()
    {
        var account = new UserAccount(UserId.New(), EmailAddress.Create("Nino@Example.ge"), "Nino", Role.Staff, "hash", Instant(2026, 3, 1));
        await InScopeAsync<IUserRepository>(users => users.AddAsync(account, CancellationToken.None));

        var found = await InScopeAsync<IUserRepository, UserAccount?>(users => users.FindByEmailAsync(EmailAddress.Create("nino@example.GE"), CancellationToken.None));
        var anyStaff = await InScopeAsync<IUserRepository, bool>(users => users.AnyWithRoleAsync(Role.Staff, CancellationToken.None));
        var anyAdmin = await InScopeAsync<IUserRepository, bool>(users => users.AnyWithRoleAsync(Role.Admin, CancellationToken.None));
        var duplicate = () => InScopeAsync<IUserRepository>(users => users.AddAsync(
            new UserAccount(UserId.New(), EmailAddress.Create("NINO@example.ge"), "Other", Role.Citizen, "hash", Instant(2026, 3, 2)), CancellationToken.None));

        found.Should().BeEquivalentTo(account);
        anyStaff.Should().BeTrue();
        anyAdmin.Should().BeFalse();
        await duplicate.Should().ThrowAsync<DbException>();
    }

    [SkippableFact]
    public async Task User_PasswordAndRoleChanges_StoreANewSecurityStamp_ARehashKeepsIt()
    {
        var account = new UserAccount(UserId.New(), EmailAddress.Create("tamar@example.ge"), "Tamar", Role.Citizen, "hash", Instant(2026, 3, 1));
        await InScopeAsync<IUserRepository>(users => users.AddAsync(account, CancellationToken.None));
        var stamps = new List<string> { account.SecurityStamp };

        account.ChangePasswordHash("rehashed");
        await InScopeAsync<IUserRepository>(users => users.UpdatePasswordHashAsync(account, CancellationToken.None));
        stamps.Add((await FindUserAsync(account.Id)).SecurityStamp);
        account.ChangePassword("new password's hash");
        await InScopeAsync<IUserRepository>(users => users.UpdatePasswordHashAsync(account, CancellationToken.None));
        stamps.Add((await FindUserAsync(account.Id)).SecurityStamp);
        account.ChangeRole(Role.Staff);
        await InScopeAsync<IUserRepository>(users => users.UpdateRoleAsync(account, CancellationToken.None));
        var stored = await FindUserAsync(account.Id);
        stamps.Add(stored.SecurityStamp);

        stamps[0].Should().NotBeEmpty();
        stamps[1].Should().Be(stamps[0], "the same password rehashed keeps the sessions");
        stamps.Skip(1).Should().OnlyHaveUniqueItems("a new password and a new role each end the sessions before");
        stored.Should().BeEquivalentTo(account);
    }

    [SkippableFact]
    public void DataProtectionKeys_StoredOnce_AreReadBackAsWritten()
    {
        var keys = new Identity.DatabaseXmlRepository(_database!.Options, TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<Identity.DatabaseXmlRepository>.Instance);
        var first = new System.Xml.Linq.XElement("key", new System.Xml.Linq.XAttribute("id", "1"), new System.Xml.Linq.XElement("secret", "ქ"));

        keys.StoreElement(first, "key-1");
        keys.StoreElement(new System.Xml.Linq.XElement("key", new System.Xml.Linq.XAttribute("id", "other")), "key-1");
        keys.StoreElement(new System.Xml.Linq.XElement("key", new System.Xml.Linq.XAttribute("id", "2")), "key-2");

        keys.GetAllElements().Select(element => element.ToString()).Should().Equal(first.ToString(), "<key id=\"2\" />");
    }

    private async Task<UserAccount> FindUserAsync(UserId id) =>
        await InScopeAsync<IUserRepository, UserAccount?>(users => users.FindByIdAsync(id, CancellationToken.None))
        ?? throw new InvalidOperationException("The account is not stored.");

    [SkippableFact]
    public async Task Request_AddThenGet_RoundTripsEveryField()
    {
        await SendAsync(new LoadSeedsCommand());
        var request = FoiRequest.File(
            RequestId.New(), RequestNumber.From(2026, 7), PublicBodyKey.Create("ge-gori-city-hall"), "ge-gac",
            "ბიუჯეტის შესრულება 2025", "გთხოვთ მოგვაწოდოთ ... Please provide the 2025 budget execution report.",
            new Requester("ნინო ბერიძე", EmailAddress.Create("nino@example.ge"), "გორი, სტალინის გამზ. 1"),
            owner: null, WorkflowActor.System,
            now: Instant(2026, 11, 20, 10, 15, 30.123456),
            submittedAt: Instant(2026, 11, 2, 9, 0, 0),
            GeorgianWorkflow);

        await InScopeAsync<IFoiRequestRepository>(requests => requests.AddAsync(request, CancellationToken.None));
        var byId = await InScopeAsync<IFoiRequestRepository, FoiRequest?>(requests => requests.GetAsync(request.Id, CancellationToken.None));
        var byNumber = await InScopeAsync<IFoiRequestRepository, FoiRequest?>(requests => requests.GetByNumberAsync(request.Number, CancellationToken.None));

        byId.Should().BeEquivalentTo(request);
        byNumber.Should().BeEquivalentTo(request);
        byId!.SubmittedAt!.Value.Offset.Should().Be(TimeSpan.Zero);
        byId.ActiveTimers.Select(timer => timer.Kind.Value).Should().BeEquivalentTo(["reminder", "deadline_passed"]);
        byId.Deadlines.Should().ContainSingle(deadline => deadline.Key == "response").Which.Due.Should().Be(new DateOnly(2026, 11, 16));
    }

    [SkippableFact]
    public async Task Request_WithEveryOptionalFieldSet_RoundTrips_ByIdAndByNumber()
    {
        await SendAsync(new LoadSeedsCommand());
        var owner = new UserAccount(UserId.New(), EmailAddress.Create("staff@example.ge"), "Staff", Role.Staff, "hash", Instant(2026, 3, 1));
        await InScopeAsync<IUserRepository>(users => users.AddAsync(owner, CancellationToken.None));
        var original = FoiRequest.File(
            RequestId.New(), RequestNumber.From(2026, 8), PublicBodyKey.Create("ge-gori-city-hall"), "ge-gac", "Original", "Text",
            new Requester("Nino", EmailAddress.Create("nino@example.ge"), null), owner: null, WorkflowActor.System,
            now: Instant(2026, 10, 1, 9), submittedAt: null, GeorgianWorkflow);
        await InScopeAsync<IFoiRequestRepository>(requests => requests.AddAsync(original, CancellationToken.None));
        // Every column set, with values no domain path produces all at once: each must come back as it went in.
        var request = FoiRequest.Restore(new RequestSnapshot(
            RequestId.New(), RequestNumber.From(2026, 123456789), PublicBodyKey.Create("ge-gori-city-hall"), "ge-gac", 1,
            "ბიუჯეტი — \"2025\"", "ტექსტი\nსტრიქონი 2\t€ 😀",
            new Requester("ნინო ბერიძე", EmailAddress.Create("nino+foi@example.ge"), "გორი, სტალინის გამზ. 1"),
            owner.Id, new StageKey("complaint_decided"), new Outcome("partial"),
            Instant(2026, 10, 2, 8, 5, 1.234567), Instant(2026, 10, 2, 9, 0, 0.5), Instant(2026, 11, 20, 23, 59, 59.999999),
            new DateOnly(2026, 10, 2), 3, new DateOnly(2026, 10, 20), "REG-17/2026", new DateOnly(2026, 10, 3),
            original.Id, new StageKey("overdue"), new DateOnly(2026, 10, 17), Version: 0, LastTimelineSeq: 9,
            [new ArmedTimer(Guid.CreateVersion7(), new TimerKind("chaser"), new StageKey("overdue"), "response", Instant(2026, 12, 1, 8), Instant(2026, 11, 20, 12))],
            [new ComputedDeadline("response", new StageKey("submitted"), new DateOnly(2026, 10, 2), new DateOnly(2026, 10, 16), 3, 1, 2)]));

        await InScopeAsync<IFoiRequestRepository>(requests => requests.AddAsync(request, CancellationToken.None));
        var byId = await InScopeAsync<IFoiRequestRepository, FoiRequest?>(requests => requests.GetAsync(request.Id, CancellationToken.None));
        var byNumber = await InScopeAsync<IFoiRequestRepository, FoiRequest?>(requests => requests.GetByNumberAsync(request.Number, CancellationToken.None));

        byId.Should().BeEquivalentTo(request);
        byNumber.Should().BeEquivalentTo(request);
        byId!.CreatedAt.Offset.Should().Be(TimeSpan.Zero);
        byId.StageEnteredAt.Should().Be(Instant(2026, 11, 20, 23, 59, 59.999999), "instants keep their microseconds, as far as both databases store them");
    }

    [SkippableFact]
    public async Task Request_SavedOverANewerVersion_IsRefused_AndTheFirstSaveStands()
    {
        await SendAsync(new LoadSeedsCommand());
        var filed = SubmittedRequest(8);
        await InScopeAsync<IFoiRequestRepository>(requests => requests.AddAsync(filed, CancellationToken.None));
        var first = (await InScopeAsync<IFoiRequestRepository, FoiRequest?>(requests => requests.GetAsync(filed.Id, CancellationToken.None)))!;
        var second = (await InScopeAsync<IFoiRequestRepository, FoiRequest?>(requests => requests.GetAsync(filed.Id, CancellationToken.None)))!;
        var now = Instant(2026, 11, 21);

        first.Apply(new WorkflowEventInput(new EventKind("answered"), now, Outcome: new Outcome("complete")), WorkflowActor.System, now, GeorgianWorkflow);
        second.Apply(new WorkflowEventInput(new EventKind("withdraw"), now), WorkflowActor.System, now, GeorgianWorkflow);
        await InScopeAsync<IFoiRequestRepository>(requests => requests.SaveAsync(first, CancellationToken.None));
        var late = () => InScopeAsync<IFoiRequestRepository>(requests => requests.SaveAsync(second, CancellationToken.None));

        await late.Should().ThrowAsync<ConflictException>();
        var stored = await InScopeAsync<IFoiRequestRepository, FoiRequest?>(requests => requests.GetAsync(filed.Id, CancellationToken.None));
        stored!.Stage.Should().Be(new StageKey("answered"));
        stored.ActiveTimers.Should().BeEmpty();
        stored.LastTimelineSeq.Should().Be(3);
    }

    [SkippableFact]
    public async Task Requests_SavedTogetherWithOneStale_AreAllRefused_NamingTheStaleOne()
    {
        await SendAsync(new LoadSeedsCommand());
        var (fresh, stale) = (SubmittedRequest(11), SubmittedRequest(12));
        await InScopeAsync<IFoiRequestRepository>(requests => requests.AddAsync(fresh, CancellationToken.None));
        await InScopeAsync<IFoiRequestRepository>(requests => requests.AddAsync(stale, CancellationToken.None));
        var loaded = await InScopeAsync<IFoiRequestRepository, IReadOnlyList<FoiRequest>>(
            requests => LoadBothAsync(requests, fresh.Id, stale.Id));
        var now = Instant(2026, 11, 21);
        var other = (await InScopeAsync<IFoiRequestRepository, FoiRequest?>(requests => requests.GetAsync(stale.Id, CancellationToken.None)))!;
        other.Apply(new WorkflowEventInput(new EventKind("withdraw"), now), WorkflowActor.System, now, GeorgianWorkflow);
        await InScopeAsync<IFoiRequestRepository>(requests => requests.SaveAsync(other, CancellationToken.None));

        foreach (var request in loaded)
            request.Apply(new WorkflowEventInput(new EventKind("answered"), now, Outcome: new Outcome("complete")), WorkflowActor.System, now, GeorgianWorkflow);
        var late = () => InScopeAsync<IFoiRequestRepository>(requests => requests.SaveManyAsync(loaded, CancellationToken.None));

        (await late.Should().ThrowAsync<ConflictException>()).WithMessage($"*{stale.Number}*");
        var stored = await InScopeAsync<IFoiRequestRepository, IReadOnlyList<FoiRequest>>(
            requests => LoadBothAsync(requests, fresh.Id, stale.Id));
        stored.Single(request => request.Id == fresh.Id).Stage.Should().Be(new StageKey("submitted"));
        stored.Single(request => request.Id == fresh.Id).LastTimelineSeq.Should().Be(2);
        stored.Single(request => request.Id == stale.Id).Stage.Should().Be(new StageKey("withdrawn"));
    }

    private static async Task<IReadOnlyList<FoiRequest>> LoadBothAsync(IFoiRequestRepository requests, RequestId first, RequestId second) =>
        [(await requests.GetAsync(first, CancellationToken.None))!, (await requests.GetAsync(second, CancellationToken.None))!];

    [SkippableFact]
    public async Task Outbox_ClaimsPendingRowsInOrder_AndADispatchedRowIsNotClaimedAgain()
    {
        await SendAsync(new LoadSeedsCommand());
        var filed = FoiRequest.File(
            RequestId.New(), RequestNumber.From(2026, 9), PublicBodyKey.Create("ge-gori-city-hall"), "ge-gac", "S", "T",
            new Requester("A", null, "Gori"), null, WorkflowActor.System, Instant(2026, 11, 20), Instant(2026, 11, 20), GeorgianWorkflow);
        await InScopeAsync<IFoiRequestRepository>(requests => requests.AddAsync(filed, CancellationToken.None));

        var pending = await InScopeAsync<IOutboxStore, IReadOnlyList<OutboxMessage>>(outbox => outbox.ClaimPendingAsync(Instant(2026, 11, 21), 10, CancellationToken.None));
        pending.Should().ContainSingle(message => message.Kind == "letter" && message.Name == "request" && message.RequestId == filed.Id.Value);
        await InScopeAsync<IOutboxStore>(outbox => outbox.MarkDispatchedAsync(pending[0].Id, Instant(2026, 11, 21), CancellationToken.None));

        (await InScopeAsync<IOutboxStore, IReadOnlyList<OutboxMessage>>(outbox => outbox.ClaimPendingAsync(Instant(2026, 11, 22), 10, CancellationToken.None)))
            .Should().BeEmpty();
    }

    [SkippableFact]
    public async Task Letters_AWorkflowStepProducesItsLetter_StoredOncePerContentHash_AndReadBackByteForByte()
    {
        await SendAsync(new LoadSeedsCommand());
        var filed = FoiRequest.File(
            RequestId.New(), RequestNumber.From(2026, 11), PublicBodyKey.Create("ge-gori-city-hall"), "ge-gac", "ბიუჯეტი 2025", "გთხოვთ, გამომიგზავნოთ 2025 წლის ბიუჯეტი (budget, GEL).",
            new Requester("ნინო ბერიძე", null, "გორი"), null, WorkflowActor.System, Instant(2026, 11, 20), Instant(2026, 11, 20), GeorgianWorkflow);
        await InScopeAsync<IFoiRequestRepository>(requests => requests.AddAsync(filed, CancellationToken.None));

        await SendAsync(new DispatchOutboxCommand(10));

        var letters = await InScopeAsync<ILetterStore, IReadOnlyList<LetterDto>>(store => store.ListAsync(filed.Id.Value, CancellationToken.None));
        var letter = letters.Should().ContainSingle().Subject;
        letter.Kind.Should().Be("request");
        letter.Language.Should().Be("ka");
        letter.Source.Should().Be("workflow");
        letter.TimelineSeq.Should().NotBeNull();
        var content = await InScopeAsync<ILetterStore, LetterContent?>(store => store.GetContentAsync(filed.Id.Value, letter.Id, CancellationToken.None));
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content!.Bytes)).Should().Be(letter.ContentHash);
        content.Bytes.Length.Should().Be(letter.Size);

        var again = await InScopeAsync<ILetterStore, LetterDto>(store => store.SaveAsync(
            new NewLetter(Guid.NewGuid(), filed.Id.Value, "request", "ka", "body", letter.ContentHash, content.Bytes, 1, Instant(2026, 11, 25), null, "on_demand", null),
            CancellationToken.None));
        again.Id.Should().Be(letter.Id, "a request holds a letter once per content hash");
        again.Source.Should().Be("workflow");
    }

    [SkippableFact]
    public async Task Requests_AreClaimedWhenTheirEarliestTimerIsDue_InDueOrder_AndNotBefore()
    {
        await SendAsync(new LoadSeedsCommand());
        var first = FoiRequest.File(
            RequestId.New(), RequestNumber.From(2026, 10), PublicBodyKey.Create("ge-gori-city-hall"), "ge-gac", "S", "T",
            new Requester("A", null, "Gori"), null, WorkflowActor.System, Instant(2026, 11, 4), Instant(2026, 11, 2, 9), GeorgianWorkflow);
        var second = FoiRequest.File(
            RequestId.New(), RequestNumber.From(2026, 11), PublicBodyKey.Create("ge-gori-city-hall"), "ge-gac", "S", "T",
            new Requester("A", null, "Gori"), null, WorkflowActor.System, Instant(2026, 11, 4), Instant(2026, 11, 3, 9), GeorgianWorkflow);
        var draft = FoiRequest.File(
            RequestId.New(), RequestNumber.From(2026, 12), PublicBodyKey.Create("ge-gori-city-hall"), "ge-gac", "S", "T",
            new Requester("A", null, "Gori"), null, WorkflowActor.System, Instant(2026, 11, 4), submittedAt: null, GeorgianWorkflow);
        foreach (var request in new[] { second, draft, first })
            await InScopeAsync<IFoiRequestRepository>(requests => requests.AddAsync(request, CancellationToken.None));
        var firstDue = first.NextTimerDueAt!.Value;
        var secondDue = second.NextTimerDueAt!.Value;
        firstDue.Should().BeBefore(secondDue);

        var before = await ClaimAsync(firstDue.AddMinutes(-1), 10);
        var onlyFirst = await ClaimAsync(firstDue, 10);
        var both = await ClaimAsync(Instant(2026, 12, 31), 10);
        var limited = await ClaimAsync(Instant(2026, 12, 31), 1);

        before.Should().BeEmpty();
        onlyFirst.Select(request => request.Id).Should().Equal(first.Id);
        both.Select(request => request.Id).Should().Equal(first.Id, second.Id);
        limited.Select(request => request.Id).Should().Equal(first.Id);

        // The armed timers and deadlines come back from the request's row exactly as they were armed.
        var loaded = both[0];
        loaded.ActiveTimers.Should().Equal(first.ActiveTimers.OrderBy(timer => timer.DueAt));
        loaded.Deadlines.Should().BeEquivalentTo(first.Deadlines);
        loaded.NextTimerDueAt.Should().Be(firstDue);
        loaded.LastTimelineSeq.Should().Be(first.LastTimelineSeq);
    }

    [SkippableFact]
    public async Task AClaim_HoldsItsRequestsUntilItsTransactionEnds_AndNeedsOne()
    {
        await SendAsync(new LoadSeedsCommand());
        var filed = Enumerable.Range(30, 4).Select(number => FoiRequest.File(
            RequestId.New(), RequestNumber.From(2026, number), PublicBodyKey.Create("ge-gori-city-hall"), "ge-gac", "S", "T",
            new Requester("A", null, "Gori"), null, WorkflowActor.System, Instant(2026, 11, 4), Instant(2026, 11, 2, 9), GeorgianWorkflow)).ToList();
        foreach (var request in filed)
            await InScopeAsync<IFoiRequestRepository>(requests => requests.AddAsync(request, CancellationToken.None));

        await using var first = Services.CreateAsyncScope();
        var outside = () => first.ServiceProvider.GetRequiredService<IDueRequests>().ClaimAsync(Instant(2026, 12, 31), 2, CancellationToken.None);
        await outside.Should().ThrowAsync<InvalidOperationException>("a claim holds nothing without a transaction");
        await first.ServiceProvider.GetRequiredService<IUnitOfWork>().BeginAsync(CancellationToken.None);
        var held = await first.ServiceProvider.GetRequiredService<IDueRequests>().ClaimAsync(Instant(2026, 12, 31), 2, CancellationToken.None);
        held.Should().HaveCount(2);

        // A second worker: on PostgreSQL it skips the locked rows; on SQLite its transaction waits for the first to end.
        var second = Task.Run(() => ClaimAsync(Instant(2026, 12, 31), 10));
        if (Provider == DatabaseProvider.Postgres)
        {
            (await second).Select(request => request.Id).Should().BeEquivalentTo(filed.Select(request => request.Id).Except(held.Select(request => request.Id)));
            await first.ServiceProvider.GetRequiredService<IUnitOfWork>().CommitAsync(CancellationToken.None);
            return;
        }

        await Task.Delay(300);
        second.IsCompleted.Should().BeFalse("SQLite's writer lock is held from the start of the first transaction");
        await first.ServiceProvider.GetRequiredService<IUnitOfWork>().CommitAsync(CancellationToken.None);
        (await second).Should().HaveCount(4);
    }

    [SkippableFact]
    public async Task RowStatements_BindValuesAsDapperDoes_AndCountEachRowsChanges()
    {
        var (id, instant, day) = Provider == DatabaseProvider.Postgres ? ("uuid", "timestamptz", "date") : ("TEXT", "TEXT", "TEXT");
        await ExecuteAsync($"CREATE TABLE row_probe (id {id} PRIMARY KEY, at {instant} NOT NULL, day {day}, word TEXT, n INTEGER NOT NULL)");
        var rows = Enumerable.Range(1, 3)
            .Select(i => new { Id = Guid.NewGuid(), At = new DateTimeOffset(2026, 3, i, 23, 30, 0, TimeSpan.FromHours(4)), Day = i == 2 ? (DateOnly?)null : new DateOnly(2026, 3, i), Word = i == 2 ? null : "ნ" + i, N = i })
            .ToList();

        await InScopeAsync<DbSession>(async session =>
        {
            var each = Services.GetRequiredService<IRowStatements>();
            (await each.ExecuteAsync(session, "INSERT INTO row_probe (id, at, day, word, n) VALUES (@Id, @At, @Day, @Word, @N)", rows, CancellationToken.None))
                .Should().Equal(1, 1, 1);
            // The middle row's condition matches nothing: its count says so, and the others are still written.
            var changes = rows.Select(row => (object)new { row.Id, N = row.N == 2 ? 99 : row.N, Word = "x" + row.N }).ToList();
            (await each.ExecuteAsync(session, "UPDATE row_probe SET word = @Word WHERE id = @Id AND n = @N", changes, CancellationToken.None))
                .Should().Equal(1, 0, 1);
        });

        // Found again through values Dapper binds: the same stored forms of an id, an instant and a date.
        foreach (var row in rows)
        {
            await using var connection = await Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
            var word = await connection.QuerySingleOrDefaultAsync<string>(
                "SELECT word FROM row_probe WHERE id = @Id AND at = @At AND (day = @Day OR (day IS NULL AND @Day IS NULL))",
                new { row.Id, row.At, row.Day });
            word.Should().Be(row.N == 2 ? null : "x" + row.N, $"row {row.N} is stored as Dapper would have stored it");
        }
    }

    [SkippableFact]
    public async Task RowStatements_LeaveAnAtSignInQuotedText_AsText()
    {
        var id = Provider == DatabaseProvider.Postgres ? "uuid" : "TEXT";
        await ExecuteAsync($"CREATE TABLE row_probe (id {id} PRIMARY KEY, word TEXT, n INTEGER NOT NULL)");
        var row = new { Id = Guid.NewGuid(), Word = "ნ", N = 7 };

        await InScopeAsync<DbSession>(async session =>
            (await Services.GetRequiredService<IRowStatements>().ExecuteAsync(
                session, "INSERT INTO row_probe (id, word, n) VALUES (@Id, 'mail @Word ' || @Word, @N)", [row], CancellationToken.None))
            .Should().Equal(1));

        await using var connection = await Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        (await connection.QuerySingleAsync<string>("SELECT word FROM row_probe WHERE n = 7")).Should().Be("mail @Word ნ");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(sql);
    }

    /// <summary>A claim in a transaction of its own, rolled back.</summary>
    private async Task<IReadOnlyList<FoiRequest>> ClaimAsync(DateTimeOffset now, int limit)
    {
        await using var scope = Services.CreateAsyncScope();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
        await unitOfWork.BeginAsync(CancellationToken.None);
        var claimed = await scope.ServiceProvider.GetRequiredService<IDueRequests>().ClaimAsync(now, limit, CancellationToken.None);
        await unitOfWork.RollbackAsync(CancellationToken.None);
        return claimed;
    }

    [SkippableFact]
    public async Task Request_SavedTwiceInOneScope_IsStoredAsItStandsAfterTheSecond()
    {
        await SendAsync(new LoadSeedsCommand());
        var filed = FoiRequest.File(
            RequestId.New(), RequestNumber.From(2026, 20), PublicBodyKey.Create("ge-gori-city-hall"), "ge-gac", "S", "T",
            new Requester("A", null, "Gori"), null, WorkflowActor.System, Instant(2026, 11, 20), Instant(2026, 11, 20), GeorgianWorkflow);
        await InScopeAsync<IFoiRequestRepository>(requests => requests.AddAsync(filed, CancellationToken.None));

        await InScopeAsync<IFoiRequestRepository>(async requests =>
        {
            var request = (await requests.GetAsync(filed.Id, CancellationToken.None))!;
            request.Apply(new WorkflowEventInput(new EventKind("clarification_requested"), Instant(2026, 11, 23)), WorkflowActor.System, Instant(2026, 11, 25), GeorgianWorkflow);
            await requests.SaveAsync(request, CancellationToken.None);
            request.Apply(new WorkflowEventInput(new EventKind("clarification_answered"), Instant(2026, 11, 24)), WorkflowActor.System, Instant(2026, 11, 25), GeorgianWorkflow);
            await requests.SaveAsync(request, CancellationToken.None);
        });

        var stored = (await InScopeAsync<IFoiRequestRepository, FoiRequest?>(requests => requests.GetAsync(filed.Id, CancellationToken.None)))!;
        stored.Stage.Should().Be(new StageKey("submitted_resumed"));
        stored.StageEnteredAt.Should().Be(Instant(2026, 11, 24));
        stored.SubmittedAt.Should().Be(Instant(2026, 11, 20));
        stored.Version.Should().Be(3);
        stored.NextTimerDueAt.Should().Be(stored.ActiveTimers.Min(timer => timer.DueAt));
    }

    [SkippableFact]
    public async Task Request_ForAnUnknownBody_IsRejectedByTheDatabase()
    {
        var request = FoiRequest.File(
            RequestId.New(), RequestNumber.From(2026, 1), PublicBodyKey.Create("ge-nowhere"), "ge-gac", "S", "T",
            new Requester("A", null, "Gori"), null, WorkflowActor.System, Instant(2026, 1, 10), submittedAt: null, GeorgianWorkflow);

        var add = () => InScopeAsync<IFoiRequestRepository>(requests => requests.AddAsync(request, CancellationToken.None));

        await add.Should().ThrowAsync<DbException>();
    }

    [SkippableFact]
    public async Task RequestNumbers_CountPerYear_AndAreNeverHandedOutTwiceUnderConcurrency()
    {
        var first2026 = await AllocateAsync(2026);
        var first2027 = await AllocateAsync(2027);
        var second2026 = await AllocateAsync(2026);

        // Four writers at once, each taking numbers in its own transactions.
        var parallel = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var taken = new List<string>();
            for (var i = 0; i < 10; i++)
                taken.Add((await AllocateAsync(2026)).Value);
            return taken;
        })));

        first2026.Value.Should().Be("2026-000001");
        first2027.Value.Should().Be("2027-000001");
        second2026.Value.Should().Be("2026-000002");
        var all = parallel.SelectMany(numbers => numbers).ToList();
        all.Should().OnlyHaveUniqueItems().And.HaveCount(40);
        all.Max().Should().Be("2026-000042");
    }

    [SkippableFact]
    public async Task Transaction_RolledBack_LeavesNoTrace()
    {
        await using (var scope = Services.CreateAsyncScope())
        {
            var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
            await unitOfWork.BeginAsync(CancellationToken.None);
            await scope.ServiceProvider.GetRequiredService<IJurisdictionRepository>().UpsertAsync(
                new Jurisdiction(Georgia, new LocalizedText("საქართველო", "Georgia"), "ge-gac", "Asia/Tbilisi"), CancellationToken.None);
            await unitOfWork.RollbackAsync(CancellationToken.None);
        }

        var stored = await InScopeAsync<IJurisdictionRepository, Jurisdiction?>(repository => repository.GetAsync(Georgia, CancellationToken.None));
        stored.Should().BeNull();
    }

    /// <summary>A request to Gori City Hall, sent on 20 November 2026, numbered 2026-<paramref name="sequence"/>.</summary>
    protected FoiRequest SubmittedRequest(long sequence) => FoiRequest.File(
        RequestId.New(), RequestNumber.From(2026, sequence), PublicBodyKey.Create("ge-gori-city-hall"), "ge-gac", "S", "T",
        new Requester("A", null, "Gori"), null, WorkflowActor.System, Instant(2026, 11, 20), Instant(2026, 11, 20), GeorgianWorkflow);

    protected IWorkflowContext GeorgianWorkflow => Services.GetRequiredService<WorkflowContexts>().For("ge-gac", null);

    [SkippableFact]
    public async Task Outbox_PendingRow_IsClaimedDispatchedAndNotClaimedAgain()
    {
        var id = Guid.NewGuid();
        var created = new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);
        await using (var connection = await Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None))
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO outbox (id, dedup_key, request_id, kind, name, recipient, payload, created_at, available_at, dispatched_at, attempts, last_error)
                VALUES (@Id, 'contract/outbox', NULL, 'notify', 'contract', 'staff@example.org', '{}', @Created, @Created, NULL, 0, NULL)
                """,
                new { Id = id, Created = created });
        }

        var first = await SendAsync(new DispatchOutboxCommand(10));
        var second = await SendAsync(new DispatchOutboxCommand(10));

        first.Should().Be(new DispatchResult(1, 0, false));
        second.Should().Be(new DispatchResult(0, 0, false));
        var attempts = await QueryAsync<long>("SELECT attempts FROM outbox WHERE dispatched_at IS NOT NULL");
        attempts.Should().Equal(1L);
    }

    protected async Task<RequestNumber> AllocateAsync(int year)
    {
        await using var scope = Services.CreateAsyncScope();
        var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
        await unitOfWork.BeginAsync(CancellationToken.None);
        var number = await scope.ServiceProvider.GetRequiredService<IRequestNumberAllocator>().NextAsync(year, CancellationToken.None);
        await unitOfWork.CommitAsync(CancellationToken.None);
        return number;
    }

    private Task AddGeorgiaAsync() =>
        InScopeAsync<IJurisdictionRepository>(repository => repository.UpsertAsync(
            new Jurisdiction(Georgia, new LocalizedText("საქართველო", "Georgia"), "ge-gac", "Asia/Tbilisi"), CancellationToken.None));

    protected async Task<TResponse> SendAsync<TResponse>(ICommand<TResponse> command)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
    }

    private async Task InScopeAsync<TService>(Func<TService, Task> action)
        where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private async Task<TResult> InScopeAsync<TService, TResult>(Func<TService, Task<TResult>> action)
        where TService : notnull
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql)
    {
        await using var connection = await Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync<T>(sql)).AsList();
    }

    /// <summary>Every seeded row as text, in key order, to compare two loads.</summary>
    private async Task<IReadOnlyList<string>> DumpAsync()
    {
        var jurisdictions = await QueryAsync<string>(
            "SELECT code || '|' || name_ka || '|' || name_en || '|' || statute_id || '|' || time_zone FROM jurisdictions ORDER BY code");
        var bodies = await QueryAsync<string>(
            "SELECT key || '|' || jurisdiction || '|' || kind || '|' || name_ka || '|' || name_en || '|' || COALESCE(address_ka, '') || '|' || " +
            "COALESCE(website, '') || '|' || COALESCE(foi_email, '') || '|' || COALESCE(parent_key, '') || '|' || COALESCE(complaints_to_key, '') || '|' || " +
            "COALESCE(court_key, '') || '|' || COALESCE(complaint_basis, '') || '|' || search_text FROM public_bodies ORDER BY key");
        return [.. bodies, .. jurisdictions];
    }

    protected static DateTimeOffset Instant(int year, int month, int day, int hour = 0, int minute = 0, double seconds = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.Zero).AddTicks((long)Math.Round(seconds * TimeSpan.TicksPerSecond));
}

public sealed class SqliteRepositoryTests : RepositoryContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    [SkippableFact]
    public async Task ANumber_TakenByAFilingThatRollsBack_IsGivenAgain()
    {
        await AllocateAsync(2026);
        await using (var scope = Services.CreateAsyncScope())
        {
            var unitOfWork = scope.ServiceProvider.GetRequiredService<IUnitOfWork>();
            await unitOfWork.BeginAsync(CancellationToken.None);
            (await scope.ServiceProvider.GetRequiredService<IRequestNumberAllocator>().NextAsync(2026, CancellationToken.None))
                .Value.Should().Be("2026-000002");
            await unitOfWork.RollbackAsync(CancellationToken.None);
        }

        (await AllocateAsync(2026)).Value.Should().Be("2026-000002");
    }
}

public sealed class PostgresRepositoryTests : RepositoryContract
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    [SkippableFact]
    public async Task ANumber_IsNotHeldByTheOpenFilingThatTookIt_AndIsNotGivenAgainIfThatFilingRollsBack()
    {
        await using (var open = Services.CreateAsyncScope())
        {
            var unitOfWork = open.ServiceProvider.GetRequiredService<IUnitOfWork>();
            await unitOfWork.BeginAsync(CancellationToken.None);
            (await open.ServiceProvider.GetRequiredService<IRequestNumberAllocator>().NextAsync(2026, CancellationToken.None))
                .Value.Should().Be("2026-000001");

            // Another filing, on any node, gets the next number while the first is still open.
            var next = AllocateAsync(2026);
            (await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(10)))).Should().BeSameAs(next, "the number's lock is not held to the end of the first filing");
            (await next).Value.Should().Be("2026-000002");
            await unitOfWork.RollbackAsync(CancellationToken.None);
        }

        (await AllocateAsync(2026)).Value.Should().Be("2026-000003", "a number once given is never given again, even to replace a filing that failed");
    }

    [SkippableFact]
    public async Task Numbers_KeepTheServerOptionsOfTheOperatorsConnectionString()
    {
        var options = Services.GetRequiredService<DatabaseOptions>();
        await using (var connection = new Npgsql.NpgsqlConnection(options.ConnectionString))
        {
            await connection.ExecuteAsync(
                "CREATE SCHEMA tenant; CREATE TABLE tenant.request_counters (LIKE public.request_counters INCLUDING ALL); INSERT INTO tenant.request_counters VALUES (2026, 41)");
        }

        var withOptions = new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString) { Options = "-c search_path=tenant" };
        await using var numbers = new PostgresRequestNumbers(new DatabaseOptions
        {
            Provider = DatabaseProvider.Postgres, ConnectionString = withOptions.ConnectionString, DataDirectory = options.DataDirectory,
        });

        (await numbers.NextAsync(2026, CancellationToken.None)).Value.Should().Be("2026-000042", "the counter is read where the operator's search_path says");
    }
}

using FoiTracker.Application.Requests;
using FoiTracker.Application.Requests.FileRequest;
using FoiTracker.Application.Requests.RecordEvent;
using FoiTracker.Application.Staff;
using FoiTracker.Application.Staff.Queue;
using FoiTracker.Application.Tests.Workflows;
using FoiTracker.Domain.Users;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Application.Tests.Staff;

/// <summary>
/// Which cases the staff queue holds and in what order, on both databases: open cases only, overdue first
/// (the longest overdue first), then by the next deadline still running, a case without one last.
/// </summary>
public abstract class StaffQueueOrderTests : WorkflowTestBase
{
    private static readonly RequestActor Eka = new(Guid.Parse("0194a000-0000-7000-8000-0000000057b1"), "Eka", Role.Staff);

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ExecuteAsync(
            "INSERT INTO users (id, email, email_normalized, display_name, role, password_hash, created_at) VALUES (@Id, 'eka@example.ge', 'eka@example.ge', @Name, 'staff', 'x', @At)",
            new { Id = Eka.UserId, Eka.Name, At = Clock.GetUtcNow() });
    }

    [SkippableFact]
    public async Task ClosedAndWithdrawnCases_LeaveTheQueue_AndTheRestAreOrderedByTheirNextDeadline()
    {
        var overdueLonger = await FileAsync(new DateTimeOffset(2026, 10, 14, 9, 0, 0, TimeSpan.FromHours(4)));
        var overdue = await FileAsync(new DateTimeOffset(2026, 10, 21, 9, 0, 0, TimeSpan.FromHours(4)));
        var today = await FileAsync(null);
        // Sent on paper three days ago: its answer is due before that of the one filed today, though its number comes later.
        var sentEarlier = await FileAsync(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(4)));
        var withdrawn = await FileAsync(null);
        await SweepAllAsync(Services);
        await SendAsync(new RecordEventCommand(withdrawn.Id, "withdraw", Citizen));
        await SendAsync(new RecordEventCommand(overdueLonger.Id, "close", Eka));

        var queue = await QueryAsync(new StaffQueueQuery(null, null, false, null, null, 1, 50, Eka));

        queue.Items.Select(item => item.Number).Should().Equal(overdue.Number, sentEarlier.Number, today.Number);
        queue.Total.Should().Be(3);
        queue.Items[1].NextDue.Should().BeBefore(queue.Items[2].NextDue!.Value);
        (await QueryAsync(new StaffQueueQuery(null, null, false, null, null, 2, 2, Eka))).Items.Select(item => item.Number).Should().Equal(today.Number);
    }

    [SkippableFact]
    public async Task AnAnswer_MovesACaseToTheDeadlineItNowRuns_OrToTheEndWhenItRunsNone()
    {
        var sentEarlier = await FileAsync(new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.FromHours(4)));
        var today = await FileAsync(null);
        (await NumbersAsync(null)).Should().Equal(sentEarlier.Number, today.Number);

        await SendAsync(new RecordEventCommand(sentEarlier.Id, "answered", Citizen, Outcome: "complete"));
        await SendAsync(new RecordEventCommand(today.Id, "answered", Citizen, Outcome: "refused"));

        var queue = await QueryAsync(new StaffQueueQuery(null, null, false, null, null, 1, 50, Eka));
        queue.Items.Select(item => item.Number).Should().Equal(today.Number, sentEarlier.Number);
        queue.Items[1].NextDue.Should().BeNull("a complete answer leaves no deadline running");
        // A refusal settles the response deadline and starts two: written reasons (GAC 41) and the window to complain.
        var running = await RowsAsync<DateOnly>("SELECT due FROM request_deadlines WHERE request_id = @Id AND status = 'open'", new { today.Id });
        running.Should().HaveCount(2);
        queue.Items[0].NextDue.Should().Be(running.Min());
    }

    [SkippableFact]
    public async Task ADraft_WithNoDeadline_ComesLast_AndABodysQueueHoldsOnlyItsCases()
    {
        var draft = await SendAsync(new FileRequestCommand(TestSeeds.VerifiedCityHall, "Budget 2026", "Please send the draft budget.", "Nino Beridze",
            "nino@example.ge", null, null, Draft: true, Citizen));
        var overdue = await FileAsync(new DateTimeOffset(2026, 10, 21, 9, 0, 0, TimeSpan.FromHours(4)));
        var today = await FileAsync(null);
        var elsewhere = await FileAsync(null, "ge-gori-city-hall");
        await SweepAllAsync(Services);

        // The draft and the request waiting to be printed run no deadline yet: they come last, by number.
        (await NumbersAsync(null)).Should().Equal(overdue.Number, today.Number, draft.Number, elsewhere.Number);
        (await NumbersAsync(TestSeeds.VerifiedCityHall)).Should().Equal(overdue.Number, today.Number, draft.Number);
        var ofGori = await QueryAsync(new StaffQueueQuery("ge-gori-city-hall", null, false, null, null, 1, 50, Eka));
        ofGori.Items.Select(item => item.Number).Should().Equal(elsewhere.Number);
        ofGori.Total.Should().Be(1);
    }

    [SkippableFact]
    public async Task WordsAreFoundInEveryRequest_TheLatestMatchesUpToTheLimit_ANumberAmongAll_AndTheCountStopsPastItsLimit()
    {
        var filed = await FileMinutesApartAsync(3);
        var (oldest, older, latest) = (filed[0], filed[1], filed[2]);

        await using var scope = Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IStaffCaseStore>();
        QueueFilter Filter(string? text, int countedUpTo, int matchedUpTo = 10) =>
            new(null, null, false, null, false, text, 1, 50, MatchedUpTo: matchedUpTo, CountedUpTo: countedUpTo);

        var words = await store.QueueAsync(Filter("budget", 10), CancellationToken.None);
        words.Items.Select(item => item.Number).Should().BeEquivalentTo([oldest.Number, older.Number, latest.Number]);
        words.Total.Should().Be(3);
        var bounded = await store.QueueAsync(Filter("BUDGET", 10, matchedUpTo: 1), CancellationToken.None);
        bounded.Items.Select(item => item.Number).Should().BeEquivalentTo([older.Number, latest.Number], "the latest match and one past the limit, which says there are more");
        bounded.Total.Should().Be(2);
        (await store.QueueAsync(Filter(oldest.Number, 10), CancellationToken.None)).Items.Select(item => item.Number).Should().Equal(oldest.Number);
        var counted = await store.QueueAsync(Filter(null, 2), CancellationToken.None);
        counted.Total.Should().Be(3, "one past the limit says there are more than two");
        counted.Items.Should().HaveCount(3, "the limit bounds the count, not the page");
        (await store.QueueAsync(Filter(null, 3), CancellationToken.None)).Total.Should().Be(3);
    }

    [SkippableFact]
    public async Task AnOldRequest_IsFoundByAPieceOfAGeorgianWord_OrOfTheName_WhateverTheNewerOnesSay()
    {
        var georgian = await SendAsync(new FileRequestCommand(TestSeeds.VerifiedCityHall, "ბიუჯეტის შესრულების ანგარიში", "გთხოვთ, მოგვაწოდოთ ანგარიში.",
            "თამარ ქავთარაძე", "tamar@example.ge", null, null, Draft: false, Citizen));
        Clock.Advance(TimeSpan.FromMinutes(1));
        var newer = await FileMinutesApartAsync(3);

        await using var scope = Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IStaffCaseStore>();
        async Task<IReadOnlyList<string>> FoundAsync(string text) =>
            (await store.QueueAsync(new QueueFilter(null, null, false, null, false, text, 1, 50, MatchedUpTo: 2), CancellationToken.None))
                .Items.Select(item => item.Number).ToList();

        (await FoundAsync("ბიუჯეტ")).Should().Equal(georgian.Number);
        (await FoundAsync("შესრულების ანგ")).Should().Equal(georgian.Number);
        (await FoundAsync("ქავთარ")).Should().Equal(georgian.Number);
        (await FoundAsync("ბიუჯეტი")).Should().Equal(georgian.Number);
        (await FoundAsync("ბიუჯეტში")).Should().BeEmpty("the subject says ბიუჯეტის, not ბიუჯეტში");
        (await FoundAsync("Beridze")).Should().HaveCount(3).And.NotContain(georgian.Number);
        (await FoundAsync("ze")).Should().HaveCount(3, "two letters are looked for too").And.Contain(newer[^1].Number);
        (await FoundAsync("100%")).Should().BeEmpty("a per cent sign is a letter to look for, not a wildcard");
        (await FoundAsync("\"budget")).Should().BeEmpty("a quotation mark is a letter to look for too");
    }

    [SkippableFact]
    public async Task MailProblems_ShowTheCasesWithAFailedMailOrAnEffectGivenUp_AndNoOther()
    {
        var filed = await FileMinutesApartAsync(3);
        var (bounced, givenUp) = (filed[0], filed[2]);
        await ExecuteAsync(
            """
            INSERT INTO mail_outgoing (id, dedup_key, request_id, kind, message_id, from_address, to_address, subject, text_body, language,
                                       attachments, status, attempts, created_at, available_at)
            VALUES (@Id, 'test:bounced', @Request, 'letter', 'bounced@example.ge', 'service@example.ge', 'body@example.ge', 'Subject', 'Text', 'en',
                    '[]', 'bounced', 1, @At, @At)
            """,
            new { Id = Guid.NewGuid(), Request = bounced.Id, At = Clock.GetUtcNow() });
        await ExecuteAsync(
            """
            INSERT INTO outbox (id, dedup_key, request_id, kind, name, recipient, payload, created_at, available_at, attempts, failed_at, last_error)
            VALUES (@Id, 'test:given-up', @Request, 'letter', 'chaser', 'body', '{}', @At, @At, 5, @At, 'no readable letter')
            """,
            new { Id = Guid.NewGuid(), Request = givenUp.Id, At = Clock.GetUtcNow() });

        var queue = await QueryAsync(new StaffQueueQuery(null, null, true, null, null, 1, 50, Eka));

        queue.Items.Select(item => item.Number).Should().Equal(bounced.Number, givenUp.Number);
        queue.Items.Should().OnlyContain(item => item.MailProblem);
        queue.Total.Should().Be(2);
        (await NumbersAsync(null)).Should().HaveCount(3, "without the filter the case with no problem is listed too");
    }

    private async Task<IReadOnlyList<string>> NumbersAsync(string? body) =>
        (await QueryAsync(new StaffQueueQuery(body, null, false, null, null, 1, 50, Eka))).Items.Select(item => item.Number).ToList();
}

public sealed class SqliteStaffQueueOrderTests : StaffQueueOrderTests;

public sealed class PostgresStaffQueueOrderTests : StaffQueueOrderTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

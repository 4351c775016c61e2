using FoiTracker.Application.Outbox;
using FoiTracker.Application.Outbox.DispatchOutbox;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Requests.GetRequest;
using FoiTracker.Application.Requests.ListRequests;
using FoiTracker.Application.Tests.Mail;
using FoiTracker.Domain.Users;
using FoiTracker.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FoiTracker.Application.Tests.Filing;

/// <summary>
/// An outbox row that fails for a reason no retry can fix is given up at once and puts its request
/// in the staff queue with the reason; a failure that may pass keeps its back-off.
/// </summary>
public abstract class GivenUpEffectTests : MailTestBase
{
    private static readonly RequestActor Staff = new(Guid.Parse("0194a000-0000-7000-8000-0000000057a1"), "Staff", Role.Staff);

    [SkippableFact]
    public async Task A_letter_that_cannot_be_rendered_is_given_up_at_once_and_its_request_joins_the_staff_queue_with_the_reason()
    {
        var filed = await FileAsync(null, VerifiedCityHall);
        // A request filed before letters were checked at filing: its text has the lari sign the font lacks.
        await ExecuteAsync("UPDATE requests SET text = text || ' Fee: 0.05 ₾.' WHERE id = @Id", new { filed.Id });

        var result = await SendAsync(new DispatchOutboxCommand());
        Clock.Advance(TimeSpan.FromHours(3));
        await DispatchAllAsync(Services);

        result.Failed.Should().Be(1);
        var row = (await RowsAsync<OutboxRow>("SELECT attempts AS Attempts, failed_at AS FailedAt, dispatched_at AS DispatchedAt, last_error AS LastError FROM outbox WHERE name = 'request'")).Single();
        row.Attempts.Should().Be(1, "no retry can fix it, so none is made");
        row.FailedAt.Should().NotBeNull();
        row.DispatchedAt.Should().BeNull();
        row.LastError.Should().Contain("U+20BE");
        (await MailsAsync()).Should().BeEmpty();

        var queue = await QueryAsync(new ListRequestsQuery(null, null, null, 1, 20, Staff, MailProblem: true));
        var item = queue.Items.Should().ContainSingle().Subject;
        item.Id.Should().Be(filed.Id);
        item.MailProblem.Should().BeTrue();
        item.MailProblemReason.Should().Contain("U+20BE").And.Contain("GEL");
        var request = await QueryAsync(new GetRequestQuery(filed.Id, Staff));
        request.Timeline.Should().ContainSingle(entry => entry.Kind == DispatchOutboxHandler.GivenUpKind)
            .Which.Detail.Should().Contain("The request letter to the body could not be made").And.Contain("U+20BE").And.Contain("will not be tried again");
    }

    [SkippableFact]
    public async Task A_letter_row_whose_payload_cannot_be_read_is_given_up_rather_than_recorded_as_done()
    {
        var filed = await FileAsync(null, VerifiedCityHall);
        await DispatchAllAsync(Services);
        await ExecuteAsync(
            """
            INSERT INTO outbox (id, dedup_key, request_id, kind, name, recipient, payload, created_at, available_at, attempts)
            VALUES (@Id, 'test:unreadable', @RequestId, 'letter', 'chaser', 'body', '{ not json', @At, @At, 0)
            """,
            new { Id = Guid.CreateVersion7(), RequestId = filed.Id, At = Clock.GetUtcNow() });

        await DispatchAllAsync(Services);

        (await CountAsync("SELECT COUNT(*) FROM outbox WHERE dedup_key = 'test:unreadable' AND failed_at IS NOT NULL AND dispatched_at IS NULL")).Should().Be(1);
        var queue = await QueryAsync(new ListRequestsQuery(null, null, null, 1, 20, Staff, MailProblem: true));
        queue.Items.Should().ContainSingle().Which.MailProblemReason.Should().Contain("no readable letter payload");
    }

    [SkippableFact]
    public async Task A_failure_that_may_pass_keeps_the_back_off_and_stays_out_of_the_staff_queue()
    {
        await FileAsync(null, VerifiedCityHall);
        await using var flaky = BuildNode(services =>
        {
            services.RemoveAll<IOutboxDispatcher>();
            services.AddSingleton<IOutboxDispatcher, UnreachableDispatcher>();
        });

        var result = await SendAsync(flaky, new DispatchOutboxCommand());

        result.Failed.Should().Be(1);
        var row = (await RowsAsync<OutboxRow>("SELECT attempts AS Attempts, failed_at AS FailedAt, available_at AS AvailableAt FROM outbox WHERE name = 'request'")).Single();
        row.FailedAt.Should().BeNull();
        row.AvailableAt.Should().Be(Clock.GetUtcNow().AddMinutes(1), "the first retry comes a minute later");
        (await QueryAsync(new ListRequestsQuery(null, null, null, 1, 20, Staff, MailProblem: true))).Items.Should().BeEmpty();
    }

    private sealed class UnreachableDispatcher : IOutboxDispatcher
    {
        public bool CanDispatch(OutboxMessage message) => true;

        public Task DispatchAsync(OutboxMessage message, CancellationToken cancellationToken) =>
            throw new TimeoutException("The storage did not answer in time.");
    }

    private sealed class OutboxRow
    {
        public int Attempts { get; init; }
        public DateTimeOffset? FailedAt { get; init; }
        public DateTimeOffset? DispatchedAt { get; init; }
        public DateTimeOffset AvailableAt { get; init; }
        public string? LastError { get; init; }
    }
}

public sealed class SqliteGivenUpEffectTests : GivenUpEffectTests;

public sealed class PostgresGivenUpEffectTests : GivenUpEffectTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

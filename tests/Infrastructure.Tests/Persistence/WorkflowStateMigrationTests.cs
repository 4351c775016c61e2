using Dapper;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Seeds.LoadSeeds;
using FoiTracker.Domain.Requests;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Tests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Infrastructure.Tests.Persistence;

/// <summary>
/// Migration 0012 moves each request's armed timers and deadlines from their tables into the
/// request's row (ADR 012). A request written by the schema before it must come back the same:
/// armed timers, deadlines, the next due instant and the timeline position, with the fired timer
/// kept in the history.
/// </summary>
public sealed class WorkflowStateMigrationTests
{
    private static readonly Guid RequestId = Guid.Parse("0193a000-0000-7000-8000-000000000001");
    private static readonly Guid Reminder = Guid.Parse("0193a000-0000-7000-8000-000000000011");
    private static readonly Guid Deadline = Guid.Parse("0193a000-0000-7000-8000-000000000012");
    private static readonly Guid Fired = Guid.Parse("0193a000-0000-7000-8000-000000000010");
    private static readonly DateTimeOffset Entered = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    [SkippableTheory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ARequestWrittenBeforeTheMove_ComesBackWithItsTimersAndDeadlines(DatabaseProvider provider)
    {
        await using var database = await MigratedDatabase.CreateAsync(provider, through: "0011_lean_sweep_writes.sql");
        var services = database.Services;
        await SeedsBeforeMunicipality.LoadAsync(database);
        await WriteTheOldWayAsync(database.Connection);

        (await database.Migrator.MigrateAsync(CancellationToken.None)).Should().StartWith(["0012_workflow_state_in_request.sql"]);

        await using var reading = services.CreateAsyncScope();
        var request = await reading.ServiceProvider.GetRequiredService<IFoiRequestRepository>().GetAsync(new RequestId(RequestId), CancellationToken.None);
        request!.ActiveTimers.Select(timer => (timer.Id, timer.Kind.Value, timer.Stage.Value, timer.DeadlineKey, timer.DueAt, timer.ArmedAt)).Should().Equal(
            (Reminder, "reminder", "submitted", "response", At(2026, 11, 13, 20), Entered),
            (Deadline, "deadline_passed", "submitted", "response", At(2026, 11, 16, 20), Entered));
        request.Deadlines.Should().ContainSingle().Which.Should().Be(
            new Domain.Workflows.ComputedDeadline("response", new Domain.Workflows.StageKey("submitted"), new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 16), 0, 1, 3));
        request.NextTimerDueAt.Should().Be(At(2026, 11, 13, 20));
        request.LastTimelineSeq.Should().Be(2);

        var record = await reading.ServiceProvider.GetRequiredService<IRequestQueries>().GetAsync(RequestId, CancellationToken.None);
        record!.Timers.Select(timer => (timer.Kind, timer.FiredAt)).Should().Equal(
            ("welcome", At(2026, 11, 3, 8)), ("reminder", null), ("deadline_passed", null));
        (await database.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM request_timers")).Should().Be(1, "only the fired timer stays in the history");
    }

    private static DateTimeOffset At(int year, int month, int day, int hour) => new(year, month, day, hour, 0, 0, TimeSpan.Zero);

    private static async Task WriteTheOldWayAsync(System.Data.Common.DbConnection connection)
    {
        await connection.ExecuteAsync(
            """
            INSERT INTO requests (id, number, body_key, statute_id, statute_version, subject, text, requester_name, requester_address, stage, created_at,
                submitted_at, stage_entered_at, stage_anchor, version)
            VALUES (@Id, '2026-000001', 'ge-gori-city-hall', 'ge-gac', 1, 'S', 'T', 'A', 'Gori', 'submitted', @Entered, @Entered, @Entered, @Anchor, 3)
            """,
            new { Id = RequestId, Entered, Anchor = new DateOnly(2026, 11, 2) });
        foreach (var (seq, kind) in new[] { (1, "filed"), (2, "event:submit") })
        {
            await connection.ExecuteAsync(
                "INSERT INTO timeline (id, request_id, seq, at, kind, actor, statute_version) VALUES (@Id, @Request, @Seq, @At, @Kind, 'system', 1)",
                new { Id = Guid.CreateVersion7(), Request = RequestId, Seq = seq, At = Entered, Kind = kind });
        }

        const string timer =
            """
            INSERT INTO request_timers (id, request_id, kind, stage, deadline_key, due_at, fired_at, created_at)
            VALUES (@Id, @Request, @Kind, 'submitted', @DeadlineKey, @Due, @FiredAt, @Entered)
            """;
        await connection.ExecuteAsync(timer, new { Id = Fired, Request = RequestId, Kind = "welcome", DeadlineKey = (string?)null, Due = At(2026, 11, 3, 8), FiredAt = (DateTimeOffset?)At(2026, 11, 3, 8), Entered });
        await connection.ExecuteAsync(timer, new { Id = Deadline, Request = RequestId, Kind = "deadline_passed", DeadlineKey = "response", Due = At(2026, 11, 16, 20), FiredAt = (DateTimeOffset?)null, Entered });
        await connection.ExecuteAsync(timer, new { Id = Reminder, Request = RequestId, Kind = "reminder", DeadlineKey = "response", Due = At(2026, 11, 13, 20), FiredAt = (DateTimeOffset?)null, Entered });
        await connection.ExecuteAsync(
            """
            INSERT INTO request_deadlines (request_id, key, stage, event_date, due, paused_days, statute_version, calendar_version, computed_at)
            VALUES (@Request, 'response', 'submitted', @Event, @Due, 0, 1, 3, @Entered)
            """,
            new { Request = RequestId, Event = new DateOnly(2026, 11, 2), Due = new DateOnly(2026, 11, 16), Entered });
    }
}

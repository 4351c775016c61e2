using FoiTracker.Domain.Workflows;
using FoiTracker.Infrastructure.Persistence;

namespace FoiTracker.Infrastructure.Tests.Persistence;

/// <summary>The JSON a request's row keeps its armed timers and deadlines in (ADR 012): its exact shape, and what it reads back.</summary>
public sealed class StoredWorkflowStateTests
{
    private static readonly Guid First = Guid.Parse("0194a000-0000-7000-8000-000000000001");
    private static readonly Guid Second = Guid.Parse("0194a000-0000-7000-8000-000000000002");

    [Fact]
    public void TheStateIsWrittenInItsStorageShape_InstantsInUtc()
    {
        var json = StoredWorkflowState.Write(
            [new ArmedTimer(First, new TimerKind("chaser"), new StageKey("overdue"), null, new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.FromHours(4)), new DateTimeOffset(2026, 11, 27, 5, 0, 0, 123, TimeSpan.Zero))],
            [new ComputedDeadline("response", new StageKey("submitted"), new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 16), 3, 1, 2)]);

        json.Should().Be(
            """{"timers":[{"id":"0194a000-0000-7000-8000-000000000001","kind":"chaser","stage":"overdue","deadline":null,"due":"2026-11-30T08:00:00+00:00","armed":"2026-11-27T05:00:00.123+00:00"}]"""
            + ""","deadlines":[{"key":"response","stage":"submitted","event":"2026-11-02","due":"2026-11-16","paused":3,"statute":1,"calendar":2}]}""");
    }

    [Fact]
    public void WhatIsWritten_ReadsBack_WithTheTimersInDueOrder()
    {
        var at = new DateTimeOffset(2026, 11, 27, 5, 0, 0, TimeSpan.Zero);
        ArmedTimer[] timers =
        [
            new(Second, new TimerKind("complaint_reminder"), new StageKey("overdue"), "complaint_filing", at.AddDays(20), at),
            new(First, new TimerKind("chaser"), new StageKey("overdue"), "response", at.AddDays(3), at),
            new(Guid.Parse("0194a000-0000-7000-8000-000000000000"), new TimerKind("chaser_again"), new StageKey("overdue"), null, at.AddDays(3), at),
        ];
        ComputedDeadline[] deadlines =
        [
            new("response", new StageKey("submitted"), new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 16), 0, 1, 1),
            new("complaint_filing", new StageKey("overdue"), new DateOnly(2026, 11, 17), new DateOnly(2026, 12, 17), 0, 1, 1),
        ];

        var (readTimers, readDeadlines) = StoredWorkflowState.Read(StoredWorkflowState.Write(timers, deadlines));

        readTimers.Should().Equal(timers[2], timers[1], timers[0]);
        readDeadlines.Should().Equal(deadlines);
        var empty = StoredWorkflowState.Read(StoredWorkflowState.Empty);
        empty.Timers.Should().BeEmpty();
        empty.Deadlines.Should().BeEmpty();
    }

    [Fact]
    public void TheCheckpointAndTheClocksBasis_AreWrittenOnlyWhenThereAreAny_AndReadBack()
    {
        var entered = new DateTimeOffset(2026, 10, 1, 11, 0, 0, TimeSpan.FromHours(4));
        var checkpoint = new StageCheckpoint(new StageKey("submitted"), entered, new DateOnly(2026, 10, 1), 2, null, null, true,
            [new TimerStep(new StageKey("submitted"), new TimerKind("deadline_passed"), new DateTimeOffset(2026, 10, 16, 20, 0, 0, TimeSpan.Zero))]);

        var json = StoredWorkflowState.Write([], [], checkpoint, clockFromRegistration: true);
        var state = StoredWorkflowState.Read(json);

        json.Should().Contain("\"checkpoint\":{\"stage\":\"submitted\",\"entered\":\"2026-10-01T07:00:00+00:00\"").And.EndWith(",\"clockFrom\":\"registration\"}");
        state.ClockFromRegistration.Should().BeTrue();
        state.Checkpoint.Should().BeEquivalentTo(checkpoint with { EnteredAt = entered.ToUniversalTime() });
        StoredWorkflowState.Write([], []).Should().Be(StoredWorkflowState.Empty);
        StoredWorkflowState.Read(StoredWorkflowState.Empty).Should().Match<StoredWorkflow>(s => s.Checkpoint == null && !s.ClockFromRegistration);
    }

    [Fact]
    public void TheRouteAndTheFlags_AreWrittenWhenTheRequestHasThem_AndReadBack()
    {
        var json = StoredWorkflowState.Write([], [], route: "direct_to_court", flags: [new RequestFlag("refused_without_reasons", "refusal_explanation", new DateOnly(2026, 11, 27))]);

        json.Should().Be(
            """{"timers":[],"deadlines":[],"route":"direct_to_court","flags":[{"key":"refused_without_reasons","deadline":"refusal_explanation","raised":"2026-11-27"}]}""");
        var state = StoredWorkflowState.Read(json);
        state.Route.Should().Be("direct_to_court");
        state.Flags.Should().Equal(new RequestFlag("refused_without_reasons", "refusal_explanation", new DateOnly(2026, 11, 27)));
        StoredWorkflowState.Write([], [], route: null, flags: []).Should().Be(StoredWorkflowState.Empty, "a request without route or flags keeps the short form");
        StoredWorkflowState.Read(StoredWorkflowState.Empty).Route.Should().BeNull();
    }

    [Fact]
    public void OtherWritersForms_AreRead_FieldsInAnyOrder_UnknownOnesPassedOver()
    {
        // As a migration's SQL might write it: another field order, instants in Z form without a fraction, extra fields.
        const string json =
            """{"deadlines":[{"due":"2026-11-16","calendar":3,"key":"response","paused":0,"stage":"submitted","statute":1,"event":"2026-11-02","note":{"a":[1]}}]"""
            + ""","extra":[1,2],"timers":[{"armed":"2026-11-02T09:00:00Z","due":"2026-11-13T20:00:00Z","stage":"submitted","kind":"reminder","id":"0194a000-0000-7000-8000-000000000001","deadline":"response"}]}""";

        var (timers, deadlines) = StoredWorkflowState.Read(json);

        timers.Should().Equal(new ArmedTimer(First, new TimerKind("reminder"), new StageKey("submitted"), "response",
            new DateTimeOffset(2026, 11, 13, 20, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero)));
        timers[0].DueAt.Offset.Should().Be(TimeSpan.Zero);
        deadlines.Should().Equal(new ComputedDeadline("response", new StageKey("submitted"), new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 16), 0, 1, 3));
    }
}

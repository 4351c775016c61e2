using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using WorkflowCore.Interface;
using WorkflowCore.Models;

namespace FoiTracker.Benchmarks.Sweep;

/// <summary>
/// How WorkflowCore was configured for a baseline run. <see cref="Fastest"/> is what the comparison uses:
/// every knob its options expose, set for throughput on this machine, with nothing switched off that a
/// delayed item needs (polling, the queue, the lock and the in-memory store all stay as shipped).
/// </summary>
/// <param name="PollInterval">
/// WorkflowCore's poll interval, which is also its read-ahead window: an instance that parks with its next
/// run less than this far away gets an in-process timer instead of waiting for the next poll. The run
/// widens it to cover the lead (see <see cref="WorkflowCoreBaseline"/>), so every item takes that fast path.
/// </param>
/// <param name="IdleTime">How long a queue consumer waits when it is at its concurrency limit or finds the queue empty (default 100 ms).</param>
/// <param name="MaxConcurrentWorkflows">Instances a consumer runs at once (default max(cores, 4)).</param>
/// <param name="EnableIndexes">Feed the search index; with no index configured it is a NullSearchIndex that only costs a store read per run.</param>
/// <param name="EnableLifeCycleEventsPublisher">Publish started/step/completed events to the in-process hub; nothing here listens.</param>
public sealed record WorkflowCoreSettings(
    TimeSpan PollInterval,
    TimeSpan IdleTime,
    int MaxConcurrentWorkflows,
    bool EnableIndexes,
    bool EnableLifeCycleEventsPublisher)
{
    /// <summary>WorkflowCore 3.22's own defaults (for the record; not what the comparison uses).</summary>
    public static WorkflowCoreSettings Defaults { get; } = new(
        TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100), Math.Max(Environment.ProcessorCount, 4), true, true);

    /// <summary>
    /// The settings the comparison uses. The consumer sleeps IdleTime whenever MaxConcurrentWorkflows instances
    /// are in flight, so the defaults (4 in flight, 100 ms) cap it near 40 passes a second; 1 ms and 64 in
    /// flight remove that cap without oversubscribing two cores with lock contention on the in-memory store.
    /// </summary>
    public static WorkflowCoreSettings Fastest { get; } = new(
        TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(1), 64, false, false);

    public override string ToString() =>
        FormattableString.Invariant(
            $"poll {PollInterval.TotalSeconds:0.###} s (widened to cover the lead), idle {IdleTime.TotalMilliseconds:0.###} ms, max concurrent {MaxConcurrentWorkflows}, indexes {(EnableIndexes ? "on" : "off")}, lifecycle events {(EnableLifeCycleEventsPublisher ? "on" : "off")}");
}

/// <summary>What one baseline run measured.</summary>
/// <param name="Items">Workflow instances pushed through (each one delayed item).</param>
/// <param name="StartSeconds">Time for the caller to start all instances (StartWorkflow, one after another).</param>
/// <param name="CompleteSeconds">From the instant every item was due until the last completion step ran.</param>
/// <param name="ActionsPerSecond">Items / CompleteSeconds.</param>
/// <param name="ParkSeconds">From the first start until every instance had run its Delay step and was waiting.</param>
/// <param name="LeadSeconds">How far after the first start the common due instant was placed.</param>
/// <param name="Attempts">Runs needed: a run whose items were not all parked before the due instant is repeated with twice the lead.</param>
public sealed record WorkflowCoreFigures(
    int Items,
    double StartSeconds,
    double CompleteSeconds,
    double ActionsPerSecond,
    double ParkSeconds,
    double LeadSeconds,
    int Attempts,
    WorkflowCoreSettings Settings);

/// <summary>
/// The WorkflowCore 3.22 half of the timer-sweep comparison: N delayed items, each a workflow instance of
/// "Delay, then one step", on WorkflowCore's default in-memory persistence, queue and lock.
/// <para>
/// All instances are given the same due instant D, placed far enough after the start that every instance
/// has been started and has parked on its Delay step before D (checked; otherwise the run is repeated with
/// twice the lead). The completion clock runs from D until the N-th completion step increments the shared
/// counter — the same span the sweep's figure covers: from "due" to "acted on". Starting is timed apart.
/// A run of the same size on a separate host (so a separate in-memory store) first warms the JIT.
/// </para>
/// </summary>
public static class WorkflowCoreBaseline
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(300);

    private const int MaxAttempts = 3;

    public static Task<WorkflowCoreFigures> RunAsync(int items, CancellationToken ct) =>
        RunAsync(items, WorkflowCoreSettings.Fastest, ct);

    public static async Task<WorkflowCoreFigures> RunAsync(int items, WorkflowCoreSettings settings, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(items, 1);
        ArgumentNullException.ThrowIfNull(settings);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(Timeout);
        var started = Stopwatch.StartNew();
        try
        {
            // Warm-up at full size on its own host: a first 10,000-item run parked at a few hundred items/s for
            // seconds before speeding up to its steady ~3,000/s (tiering and PGO); a 200-item warm-up did not reach that.
            await RunOnceAsync(items, settings, TimeSpan.FromMilliseconds(500), timeout.Token);

            // Parking (start + the Delay step's first pass) ran at 1,700-3,500 items/s on two busy shared cores, so
            // 1 s + 1 ms an item leaves room; a shortfall only costs a repeat with twice the lead.
            var lead = TimeSpan.FromSeconds(1) + TimeSpan.FromMilliseconds(1.0 * items);
            for (var attempt = 1; attempt <= MaxAttempts; attempt++, lead *= 2)
            {
                var run = await RunOnceAsync(items, settings, lead, timeout.Token);
                Console.WriteLine(FormattableString.Invariant(
                    $"WorkflowCore attempt {attempt}: started in {run.StartSeconds:0.###} s, all parked after {run.ParkSeconds:0.###} s, lead {lead.TotalSeconds:0.###} s{(run.CompleteSeconds is null ? " (too short, repeating with twice the lead)" : "")}"));
                if (run.CompleteSeconds is { } complete)
                {
                    return new WorkflowCoreFigures(
                        items, run.StartSeconds, complete, items / complete, run.ParkSeconds, lead.TotalSeconds, attempt, settings);
                }
            }

            throw new InvalidOperationException(
                $"WorkflowCore did not park all {items:N0} items before their due instant in {MaxAttempts} attempts (last lead {lead / 2:g}).");
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"WorkflowCore did not finish {items:N0} delayed items within {Timeout.TotalSeconds:N0} s (gave up after {started.Elapsed.TotalSeconds:N1} s).");
        }
    }

    /// <summary>One host, N instances. CompleteSeconds is null when the items were not all parked before D.</summary>
    private static async Task<(double StartSeconds, double ParkSeconds, double? CompleteSeconds)> RunOnceAsync(
        int items, WorkflowCoreSettings settings, TimeSpan lead, CancellationToken ct)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWorkflow(options =>
        {
            // The read-ahead window must reach D, or the items would wait for a poll instead of their own timers.
            var window = lead + TimeSpan.FromSeconds(5);
            options.UsePollInterval(settings.PollInterval > window ? settings.PollInterval : window);
            options.UseIdleTime(settings.IdleTime);
            options.UseMaxConcurrentWorkflows(settings.MaxConcurrentWorkflows);
            options.EnableIndexes = settings.EnableIndexes;
            options.EnableLifeCycleEventsPublisher = settings.EnableLifeCycleEventsPublisher;
        });

        await using var provider = services.BuildServiceProvider();
        var state = new DelayedItems(items);
        var workflow = new DelayThenActWorkflow(state);
        provider.GetRequiredService<IWorkflowRegistry>().RegisterWorkflow(workflow);
        var host = provider.GetRequiredService<IWorkflowHost>();
        await host.StartAsync(ct);
        try
        {
            var clock = Stopwatch.StartNew();
            state.Begin(lead);
            for (var i = 0; i < items; i++)
                await host.StartWorkflow(workflow.Id, workflow.Version, new DelayedItemData { Index = i });
            var startSeconds = clock.Elapsed.TotalSeconds;

            var parked = await state.AllParked.Task.WaitAsync(ct);
            var parkSeconds = parked.TotalSeconds;
            if (parked >= lead)
            {
                // Some item was still being parked after D: its clock would not have started at D. Let the
                // rest finish so the host stops on a quiet queue, and report the run as unusable.
                await state.AllDone.Task.WaitAsync(ct);
                return (startSeconds, parkSeconds, null);
            }

            var done = await state.AllDone.Task.WaitAsync(ct);
            if (state.CompletedBeforeDue > 0)
                throw new InvalidOperationException($"{state.CompletedBeforeDue} WorkflowCore items completed before they were due.");
            return (startSeconds, parkSeconds, (done - lead).TotalSeconds);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>The shared state of one run: the due instant D, and the counters the two steps bump.</summary>
    private sealed class DelayedItems(int items)
    {
        private readonly int[] _parked = new int[items];
        private readonly Stopwatch _clock = new();
        private int _parkedCount;
        private int _completed;
        private int _completedBeforeDue;

        /// <summary>D, the instant every item is due. Set by <see cref="Begin"/> before the first start.</summary>
        public DateTime DueAtUtc { get; private set; } = DateTime.MaxValue;

        /// <summary>Completes, with the time since <see cref="Begin"/>, when the last item has run its Delay step.</summary>
        public TaskCompletionSource<TimeSpan> AllParked { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Completes, with the time since <see cref="Begin"/>, when the last completion step has run.</summary>
        public TaskCompletionSource<TimeSpan> AllDone { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int CompletedBeforeDue => Volatile.Read(ref _completedBeforeDue);

        public void Begin(TimeSpan lead)
        {
            _clock.Start();
            DueAtUtc = DateTime.UtcNow + lead;
        }

        /// <summary>The Delay step's period: the rest of the time until D. Counts each item once as parked.</summary>
        public TimeSpan DelayFor(int index)
        {
            if (Interlocked.Exchange(ref _parked[index], 1) == 0 && Interlocked.Increment(ref _parkedCount) == _parked.Length)
                AllParked.TrySetResult(_clock.Elapsed);
            var rest = DueAtUtc - DateTime.UtcNow;
            return rest > TimeSpan.Zero ? rest : TimeSpan.Zero;
        }

        /// <summary>The completion step's action: the shared counter.</summary>
        public void Act()
        {
            if (DateTime.UtcNow < DueAtUtc)
                Interlocked.Increment(ref _completedBeforeDue);
            if (Interlocked.Increment(ref _completed) == _parked.Length)
                AllDone.TrySetResult(_clock.Elapsed);
        }
    }

    /// <summary>WorkflowCore needs a data class with a parameterless constructor.</summary>
    public sealed class DelayedItemData
    {
        public int Index { get; set; }
    }

    private sealed class DelayThenActWorkflow(DelayedItems state) : IWorkflow<DelayedItemData>
    {
        public string Id => "foi-delayed-item";

        public int Version => 1;

        public void Build(IWorkflowBuilder<DelayedItemData> builder) =>
            builder
                .Delay(data => state.DelayFor(data.Index))
                .Then(_ =>
                {
                    state.Act();
                    return ExecutionResult.Next();
                });
    }
}

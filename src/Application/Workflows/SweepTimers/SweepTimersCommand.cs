using Mediator;

namespace FoiTracker.Application.Workflows.SweepTimers;

/// <summary>
/// Fires the timers that are due: claims at most <paramref name="BatchSize"/> requests with a due
/// timer, applies each due timer's transition and writes its effects to the outbox, all in the
/// command's one transaction, so each timer's effect happens exactly once. The scheduler calls it
/// every few seconds and again while <see cref="SweepResult.More"/> says more are due.
/// </summary>
public sealed record SweepTimersCommand(int BatchSize = SweepTimersCommand.DefaultBatchSize) : ICommand<SweepResult>
{
    public const int DefaultBatchSize = 500;
}

/// <param name="Fired">Timers whose transition was applied.</param>
/// <param name="Skipped">Timers due but no longer relevant (their stage was left); disarmed so they never come back.</param>
/// <param name="More">Whether the batch was full or a request's chain was cut short, so more timers may be due now.</param>
public sealed record SweepResult(int Fired, int Skipped, bool More);

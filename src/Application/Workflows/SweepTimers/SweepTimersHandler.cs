using Mediator;

namespace FoiTracker.Application.Workflows.SweepTimers;

// Placeholder until the workflow engine lands: it fires nothing.
public sealed class SweepTimersHandler : ICommandHandler<SweepTimersCommand, SweepResult>
{
    public ValueTask<SweepResult> Handle(SweepTimersCommand command, CancellationToken cancellationToken) =>
        ValueTask.FromResult(new SweepResult(0, 0, false));
}

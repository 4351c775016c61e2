using FoiTracker.Application.Common.Behaviours;
using FoiTracker.Application.Common.Ports;
using FoiTracker.Application.Workflows.SweepTimers;
using Mediator;

namespace FoiTracker.Application.Tests.Behaviours;

public sealed class TransactionBehaviourTests
{
    [Fact]
    public async Task ACommand_RunsInATransaction_ThatCommitsWhenItSucceeds()
    {
        var unitOfWork = new RecordingUnitOfWork();
        var behaviour = new TransactionBehaviour<PlainCommand, int>(unitOfWork);

        var result = await behaviour.Handle(new PlainCommand(), (_, _) => ValueTask.FromResult(unitOfWork.InTransaction ? 1 : 0), CancellationToken.None);

        result.Should().Be(1, "the handler ran inside the transaction");
        unitOfWork.Calls.Should().Equal("begin", "commit");
    }

    [Fact]
    public async Task ACommand_ThatFails_IsRolledBack()
    {
        var unitOfWork = new RecordingUnitOfWork();
        var behaviour = new TransactionBehaviour<PlainCommand, int>(unitOfWork);

        var act = async () => await behaviour.Handle(new PlainCommand(), (_, _) => throw new InvalidOperationException("boom"), CancellationToken.None);

        await act.Should().ThrowAsync<InvalidOperationException>();
        unitOfWork.Calls.Should().Equal("begin", "rollback");
    }

    [Fact]
    public async Task TheTimerSweep_RunsInTheCommandsTransaction_LikeEveryOtherCommand()
    {
        var unitOfWork = new RecordingUnitOfWork();
        var behaviour = new TransactionBehaviour<SweepTimersCommand, SweepResult>(unitOfWork);

        var result = await behaviour.Handle(
            new SweepTimersCommand(), (_, _) => ValueTask.FromResult(new SweepResult(unitOfWork.InTransaction ? 1 : 0, 0, false)), CancellationToken.None);

        result.Fired.Should().Be(1, "the sweep's claim holds its requests only inside the transaction");
        unitOfWork.Calls.Should().Equal("begin", "commit");
    }

    private sealed record PlainCommand : ICommand<int>;

    private sealed class RecordingUnitOfWork : IUnitOfWork
    {
        public List<string> Calls { get; } = [];

        public bool InTransaction { get; private set; }

        public Task BeginAsync(CancellationToken cancellationToken)
        {
            Calls.Add("begin");
            InTransaction = true;
            return Task.CompletedTask;
        }

        public Task CommitAsync(CancellationToken cancellationToken)
        {
            Calls.Add("commit");
            InTransaction = false;
            return Task.CompletedTask;
        }

        public Task RollbackAsync(CancellationToken cancellationToken)
        {
            Calls.Add("rollback");
            InTransaction = false;
            return Task.CompletedTask;
        }
    }
}

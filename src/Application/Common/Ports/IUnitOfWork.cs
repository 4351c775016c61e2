namespace FoiTracker.Application.Common.Ports;

/// <summary>
/// The database transaction of one use case. Repositories enlist in it, so a command's writes
/// commit together or not at all.
/// </summary>
public interface IUnitOfWork
{
    bool InTransaction { get; }

    Task BeginAsync(CancellationToken cancellationToken);

    Task CommitAsync(CancellationToken cancellationToken);

    Task RollbackAsync(CancellationToken cancellationToken);
}

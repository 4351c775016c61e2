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

/// <summary>
/// A command whose handler begins and commits its own transaction, after work that writes nothing and
/// needs no transaction (such as making a letter to check it can be made). The transaction behaviour
/// leaves it to the handler.
/// </summary>
#pragma warning disable CA1040 // A marker: the behaviour asks only whether a command is one.
public interface IBeginsOwnTransaction;
#pragma warning restore CA1040

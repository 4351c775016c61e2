using System.Data.Common;
using FoiTracker.Application.Common.Ports;

namespace FoiTracker.Infrastructure.Persistence;

/// <summary>
/// One connection (and at most one transaction) per scope, shared by the repositories of a use
/// case. The transaction behaviour opens and commits it around each command. On SQLite a commit
/// hands the copying of its pages into the database file to the <see cref="SqliteCheckpointer"/>.
/// </summary>
public sealed class DbSession(IDbConnectionFactory factory, SqliteCheckpointer? checkpointer = null) : IUnitOfWork, IAsyncDisposable
{
    private DbConnection? _connection;

    public DbTransaction? Transaction { get; private set; }

    public bool InTransaction => Transaction is not null;

    public DatabaseProvider Provider => factory.Provider;

    public async Task<DbConnection> ConnectionAsync(CancellationToken cancellationToken) =>
        _connection ??= await factory.OpenAsync(cancellationToken);

    public async Task BeginAsync(CancellationToken cancellationToken)
    {
        if (Transaction is not null)
            throw new InvalidOperationException("A transaction is already open in this scope.");
        var connection = await ConnectionAsync(cancellationToken);
        Transaction = await connection.BeginTransactionAsync(cancellationToken);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (Transaction is null)
            throw new InvalidOperationException("There is no transaction to commit.");
        await Transaction.CommitAsync(cancellationToken);
        await Transaction.DisposeAsync();
        Transaction = null;
        checkpointer?.Signal();
    }

    public async Task RollbackAsync(CancellationToken cancellationToken)
    {
        if (Transaction is null)
            return;
        await Transaction.RollbackAsync(cancellationToken);
        await Transaction.DisposeAsync();
        Transaction = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (Transaction is not null)
            await Transaction.DisposeAsync();
        if (_connection is not null)
            await _connection.DisposeAsync();
    }
}

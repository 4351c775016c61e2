using System.Data.Common;
using FoiTracker.Application.Common.Ports;
using Microsoft.Data.Sqlite;

namespace FoiTracker.Infrastructure.Persistence;

/// <summary>
/// One connection (and at most one transaction) per scope, shared by the repositories of a use
/// case. The transaction behaviour opens and commits it around each command. On SQLite a commit
/// hands the copying of its pages into the database file to the <see cref="SqliteCheckpointer"/>.
/// </summary>
public sealed class DbSession(IDbConnectionFactory factory, SqliteCheckpointer? checkpointer = null)
    : IUnitOfWork, IAsyncDisposable
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
        // On SQLite, BEGIN IMMEDIATE: the transaction takes the one writer's lock as it starts, so what
        // it reads (the sweep's claim) cannot be changed by another writer before it writes. A second
        // writer waits for the lock as long as the connection's Default Timeout, as the driver retries.
        Transaction = connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync(cancellationToken);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (Transaction is null)
            throw new InvalidOperationException("There is no transaction to commit.");
        // A commit that fails leaves the transaction to the caller's rollback or to disposal.
        await Transaction.CommitAsync(cancellationToken);
        await Transaction.DisposeAsync();
        Transaction = null;
        checkpointer?.Signal();
    }

    public async Task RollbackAsync(CancellationToken cancellationToken)
    {
        if (Transaction is null)
            return;
        try
        {
            await Transaction.RollbackAsync(cancellationToken);
        }
        finally
        {
            await Transaction.DisposeAsync();
            Transaction = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Transaction is not null)
        {
            // Disposing a transaction that was not committed rolls it back.
            await Transaction.DisposeAsync();
            Transaction = null;
        }

        if (_connection is not null)
            await _connection.DisposeAsync();
    }

}

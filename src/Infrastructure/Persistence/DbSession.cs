using System.Data.Common;
using FoiTracker.Application.Common.Ports;
using Microsoft.Data.Sqlite;

namespace FoiTracker.Infrastructure.Persistence;

/// <summary>
/// One connection (and at most one transaction) per scope, shared by the repositories of a use
/// case. The transaction behaviour opens and commits it around each command. On SQLite a commit
/// hands the copying of its pages into the database file to the <see cref="SqliteCheckpointer"/>,
/// and a transaction waits its turn at the <see cref="SqliteWriteGate"/> before it begins.
/// </summary>
public sealed class DbSession(IDbConnectionFactory factory, SqliteCheckpointer? checkpointer = null, SqliteWriteGate? writeGate = null)
    : IUnitOfWork, IAsyncDisposable
{
    private DbConnection? _connection;
    private IDisposable? _writerTurn;

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
        if (connection is not SqliteConnection sqlite)
        {
            Transaction = await connection.BeginTransactionAsync(cancellationToken);
            return;
        }

        // On SQLite, BEGIN IMMEDIATE: the transaction takes the one writer's lock as it starts, so what
        // it reads (the sweep's claim) cannot be changed by another writer before it writes. Writers of
        // this process wait their turn at the gate first; one of another process is waited for as long
        // as the connection's Default Timeout, as the driver retries.
        _writerTurn = writeGate is null ? null : await writeGate.EnterAsync(cancellationToken);
        try
        {
            Transaction = sqlite.BeginTransaction(deferred: false);
        }
        catch
        {
            ReleaseWriterTurn();
            throw;
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (Transaction is null)
            throw new InvalidOperationException("There is no transaction to commit.");
        // A commit that fails leaves the transaction to the caller's rollback or to disposal.
        await Transaction.CommitAsync(cancellationToken);
        await Transaction.DisposeAsync();
        Transaction = null;
        ReleaseWriterTurn();
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
            ReleaseWriterTurn();
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

        ReleaseWriterTurn();
        if (_connection is not null)
            await _connection.DisposeAsync();
    }

    private void ReleaseWriterTurn()
    {
        _writerTurn?.Dispose();
        _writerTurn = null;
    }

}

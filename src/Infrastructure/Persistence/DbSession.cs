using System.Data.Common;
using FoiTracker.Application.Common.Ports;

namespace FoiTracker.Infrastructure.Persistence;

/// <summary>
/// One connection (and at most one transaction) per scope, shared by the repositories of a use
/// case. The transaction behaviour opens and commits it around each command. On SQLite a
/// transaction first takes its turn at the <see cref="SqliteWriteGate"/>, and a commit hands the
/// copying of its pages into the database file to the <see cref="SqliteCheckpointer"/>.
/// </summary>
public sealed class DbSession(IDbConnectionFactory factory, SqliteCheckpointer? checkpointer = null, SqliteWriteGate? writeGate = null)
    : IUnitOfWork, IAsyncDisposable
{
    private DbConnection? _connection;
    private bool _holdsGate;

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
        if (writeGate is not null)
        {
            await writeGate.EnterAsync(cancellationToken);
            _holdsGate = true;
        }

        try
        {
            Transaction = await connection.BeginTransactionAsync(cancellationToken);
        }
        catch
        {
            LeaveGate();
            throw;
        }
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (Transaction is null)
            throw new InvalidOperationException("There is no transaction to commit.");
        // A commit that fails leaves the transaction, and the gate, to the caller's rollback or to disposal.
        await Transaction.CommitAsync(cancellationToken);
        await Transaction.DisposeAsync();
        Transaction = null;
        LeaveGate();
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
            LeaveGate();
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

        LeaveGate();
        if (_connection is not null)
            await _connection.DisposeAsync();
    }

    private void LeaveGate()
    {
        if (!_holdsGate)
            return;
        _holdsGate = false;
        writeGate!.Leave();
    }
}

using Dapper;

namespace FoiTracker.Infrastructure.Persistence.Repositories;

/// <summary>Runs Dapper commands on the scope's connection and inside its transaction, if one is open.</summary>
public abstract class SqlRepository(DbSession session)
{
    protected DbSession Session => session;

    protected async Task<int> ExecuteAsync(string sql, object? parameters, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, session.Transaction, cancellationToken: cancellationToken));
    }

    protected async Task<T?> QuerySingleOrDefaultAsync<T>(string sql, object? parameters, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<T>(new CommandDefinition(sql, parameters, session.Transaction, cancellationToken: cancellationToken));
    }

    protected async Task<T> ExecuteScalarAsync<T>(string sql, object? parameters, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        return (await connection.ExecuteScalarAsync<T>(new CommandDefinition(sql, parameters, session.Transaction, cancellationToken: cancellationToken)))!;
    }

    protected async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters, CancellationToken cancellationToken)
    {
        var connection = await session.ConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, session.Transaction, cancellationToken: cancellationToken))).AsList();
    }
}

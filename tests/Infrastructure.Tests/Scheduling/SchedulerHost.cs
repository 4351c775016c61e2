using System.Data.Common;
using Dapper;
using FoiTracker.Application;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Infrastructure.Scheduling;
using FoiTracker.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FoiTracker.Infrastructure.Tests.Scheduling;

/// <summary>
/// One node of the service as far as the scheduler goes: a generic host wired as Program.cs wires
/// it (application, infrastructure, scheduling) on a test database, migrated, then started.
/// </summary>
internal sealed class SchedulerHost : IAsyncDisposable
{
    /// <summary>Short enough that a test sees several runs within a few seconds.</summary>
    public const string FastInterval = "00:00:01";

    private SchedulerHost(IHost host) => Host = host;

    public IHost Host { get; }

    public IServiceProvider Services => Host.Services;

    public static async Task<SchedulerHost> StartAsync(DatabaseOptions database, string interval = FastInterval)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            EnvironmentName = Environments.Development,
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = database.Provider == DatabaseProvider.Postgres ? "postgres" : "sqlite",
            ["ConnectionStrings:Default"] = database.ConnectionString,
            ["Data:Directory"] = database.DataDirectory,
            ["Seeds:Directory"] = TestServices.RepositorySeeds,
            ["Workflow:SweepInterval"] = interval,
            ["Workflow:OutboxInterval"] = interval,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services
            .AddApplication()
            .AddInfrastructure(builder.Configuration)
            .AddScheduling(builder.Configuration);

        var host = builder.Build();
        try
        {
            // As the service does: migrate before the hosted scheduler starts and checks its tables.
            await host.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new SchedulerHost(host);
    }

    public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await OpenAsync();
        return (await connection.QueryAsync<T>(sql, parameters)).ToList();
    }

    public async Task<DbConnection> OpenAsync() =>
        await Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);

    /// <summary>A pending outbox row, written straight into the table as a workflow transition would.</summary>
    public async Task<Guid> InsertPendingOutboxRowAsync()
    {
        var id = Guid.NewGuid();
        var now = DateTimeOffset.UtcNow;
        await using var connection = await OpenAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO outbox (id, dedup_key, request_id, kind, name, recipient, payload, created_at, available_at, dispatched_at, attempts, last_error)
            VALUES (@Id, @DedupKey, NULL, 'notify', 'scheduler-test', 'staff@example.org', '{}', @Now, @Now, NULL, 0, NULL)
            """,
            new { Id = id, DedupKey = $"scheduler-test/{id:N}", Now = now.AddSeconds(-1) });
        return id;
    }

    /// <summary>Waits until the row is marked dispatched; false if that has not happened within the limit.</summary>
    public async Task<bool> WaitUntilDispatchedAsync(Guid id, TimeSpan limit)
    {
        var deadline = DateTimeOffset.UtcNow + limit;
        while (DateTimeOffset.UtcNow < deadline)
        {
            var pending = await QueryAsync<int>("SELECT COUNT(*) FROM outbox WHERE id = @Id AND dispatched_at IS NULL", new { Id = id });
            if (pending[0] == 0)
                return true;
            await Task.Delay(TimeSpan.FromMilliseconds(200));
        }

        return false;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
    }
}

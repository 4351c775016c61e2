using Dapper;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Requests.FileRequest;
using FoiTracker.Application.Seeds.LoadSeeds;
using FoiTracker.Application.Workflows.SweepTimers;
using FoiTracker.Domain.Users;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Tests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace FoiTracker.Application.Tests.Workflows;

/// <summary>
/// Requests run through the mediator on a real database with a fake clock, so timers can be
/// driven: time moves only when a test moves it.
/// </summary>
public abstract class WorkflowTestBase : IAsyncLifetime
{
    protected static readonly RequestActor Citizen = new(Guid.Parse("0194a000-0000-7000-8000-00000000c171"), "Nino", Role.Citizen);

    /// <summary>A staff member; <see cref="AddStaffMemberAsync"/> creates the account.</summary>
    protected static readonly RequestActor StaffMember = new(Guid.Parse("0194a000-0000-7000-8000-00000000057a"), "Tamar", Role.Staff);

    private TestDatabase? _database;

    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));

    protected ServiceProvider Services { get; private set; } = null!;

    protected TestDatabase Database => _database!;

    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;

    public virtual async Task InitializeAsync()
    {
        if (Provider == DatabaseProvider.Postgres)
            TestDatabase.SkipUnlessPostgresConfigured();
        _database = await TestDatabase.CreateAsync(Provider);
        Services = BuildNode();
        await Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        await SendAsync(new LoadSeedsCommand());
        // The owner of filed requests must exist: a citizen account with a known id.
        await ExecuteAsync(
            "INSERT INTO users (id, email, email_normalized, display_name, role, password_hash, created_at) VALUES (@Id, 'nino@example.ge', 'nino@example.ge', 'Nino', 'citizen', 'x', @At)",
            new { Id = Citizen.UserId, At = Clock.GetUtcNow() });
    }

    public virtual async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        if (_database is not null)
            await _database.DisposeAsync();
    }

    protected Task AddStaffMemberAsync() =>
        ExecuteAsync(
            "INSERT INTO users (id, email, email_normalized, display_name, role, password_hash, created_at) VALUES (@Id, 'tamar@example.ge', 'tamar@example.ge', 'Tamar', 'staff', 'x', @At)",
            new { Id = StaffMember.UserId, At = Clock.GetUtcNow() });

    /// <summary>Another "node": its own container on the same database and the same clock.</summary>
    protected ServiceProvider BuildNode(Action<IServiceCollection>? configure = null, string? seedsDirectory = null) =>
        TestServices.Build(
            _database!.Options,
            services =>
            {
                services.AddSingleton<TimeProvider>(Clock);
                configure?.Invoke(services);
            },
            seedsDirectory);

    protected Task<TResponse> SendAsync<TResponse>(ICommand<TResponse> command) => SendAsync(Services, command);

    protected static async Task<TResponse> SendAsync<TResponse>(IServiceProvider services, ICommand<TResponse> command)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
    }

    /// <summary>A request that runs its own transactions (the mail sender).</summary>
    protected static async Task<TResponse> SendAsync<TResponse>(IServiceProvider services, IRequest<TResponse> request)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    protected async Task<TResponse> QueryAsync<TResponse>(IQuery<TResponse> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(query);
    }

    protected Task<FiledRequest> FileAsync(DateTimeOffset? submittedAt, string body = TestSeeds.VerifiedCityHall) =>
        SendAsync(new FileRequestCommand(body, "Budget 2025", "Please send the 2025 budget execution report.", "Nino Beridze",
            "nino@example.ge", null, submittedAt, Draft: false, Citizen));

    /// <summary>Files <paramref name="count"/> requests today a minute apart, the oldest first: "the latest" is then plain.</summary>
    protected async Task<IReadOnlyList<FiledRequest>> FileMinutesApartAsync(int count)
    {
        var filed = new List<FiledRequest>();
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
                Clock.Advance(TimeSpan.FromMinutes(1));
            filed.Add(await FileAsync(null));
        }

        return filed;
    }

    /// <summary>Sweeps until nothing more is due, as the scheduler does; returns the timers fired.</summary>
    protected static async Task<int> SweepAllAsync(IServiceProvider services, int batchSize = SweepTimersCommand.DefaultBatchSize)
    {
        var fired = 0;
        for (var round = 0; round < 10_000; round++)
        {
            var result = await SendAsync(services, new SweepTimersCommand(batchSize));
            fired += result.Fired;
            if (!result.More)
                return fired;
        }

        throw new InvalidOperationException("The sweep did not settle.");
    }

    protected async Task<long> CountAsync(string sql, object? parameters = null)
    {
        await using var connection = await Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        return await connection.ExecuteScalarAsync<long>(sql, parameters);
    }

    protected async Task<IReadOnlyList<T>> RowsAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = await Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync<T>(sql, parameters)).AsList();
    }

    protected async Task ExecuteAsync(string sql, object parameters)
    {
        await using var connection = await Services.GetRequiredService<IDbConnectionFactory>().OpenAsync(CancellationToken.None);
        await connection.ExecuteAsync(sql, parameters);
    }
}

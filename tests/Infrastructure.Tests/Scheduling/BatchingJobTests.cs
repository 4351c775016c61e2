using FoiTracker.Application.Outbox;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Infrastructure.Scheduling;
using FoiTracker.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace FoiTracker.Infrastructure.Tests.Scheduling;

/// <summary>
/// What a run of a scheduler job does with the command's answer: goes on while batches are full,
/// but never past the per-run bound, and swallows (logs) a failure so the scheduler goes on.
/// </summary>
public sealed class BatchingJobTests : IAsyncLifetime
{
    private readonly CountingOutboxStore _store = new();
    private TestDatabase? _database;
    private ServiceProvider? _services;

    public async Task InitializeAsync()
    {
        _database = TestDatabase.CreateSqlite();
        _services = TestServices.Build(_database.Options, services => services.AddScoped<IOutboxStore>(_ => _store));
        await _services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        if (_services is not null)
            await _services.DisposeAsync();
        if (_database is not null)
            await _database.DisposeAsync();
    }

    [Fact]
    public async Task Run_WhileBatchesAreFull_StopsAtTheBoundPerRun()
    {
        _store.Answer = limit => Enumerable.Range(0, limit).Select(_ => Message()).ToList();

        await Job(batchSize: 3).Execute(null!, CancellationToken.None);

        _store.Claims.Should().Be(WorkflowSchedule.MaxBatchesPerRun);
    }

    [Fact]
    public async Task Run_WhenABatchIsNotFull_StopsAfterIt()
    {
        var calls = 0;
        _store.Answer = limit => ++calls < 3 ? Enumerable.Range(0, limit).Select(_ => Message()).ToList() : [Message()];

        await Job(batchSize: 2).Execute(null!, CancellationToken.None);

        _store.Claims.Should().Be(3);
    }

    [Fact]
    public async Task Run_WhenTheCommandFails_LogsAndReturns()
    {
        _store.Answer = _ => throw new InvalidOperationException("database unavailable");

        var act = async () => await Job(batchSize: 2).Execute(null!, CancellationToken.None);

        await act.Should().NotThrowAsync("a failing run must not take the scheduler down");
        _store.Claims.Should().Be(1);
    }

    // The job reads nothing from its firing context, so none is needed to run it directly.
    private DispatchOutboxJob Job(int batchSize) => new(
        _services!.GetRequiredService<IServiceScopeFactory>(),
        new WorkflowSchedule { OutboxBatchSize = batchSize },
        NullLogger<DispatchOutboxJob>.Instance);

    private static OutboxMessage Message()
    {
        var id = Guid.NewGuid();
        return new OutboxMessage(id, $"test/{id:N}", null, "notify", "test", "staff@example.org", "{}", DateTimeOffset.UtcNow, 0);
    }

    private sealed class CountingOutboxStore : IOutboxStore
    {
        private int _claims;

        public Func<int, IReadOnlyList<OutboxMessage>> Answer { get; set; } = _ => [];

        public int Claims => _claims;

        public Task<IReadOnlyList<OutboxMessage>> ClaimPendingAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _claims);
            return Task.FromResult(Answer(limit));
        }

        public Task<IReadOnlyList<OutboxMessage>> PeekPendingAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<OutboxMessage>>([]);

        public Task MarkDispatchedAsync(Guid id, DateTimeOffset at, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task MarkFailedAsync(Guid id, string error, DateTimeOffset retryAt, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task MarkGivenUpAsync(Guid id, string error, DateTimeOffset at, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}

using Dapper;
using FoiTracker.Application.Accounts.CreateAccount;
using FoiTracker.Application.Accounts.IssueToken;
using FoiTracker.Application.Common;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Requests.FileRequest;
using FoiTracker.Application.Seeds.LoadSeeds;
using FoiTracker.Domain.Users;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Tests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Infrastructure.Tests.Persistence;

/// <summary>
/// The abuse limits the database counts (migration 0026), on both databases: failed sign-ins lock
/// an e-mail address whether or not an account has it, and a citizen account files at most so
/// many requests in a day of the body's jurisdiction.
/// </summary>
public sealed class AbuseLimitTests
{
    private const string Email = "nino@example.ge";
    private const string Password = "the right password";
    private static readonly AbuseLimits Limits = new(true, SignInFailures: 3, LockoutDuration: TimeSpan.FromMinutes(15), FilingsPerDay: 2);

    // 20:30 in Tbilisi (UTC+4): the day there ends in three and a half hours.
    private readonly StoppedClock _clock = new(new DateTimeOffset(2026, 10, 16, 16, 30, 0, TimeSpan.Zero));

    [SkippableTheory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task FailedSignIns_LockTheAddress_ForItsLength_AndASuccessClearsThem(DatabaseProvider provider)
    {
        await using var database = await CreateAsync(provider);

        for (var attempt = 0; attempt < Limits.SignInFailures; attempt++)
            await SignIn(database, Email, "a wrong password").Should().ThrowAsync<AuthenticationFailedException>();

        // Locked: even the right password is refused, with how long to wait.
        var locked = (await SignIn(database, Email, Password).Should().ThrowAsync<LimitReachedException>()).Which;
        locked.RetryAfter.Should().Be(TimeSpan.FromMinutes(15));
        locked.Message.Should().Contain("15 minutes");

        _clock.Now += TimeSpan.FromMinutes(16);
        (await SendAsync(database, new AuthenticateCommand(Email, Password))).Email.Should().Be(Email);
        (await database.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sign_in_failures")).Should().Be(0);
    }

    [SkippableTheory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AnAddressWithoutAccount_IsLockedTheSameWay(DatabaseProvider provider)
    {
        await using var database = await CreateAsync(provider);

        for (var attempt = 0; attempt < Limits.SignInFailures; attempt++)
            await SignIn(database, "nobody@example.ge", "a guess").Should().ThrowAsync<AuthenticationFailedException>();

        var locked = (await SignIn(database, "NOBODY@example.ge", "a guess").Should().ThrowAsync<LimitReachedException>()).Which;
        locked.Message.Should().Be((await LockedMessageForAccountAsync(database)).Message, "a lock must not tell which addresses have accounts");
    }

    [SkippableTheory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task FailuresFurtherApartThanTheLockLength_DoNotLock(DatabaseProvider provider)
    {
        await using var database = await CreateAsync(provider);

        for (var attempt = 0; attempt < Limits.SignInFailures * 2; attempt++)
        {
            await SignIn(database, Email, "a wrong password").Should().ThrowAsync<AuthenticationFailedException>();
            _clock.Now += TimeSpan.FromMinutes(16);
        }

        (await SendAsync(database, new AuthenticateCommand(Email, Password))).Email.Should().Be(Email);
    }

    [SkippableTheory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Filing_AboveTheDailyLimit_IsRefusedUntilMidnightInTheBodysZone_StaffExempt(DatabaseProvider provider)
    {
        await using var database = await CreateAsync(provider);
        await SendAsync(database, new LoadSeedsCommand());
        var actor = await AccountAsync(database, "filer@example.ge", Role.Citizen);

        for (var filed = 0; filed < Limits.FilingsPerDay; filed++)
            await SendAsync(database, File(actor));
        var refused = (await FluentActions.Awaiting(() => SendAsync(database, File(actor))).Should().ThrowAsync<LimitReachedException>()).Which;

        refused.Topic.Should().Be(LimitReachedException.Filing);
        refused.RetryAfter.Should().Be(TimeSpan.FromHours(3.5), "Tbilisi's midnight is 20:00 UTC");
        (await database.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM requests")).Should().Be(Limits.FilingsPerDay);

        var staff = await AccountAsync(database, "staff@example.ge", Role.Staff);
        for (var filed = 0; filed <= Limits.FilingsPerDay; filed++)
            await SendAsync(database, File(staff));

        _clock.Now += TimeSpan.FromHours(3.5);
        (await SendAsync(database, File(actor))).Stage.Should().NotBeNullOrEmpty("a new day in Tbilisi opens a new count");
    }

    [SkippableTheory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Filings_OfOneAccountAtOnce_PassTheDailyLimitNoMoreThanItAllows(DatabaseProvider provider)
    {
        await using var database = await CreateAsync(provider);
        await SendAsync(database, new LoadSeedsCommand());
        var actor = await AccountAsync(database, "burst@example.ge", Role.Citizen);

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            try
            {
                await SendAsync(database, File(actor));
                return true;
            }
            catch (LimitReachedException)
            {
                return false;
            }
        })));

        attempts.Count(filed => filed).Should().Be(Limits.FilingsPerDay);
        (await database.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM requests")).Should().Be(Limits.FilingsPerDay);
        var numbers = (await database.Connection.QueryAsync<string>("SELECT number FROM requests ORDER BY number")).ToList();
        numbers.Should().Equal(["2026-000001", "2026-000002"], "a refused filing takes no number");
    }

    /// <summary>A new account with <paramref name="role"/>, as the actor its requests are filed by.</summary>
    private static async Task<RequestActor> AccountAsync(MigratedDatabase database, string email, Role role)
    {
        var account = await SendAsync(database, new CreateAccountCommand(email, "Filer", Password, role.ToName()));
        return new RequestActor(account.Id, account.DisplayName, role);
    }

    private static FileRequestCommand File(RequestActor actor) =>
        new(TestSeeds.VerifiedCityHall, "Budget 2026", "Please send the budget.", "Nino Beridze", "nino@example.ge", null, null, false, actor);

    private static async Task<LimitReachedException> LockedMessageForAccountAsync(MigratedDatabase database)
    {
        for (var attempt = 0; attempt < Limits.SignInFailures; attempt++)
            await SignIn(database, Email, "a wrong password").Should().ThrowAsync<AuthenticationFailedException>();
        return (await SignIn(database, Email, Password).Should().ThrowAsync<LimitReachedException>()).Which;
    }

    private static Func<Task> SignIn(MigratedDatabase database, string email, string password) =>
        () => SendAsync(database, new AuthenticateCommand(email, password));

    private async Task<MigratedDatabase> CreateAsync(DatabaseProvider provider)
    {
        var database = await MigratedDatabase.CreateAsync(provider, configure: services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.AddSingleton(Limits);
        });
        await SendAsync(database, new CreateAccountCommand(Email, "Nino Beridze", Password, "citizen"));
        return database;
    }

    private static async Task<TResponse> SendAsync<TResponse>(MigratedDatabase database, ICommand<TResponse> command)
    {
        await using var scope = database.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
    }

    private sealed class StoppedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}

using System.Net.Sockets;
using FoiTracker.Application.Accounts.EnsureAdminAccount;
using FoiTracker.Application.Seeds;
using FoiTracker.Application.Seeds.LoadSeeds;
using FoiTracker.Application.Statutes;
using FoiTracker.Application.Statutes.CheckPinnedStatutes;
using FoiTracker.Infrastructure.Statutes;
using FoiTracker.Infrastructure.Configuration;
using FoiTracker.Infrastructure.Identity;
using FoiTracker.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Mediator;
using Npgsql;

namespace FoiTracker.Web.Infrastructure;

/// <summary>What the service does before it takes requests: migrate, load seeds, make sure there is an admin.</summary>
public static class StartupInitialiser
{
    public static async Task InitialiseAsync(this IServiceProvider services, IConfiguration configuration, CancellationToken cancellationToken = default)
    {
        var database = services.GetRequiredService<DatabaseOptions>();
        StartupLock startup;
        try
        {
            // Nodes starting together take turns: the first migrates, makes the first key, loads the seeds
            // and the first admin; the others then find all of it done.
            startup = await StartupLock.AcquireAsync(database, cancellationToken);
        }
        catch (Exception ex) when (database.Provider == DatabaseProvider.Postgres && IsUnreachable(ex))
        {
            throw Unreachable(database, ex);
        }

        await using (startup)
            await InitialiseLockedAsync(services, configuration, database, cancellationToken);
    }

    private static async Task InitialiseLockedAsync(IServiceProvider services, IConfiguration configuration, DatabaseOptions database, CancellationToken cancellationToken)
    {
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger("FoiTracker.Startup");
        try
        {
            var applied = await services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
            logger.LogInformation("Database {Provider} ready; {Count} migration(s) applied now", database.Provider, applied.Count);
            PrepareSessionKeys(services);
        }
        catch (Exception ex) when (database.Provider == DatabaseProvider.Postgres && IsUnreachable(ex))
        {
            throw Unreachable(database, ex);
        }

        try
        {
            // Load the statutes and calendars now, so a broken file stops the start instead of a first request.
            var catalog = services.GetRequiredService<IStatuteCatalog>();
            logger.LogInformation("Statutes loaded: {Statutes}; calendars: {Calendars}", string.Join(", ", catalog.StatuteIds), string.Join(", ", catalog.CalendarIds));
            var mapping = services.GetRequiredService<FoiTracker.Domain.Statistics.OutcomeMapping>();
            logger.LogInformation("Outcome mapping loaded: {Mapping} v{Version}", mapping.Key, mapping.Version);
        }
        catch (SeedFileException ex)
        {
            throw new ConfigurationProblemException($"Seed {ex.Message} Fix the seed file and start again.");
        }

        await using var scope = services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        try
        {
            var report = await mediator.Send(new LoadSeedsCommand(), cancellationToken);
            logger.LogInformation("Seeds loaded: {Jurisdictions} jurisdictions, {Bodies} public bodies", report.Jurisdictions, report.Bodies);
        }
        catch (SeedException ex)
        {
            throw new ConfigurationProblemException(ex.Message + " Fix the seed file and start again.");
        }

        var missing = await mediator.Send(new CheckPinnedStatutesQuery(), cancellationToken);
        if (missing.Count > 0)
        {
            var first = missing[0];
            throw new ConfigurationProblemException(
                $"{string.Join("; ", missing.Select(m => $"statute '{m.Statute}' v{m.Version} is pinned by {m.Requests} request(s)"))} but is not loaded: " +
                $"keep the earlier file as seeds/statutes/archive/{first.Statute}.v{first.Version}.json so those requests keep their rules.");
        }

        EnsureAdminResult admin;
        try
        {
            admin = await mediator.Send(new EnsureAdminAccountCommand(configuration["FOI_ADMIN_EMAIL"], configuration["FOI_ADMIN_PASSWORD"]), cancellationToken);
        }
        catch (AdminAccountConfigurationException ex)
        {
            throw new ConfigurationProblemException(ex.Message + " Fix the setting and start again.");
        }

        if (admin.GeneratedPassword is not null)
        {
            // Printed once, to the console only: it is never logged to a sink or stored in clear.
            Console.WriteLine($"First administrator created: {admin.Email} / password: {admin.GeneratedPassword} (shown once; change it after signing in)");
        }
        else if (admin.Created)
        {
            logger.LogInformation("First administrator {Email} created from FOI_ADMIN_EMAIL", admin.Email);
        }
    }

    /// <summary>
    /// Keys from the data folder (where they were kept before) move into the database, and a first key
    /// is made now if there is none, while the start-up lock is held, so all nodes use the same one.
    /// </summary>
    private static void PrepareSessionKeys(IServiceProvider services)
    {
        services.GetRequiredService<DatabaseXmlRepository>().ImportLegacyFolder();
        services.GetRequiredService<IDataProtectionProvider>().CreateProtector("FoiTracker.Startup").Protect([1]);
    }

    private static ConfigurationProblemException Unreachable(DatabaseOptions database, Exception ex)
    {
        var builder = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        return new ConfigurationProblemException(
            $"PostgreSQL at {builder.Host}:{builder.Port} (database '{builder.Database}') cannot be reached with {InfrastructureSettings.ConnectionStringKey} ({ex.GetBaseException().Message.TrimEnd('.')}): start the server or fix the connection string.");
    }

    private static bool IsUnreachable(Exception ex) =>
        ex.GetBaseException() is SocketException or TimeoutException
        || ex is NpgsqlException { IsTransient: true }
        || ex.InnerException is NpgsqlException { IsTransient: true }
        || ex is PostgresException { SqlState: "28P01" or "28000" or "3D000" };
}

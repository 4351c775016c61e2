using FoiTracker.Application.Accounts;
using FoiTracker.Application.Bodies;
using FoiTracker.Application.Common.Ports;
using FoiTracker.Application.Jurisdictions;
using FoiTracker.Application.Outbox;
using FoiTracker.Application.Workflows;
using FoiTracker.Infrastructure.Outbox;
using FoiTracker.Application.Letters;
using FoiTracker.Application.Mail;
using FoiTracker.Infrastructure.Letters;
using FoiTracker.Infrastructure.Mail;
using FoiTracker.Infrastructure.Mail.Intake;
using FoiTracker.Application.Requests;
using FoiTracker.Application.Seeds;
using FoiTracker.Application.Statistics;
using FoiTracker.Application.Statistics.AnnualReports;
using FoiTracker.Application.Statistics.Charts;
using FoiTracker.Application.Statistics.Snapshots;
using FoiTracker.Infrastructure.Statistics;
using FoiTracker.Infrastructure.Configuration;
using FoiTracker.Infrastructure.Identity;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Infrastructure.Persistence.Repositories;
using FoiTracker.Infrastructure.Seeding;
using FoiTracker.Infrastructure.Statutes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FoiTracker.Infrastructure;

public static class DependencyInjection
{
    /// <summary>
    /// Wires storage, seeds and identity. Throws <see cref="ConfigurationProblemException"/> for a
    /// setting the service cannot run with.
    /// </summary>
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        TypeHandlers.Register();
        services.TryAddSingleton(TimeProvider.System);
        var database = InfrastructureSettings.ReadDatabase(configuration);
        services.AddSingleton(database);
        var seeds = InfrastructureSettings.ReadSeeds(configuration);
        services.AddSingleton(seeds);
        services.AddStatuteCatalog(seeds.Directory);
        services.AddSingleton<IDbConnectionFactory, DbConnectionFactory>();
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<DatabaseBackup>();
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            services.AddSingleton<SqliteCheckpointer>();
            services.AddSingleton<SqliteWriteGate>();
        }

        services.AddScoped<DbSession>();
        services.AddScoped<IUnitOfWork>(provider => provider.GetRequiredService<DbSession>());

        services.AddScoped<PublicBodyRepository>();
        services.AddScoped<IPublicBodyRepository>(provider => provider.GetRequiredService<PublicBodyRepository>());
        services.AddScoped<IBodyQueries>(provider => provider.GetRequiredService<PublicBodyRepository>());
        services.AddScoped<IJurisdictionRepository, JurisdictionRepository>();
        services.AddScoped<UserRepository>();
        services.AddScoped<IUserRepository>(provider => provider.GetRequiredService<UserRepository>());
        services.AddScoped<IAccountQueries>(provider => provider.GetRequiredService<UserRepository>());
        services.AddScoped<Application.Accounts.PasswordResets.IPasswordResetStore, PasswordResetRepository>();
        // One statement per row on SQLite, one round trip for all rows on PostgreSQL (ADR 018).
        services.AddSingleton<IRowStatements>(database.Provider == DatabaseProvider.Postgres ? new PostgresRowStatements() : new SqliteRowStatements());
        services.AddScoped<RequestStepWriter>();
        // The facts of a saved step are dated in its statute's zone, which the workflow context gives.
        services.TryAddSingleton<WorkflowContexts>();
        services.AddScoped<RequestFactsWriter>();
        services.AddScoped<FoiRequestRepository>();
        services.AddScoped<IFoiRequestRepository>(provider => provider.GetRequiredService<FoiRequestRepository>());
        // SQLite takes the number in the filing's transaction, PostgreSQL in one of its own (ADR 037).
        if (database.Provider == DatabaseProvider.Postgres)
            services.AddSingleton<IRequestNumberAllocator, PostgresRequestNumbers>();
        else
            services.AddScoped<IRequestNumberAllocator, SqliteRequestNumbers>();
        services.AddSingleton<IBulkRequestImporter, BulkRequestWriter>();

        services.AddScoped(provider => new DueRequests(
            provider.GetRequiredService<DbSession>(),
            provider.GetRequiredService<FoiRequestRepository>(),
            database.Provider == DatabaseProvider.Postgres ? DueRequests.PostgresLock : ""));
        services.AddScoped<IDueRequests>(provider => provider.GetRequiredService<DueRequests>());
        services.AddScoped<IRequestQueries, RequestQueries>();
        services.AddScoped<Application.Requests.Publication.IPublicRequestStore, PublicRequestStore>();
        services.AddScoped<Application.Requests.Citizen.ICitizenRequestQueries, CitizenRequestQueries>();
        services.AddScoped<Application.Requests.Citizen.IRequestAnswerStore, RequestAnswerRepository>();
        services.AddScoped<Application.Requests.Citizen.IRequestFollowers, RequestFollowerRepository>();
        services.AddScoped<IStatisticsSource, StatisticsSource>();
        // The outcome mapping is read once, on first use, like the statutes.
        services.AddSingleton(_ => OutcomeMappingSeedReader.Load(seeds.Directory));
        services.AddScoped<IIdempotencyStore, IdempotencyRepository>();
        services.AddScoped<IAbuseCounters, AbuseCounterRepository>();
        services.AddScoped<Application.Accounts.EmailVerification.IEmailVerificationStore, AccountEmailRepository>();
        services.AddScoped<ISnapshotStore, SnapshotRepository>();
        services.AddScoped<IAnnualReportStore, AnnualReportRepository>();
        services.AddScoped<IOutboxStore, OutboxRepository>();
        // Letters first: the outbox takes the first dispatcher that accepts a row, and the recording
        // one accepts everything (kinds nothing else handles: a letter kind without a template yet).
        services.AddSingleton<ILetterRenderer, PdfLetterRenderer>();
        services.AddSingleton<ILetterTemplates>(provider => FileLetterTemplates.Load(seeds.Directory, provider.GetRequiredService<ILetterRenderer>()));
        services.AddScoped<ILetterStore, LetterRepository>();
        services.AddScoped<IOutboxDispatcher, LetterOutboxDispatcher>();
        services.AddMailSending(configuration, database, seeds);
        services.AddSingleton<IOutboxDispatcher, RecordingOutboxDispatcher>();

        var mail = MailSettings.Read(configuration, database.DataDirectory);
        services.AddSingleton(mail);
        services.AddSingleton(mail.CreateCodec());
        // Both directions of mail write their keyed timeline entries through it.
        services.AddScoped<MailTimeline>();
        services.AddMailIntake(configuration);
        services.AddSingleton<Application.Mail.ReadInboundMail.IMailTextReader, Mail.Intake.MimeMailTextReader>();
        services.AddScoped<Application.Staff.IStaffCaseStore, StaffCaseRepository>();

        services.AddSingleton<ISeedSource, JsonSeedSource>();
        services.AddSingleton<IPasswordHasher, AspNetPasswordHasher>();
        return services;
    }
}

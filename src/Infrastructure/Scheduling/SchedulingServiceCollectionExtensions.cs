using FoiTracker.Infrastructure.Configuration;
using FoiTracker.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;

namespace FoiTracker.Infrastructure.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>The scheduler's name, shared by every node: a cluster is the nodes with the same name on the same tables.</summary>
    public const string SchedulerName = "FoiTracker";

    /// <summary>The prefix of Quartz's tables, which migration 0003_scheduler creates on both providers.</summary>
    public const string TablePrefix = "qrtz_";

    /// <summary>
    /// Runs the workflow clock: a Quartz.NET scheduler whose store is the service's own database
    /// (clustered on PostgreSQL, a single node on SQLite) with two repeating jobs, the timer sweep and
    /// the outbox dispatch. Call after <see cref="DependencyInjection.AddInfrastructure"/>, whose
    /// database settings it uses. Throws <see cref="ConfigurationProblemException"/> for a bad
    /// <c>Workflow</c> setting, whether or not the scheduler is enabled.
    /// </summary>
    public static IServiceCollection AddScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        var schedule = InfrastructureSettings.ReadWorkflowSchedule(configuration);
        services.AddSingleton(schedule);
        if (!schedule.SchedulerEnabled)
            return services;

        var database = services.LastOrDefault(descriptor => descriptor.ServiceType == typeof(DatabaseOptions))?.ImplementationInstance as DatabaseOptions
            ?? throw new InvalidOperationException("AddScheduling needs the database settings: call AddInfrastructure first.");

        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler => scheduler.InstanceName = SchedulerName);
            quartz.UsePersistentStore(store =>
            {
                store.ConfigureStore(options =>
                {
                    options.TablePrefix = TablePrefix;
                    // The tables are ours (DbUp migration 0003): the store only checks them at start.
                    options.SchemaProvisioning = SchemaProvisioning.Validate;
                });
                if (database.Provider == DatabaseProvider.Postgres)
                {
                    store.UsePostgres(NpgsqlFactory.Instance, database.ConnectionString);
                    // Every node runs the scheduler; the row locks in qrtz_locks let one node fire
                    // each trigger, and a node that dies has its work taken over. Each node's
                    // instance id is generated, since none is set.
                    store.UseClustering(_ => { });
                }
                else
                {
                    store.UseSqlite(SqliteFactory.Instance, database.ConnectionString);
                }
            });

            AddRepeatingJob<SweepTimersJob>(quartz, SweepTimersJob.Name, schedule.SweepInterval);
            AddRepeatingJob<DispatchOutboxJob>(quartz, DispatchOutboxJob.Name, schedule.OutboxInterval);
            quartz.AddMailJobs(services);
            Mail.Intake.MailIntakeServiceCollectionExtensions.AddMailIntakeJob(quartz, services);
        });
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
        return services;
    }

    internal static void AddRepeatingJob<TJob>(IQuartzBuilder quartz, string name, TimeSpan interval)
        where TJob : IJob
    {
        quartz.ScheduleJob<TJob>(
            trigger => trigger
                .WithIdentity(name)
                .StartNow()
                .WithSchedule(SimpleScheduleBuilder.Create()
                    .WithInterval(interval)
                    .RepeatForever()
                    // After downtime or a stall a missed run fires once, now, and the schedule
                    // goes on from there: no burst of catch-up runs, since one run drains all.
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithExistingCount)),
            job => job.WithIdentity(name));
    }
}

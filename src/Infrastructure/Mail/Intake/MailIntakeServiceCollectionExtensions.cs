using FoiTracker.Application.Mail;
using FoiTracker.Infrastructure.Persistence.Repositories;
using FoiTracker.Infrastructure.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace FoiTracker.Infrastructure.Mail.Intake;

public static class MailIntakeServiceCollectionExtensions
{
    /// <summary>
    /// Incoming mail: settings, parser, matching, the store and the runner. The runner exists even
    /// when intake is off, so the holding pen can be read; only the scheduled job needs a host.
    /// </summary>
    public static IServiceCollection AddMailIntake(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = MailIntakeSettings.Read(configuration);
        services.AddSingleton(settings);
        services.AddSingleton(settings.Limits);
        services.AddSingleton<IInboundMailParser, MimeInboundMailParser>();
        services.AddScoped<IInboundMailStore, InboundMailRepository>();
        services.AddScoped<InboundMatcher>();
        services.AddScoped<InboundMailEffects>();
        services.AddSingleton<MailIntakeRunner>();
        return services;
    }

    /// <summary>Schedules the polling job when a mailbox is configured (called while the scheduler is set up).</summary>
    public static void AddMailIntakeJob(IQuartzBuilder quartz, IServiceCollection services)
    {
        if (services.LastOrDefault(descriptor => descriptor.ServiceType == typeof(MailIntakeSettings))?.ImplementationInstance is MailIntakeSettings { Enabled: true } settings)
            SchedulingServiceCollectionExtensions.AddRepeatingJob<MailIntakeJob>(quartz, MailIntakeJob.Name, settings.PollInterval);
    }
}

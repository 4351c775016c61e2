using FoiTracker.Application.Mail;
using FoiTracker.Application.Outbox;
using FoiTracker.Infrastructure.Configuration;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Infrastructure.Persistence.Repositories;
using FoiTracker.Infrastructure.Seeding;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Infrastructure.Mail;

public static class MailSendingServiceCollectionExtensions
{
    /// <summary>
    /// Outgoing mail: composing rows from the outbox's letters and notices, the store, the texts and
    /// the transport (pickup folder or SMTP). Register before the recording dispatcher, which takes
    /// whatever no other dispatcher does. Throws <see cref="ConfigurationProblemException"/> for a bad <c>Mail</c> setting.
    /// </summary>
    public static IServiceCollection AddMailSending(this IServiceCollection services, IConfiguration configuration, DatabaseOptions database, SeedOptions seeds)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(seeds);
        var settings = MailSendingSettings.Read(configuration, database.DataDirectory);
        services.AddSingleton(settings);
        services.AddSingleton<IMailTexts>(_ => FileMailTexts.Load(seeds.Directory));
        services.AddScoped<IOutgoingMailStore, OutgoingMailRepository>();
        services.AddScoped<MailComposer>();
        services.AddScoped<IOutboxDispatcher, NoticeOutboxDispatcher>();
        services.AddScoped<Application.Requests.Citizen.FollowerNotices>();
        services.AddScoped<IOutboxDispatcher, FollowerOutboxDispatcher>();
        if (settings.Transport == MailTransportKind.Smtp)
            services.AddSingleton<IMailTransport, SmtpMailTransport>();
        else
            services.AddSingleton<IMailTransport, PickupMailTransport>();
        return services;
    }
}

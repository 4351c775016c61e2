using System.Globalization;
using FoiTracker.Infrastructure.Mail;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace FoiTracker.Infrastructure.Scheduling;

public static class MailJobs
{
    /// <summary>The mail sender (every <c>Mail:SendInterval</c>) and the staff digest (daily at <c>Mail:Digest:Time</c> in its time zone).</summary>
    public static void AddMailJobs(this IQuartzBuilder quartz, IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(quartz);
        var settings = services.LastOrDefault(descriptor => descriptor.ServiceType == typeof(MailSendingSettings))?.ImplementationInstance as MailSendingSettings
            ?? throw new InvalidOperationException("The mail jobs need the mail settings: call AddInfrastructure first.");
        SchedulingServiceCollectionExtensions.AddRepeatingJob<SendMailJob>(quartz, SendMailJob.Name, settings.SendInterval);
        quartz.ScheduleJob<StaffDigestJob>(
            trigger => trigger
                .WithIdentity(StaffDigestJob.Name)
                .WithSchedule(CronScheduleBuilder
                    .Create(string.Create(CultureInfo.InvariantCulture, $"0 {settings.DigestTime.Minute} {settings.DigestTime.Hour} * * ?"))
                    .InTimeZone(settings.DigestTimeZone)
                    // A node that was down at that time writes the digest once when it is back; the day's key keeps it single.
                    .WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)),
            job => job.WithIdentity(StaffDigestJob.Name));
    }
}

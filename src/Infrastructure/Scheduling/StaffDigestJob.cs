using FoiTracker.Application.Mail.EnqueueStaffDigest;
using FoiTracker.Infrastructure.Mail;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace FoiTracker.Infrastructure.Scheduling;

/// <summary>Writes the daily digest for staff at the configured time of day; the sender job sends it.</summary>
[DisallowConcurrentExecution]
public sealed class StaffDigestJob(IServiceScopeFactory scopes, MailSendingSettings settings, TimeProvider clock, ILogger<StaffDigestJob> logger) : IJob
{
    public const string Name = "staff-digest";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), settings.DigestTimeZone).DateTime);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var result = await scope.ServiceProvider.GetRequiredService<ISender>().Send(new EnqueueStaffDigestCommand(day, settings.DigestTo), cancellationToken);
            if (result.Written)
                logger.LogInformation("Staff digest for {Day} written with {Count} notice(s)", day, result.Notices);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A missed digest is written by the next run (its window starts at the last digest written).
            logger.LogError(ex, "Staff digest for {Day} failed", day);
        }
    }
}

using Microsoft.Extensions.Logging;
using Quartz;

namespace FoiTracker.Infrastructure.Mail.Intake;

/// <summary>
/// Polls the mailbox. Never two at once: Quartz does not start a run while one is going (on every
/// node of a cluster), and each message takes a row lock on the mailbox position besides.
/// </summary>
[DisallowConcurrentExecution]
public sealed class MailIntakeJob(MailIntakeRunner runner, ILogger<MailIntakeJob> logger) : IJob
{
    public const string Name = "mail-intake";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await runner.RunOnceAsync(cancellationToken);
            if (result.Recorded + result.Failed > 0)
                logger.LogInformation("Mail intake recorded {Recorded} message(s), {Held} held, {Skipped} already recorded, {Failed} failed", result.Recorded, result.Held, result.Skipped, result.Failed);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            logger.LogInformation("Mail intake stopped by shutdown");
        }
        catch (Exception ex)
        {
            // The server may be down or the password wrong; the next poll tries again.
            logger.LogError(ex, "Mail intake could not read the mailbox; the next poll tries again");
        }
    }
}

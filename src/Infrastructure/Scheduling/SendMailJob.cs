using FoiTracker.Application.Mail.SendMail;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;

namespace FoiTracker.Infrastructure.Scheduling;

/// <summary>Sends pending mail, one message per transaction, until none is due (or the run's limit).</summary>
[DisallowConcurrentExecution]
public sealed class SendMailJob(IServiceScopeFactory scopes, ILogger<SendMailJob> logger)
    : BatchingJob<SendOutcome>(scopes, logger)
{
    public const string Name = "send-mail";

    protected override string Work => "Mail sending";

    protected override ValueTask<SendOutcome> SendBatchAsync(ISender sender, CancellationToken cancellationToken) =>
        sender.Send(new SendNextMailCommand(), cancellationToken);

    protected override bool HasMore(SendOutcome result) => result != SendOutcome.Idle;

    protected override void LogBatch(SendOutcome result)
    {
        // Failures are logged where they happen, with the message they concern.
    }
}

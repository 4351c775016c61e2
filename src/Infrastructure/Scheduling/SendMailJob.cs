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

    /// <summary>
    /// A batch here is one message, so the shared bound of 100 batches would cap sending at 100 mails
    /// per run (about 33 a second at the default interval) whatever the server could take. A run goes
    /// on until nothing is due, up to this many; shutdown still stops it between two messages.
    /// </summary>
    public const int MaxMessagesPerRun = 10_000;

    protected override int MaxBatchesPerRun => MaxMessagesPerRun;

    protected override string Work => "Mail sending";

    protected override ValueTask<SendOutcome> SendBatchAsync(ISender sender, int worker, CancellationToken cancellationToken) =>
        sender.Send(new SendNextMailCommand(), cancellationToken);

    protected override bool HasMore(SendOutcome result) => result != SendOutcome.Idle;

    protected override void LogBatch(SendOutcome result)
    {
        // Failures are logged where they happen, with the message they concern.
    }
}

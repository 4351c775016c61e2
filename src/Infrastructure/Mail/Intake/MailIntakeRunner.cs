using System.Collections.Concurrent;
using FoiTracker.Application.Mail;
using FoiTracker.Application.Mail.ReceiveMail;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FoiTracker.Infrastructure.Mail.Intake;

/// <summary>What one intake run did.</summary>
/// <param name="Waiting">Messages above the stored position when the run began.</param>
/// <param name="Recorded">Messages recorded now (matched or held).</param>
/// <param name="Skipped">Messages found already recorded (an earlier run, another node, a renumbered mailbox).</param>
/// <param name="Failed">1 when a message could not be recorded and the run stopped there for the next one to retry.</param>
public sealed record IntakeRunResult(int Waiting, int Recorded, int Held, int Skipped, int Failed);

/// <summary>
/// One pass over the mailbox: every message above the stored position, in UID order, each through
/// its own <see cref="ReceiveMailCommand"/> (its own transaction); bodies are downloaded a batch at a
/// time. A message over the size limit is fetched as headers only. When recording fails (the database away, a fault) the run stops there
/// and the next run starts from that message again; a message that fails
/// <see cref="AttemptsBeforeHolding"/> times in a row is kept raw in the holding pen with the error,
/// so one bad message never blocks the mailbox.
/// </summary>
public sealed class MailIntakeRunner(MailIntakeSettings settings, IServiceScopeFactory scopes, ILogger<MailIntakeRunner> logger)
{
    public const int AttemptsBeforeHolding = 3;
    private const int FetchBatchSize = 100;
    private const long FetchBatchBytes = 16L * 1024 * 1024;

    private readonly ConcurrentDictionary<(long UidValidity, long Uid), int> _failures = new();

    public async Task<IntakeRunResult> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var mailbox = await ImapMailbox.OpenAsync(settings, cancellationToken);
        var validity = mailbox.UidValidity;
        IntakePosition? position;
        await using (var scope = scopes.CreateAsyncScope())
            position = await scope.ServiceProvider.GetRequiredService<IInboundMailStore>().GetPositionAsync(settings.MailboxKey, cancellationToken);
        if (position is not null && position.UidValidity != validity)
            logger.LogWarning("Mailbox {Mailbox} changed UIDVALIDITY from {Old} to {New}: reading it again from the start, skipping messages already recorded", settings.MailboxKey, position.UidValidity, validity);

        var after = position?.UidValidity == validity ? position.LastUid : 0;
        var waiting = await mailbox.ListAfterAsync(after, cancellationToken);
        int recorded = 0, held = 0, skipped = 0;
        foreach (var batch in Batches(waiting))
        {
            var bodies = await mailbox.GetRawManyAsync(
                batch.Where(message => message.Size <= settings.Limits.MaxMessageBytes).Select(message => message.Uid).ToList(), cancellationToken);
            var seen = new List<long>();
            foreach (var message in batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var headersOnly = message.Size > settings.Limits.MaxMessageBytes;
                var raw = headersOnly
                    ? await mailbox.GetHeaderBlockAsync(message.Uid, cancellationToken)
                    : bodies.GetValueOrDefault(message.Uid) ?? await mailbox.GetRawAsync(message.Uid, cancellationToken);
                var command = new ReceiveMailCommand(settings.MailboxKey, validity, message.Uid, raw, message.Size, headersOnly);
                ReceivedMail result;
                try
                {
                    result = await SendAsync(command, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    var attempts = _failures.AddOrUpdate((validity, message.Uid), 1, (_, count) => count + 1);
                    if (attempts < AttemptsBeforeHolding)
                    {
                        logger.LogError(ex, "Intake could not record message {Uid} of {Mailbox} (attempt {Attempt}); the next run tries again from it", message.Uid, settings.MailboxKey, attempts);
                        await MarkSeenAsync(mailbox, seen, cancellationToken);
                        return new IntakeRunResult(waiting.Count, recorded, held, skipped, 1);
                    }

                    logger.LogError(ex, "Message {Uid} of {Mailbox} failed {Attempts} times; it goes to the holding pen raw", message.Uid, settings.MailboxKey, attempts);
                    result = await SendAsync(command with { HoldReason = $"Intake failed {attempts} times on this message: {ex.Message}" }, cancellationToken);
                }

                _failures.TryRemove((validity, message.Uid), out _);
                if (!result.Recorded)
                {
                    skipped++;
                    continue;
                }

                recorded++;
                if (result.Status == InboundMailStatus.Held)
                    held++;
                seen.Add(message.Uid);
            }

            await MarkSeenAsync(mailbox, seen, cancellationToken);
        }

        return new IntakeRunResult(waiting.Count, recorded, held, skipped, 0);
    }

    // Messages are downloaded a batch at a time (one FETCH), bounded in count and in bytes so a
    // run of large messages never sits in memory together; each is still recorded on its own.
    private static IEnumerable<List<WaitingMessage>> Batches(IReadOnlyList<WaitingMessage> waiting)
    {
        var batch = new List<WaitingMessage>();
        long bytes = 0;
        foreach (var message in waiting)
        {
            if (batch.Count > 0 && (batch.Count == FetchBatchSize || bytes + message.Size > FetchBatchBytes))
            {
                yield return batch;
                batch = [];
                bytes = 0;
            }

            batch.Add(message);
            bytes += message.Size;
        }

        if (batch.Count > 0)
            yield return batch;
    }

    private async Task<ReceivedMail> SendAsync(ReceiveMailCommand command, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(command, cancellationToken);
    }

    // Only a courtesy for people who look at the mailbox: the database, not the flag, says what was read.
    private async Task MarkSeenAsync(ImapMailbox mailbox, List<long> uids, CancellationToken cancellationToken)
    {
        if (uids.Count == 0)
            return;
        try
        {
            await mailbox.MarkSeenAsync(uids, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or MailKit.Net.Imap.ImapCommandException or MailKit.Net.Imap.ImapProtocolException)
        {
            logger.LogWarning(ex, "Could not flag {Count} message(s) of {Mailbox} as seen", uids.Count, settings.MailboxKey);
        }
    }
}

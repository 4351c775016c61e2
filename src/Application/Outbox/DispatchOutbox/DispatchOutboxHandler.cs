using System.Text.Json;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Application.Common.Models;
using FoiTracker.Application.Letters;
using FoiTracker.Application.Mail;
using Mediator;
using Microsoft.Extensions.Logging;

namespace FoiTracker.Application.Outbox.DispatchOutbox;

public sealed class DispatchOutboxHandler(
    IOutboxStore outbox,
    IEnumerable<IOutboxDispatcher> dispatchers,
    MailTimeline timeline,
    TimeProvider clock,
    ILogger<DispatchOutboxHandler> logger)
    : ICommandHandler<DispatchOutboxCommand, DispatchResult>
{
    public const int MaxBackoffMinutes = 60;

    /// <summary>The timeline entry of a request whose letter or notice was given up: staff must carry it out by hand.</summary>
    public const string GivenUpKind = "effect:failed";

    public async ValueTask<DispatchResult> Handle(DispatchOutboxCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var pending = await outbox.ClaimPendingAsync(now, command.BatchSize, cancellationToken);
        int dispatched = 0, failed = 0;
        foreach (var message in pending)
        {
            var dispatcher = dispatchers.FirstOrDefault(candidate => candidate.CanDispatch(message));
            try
            {
                if (dispatcher is null)
                    throw new PermanentOutboxFailureException($"No dispatcher handles outbox rows of kind '{message.Kind}' ({message.Name}).");
                await dispatcher.DispatchAsync(message, cancellationToken);
                await outbox.MarkDispatchedAsync(message.Id, clock.GetUtcNow(), cancellationToken);
                dispatched++;
            }
            catch (Exception ex) when (IsPermanent(ex))
            {
                // Trying again would fail the same way and the effect would never happen: give it up
                // now, so the request reaches the staff queue the day it fails, not after days of retries.
                logger.LogWarning(ex, "Outbox row {DedupKey} given up: {Reason}", message.DedupKey, ex.Message);
                await outbox.MarkGivenUpAsync(message.Id, ex.Message, now, cancellationToken);
                if (message.RequestId is { } requestId)
                    await timeline.NoteAsync(requestId, GivenUpKind, now, Describe(message, ex.Message), $"{GivenUpKind}:{message.Id:N}", cancellationToken);
                failed++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Exponential back-off, capped: a broken dispatcher neither spins nor drops the row.
                var delay = Backoff.Exponential(TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(MaxBackoffMinutes), message.Attempts);
                logger.LogWarning(ex, "Outbox row {DedupKey} failed (attempt {Attempt}); retrying in {Delay}", message.DedupKey, message.Attempts + 1, delay);
                await outbox.MarkFailedAsync(message.Id, ex.Message, now + delay, cancellationToken);
                failed++;
            }
        }

        return new DispatchResult(dispatched, failed, pending.Count == command.BatchSize);
    }

    /// <summary>
    /// A failure no retry can fix: the letter cannot be made from the request (a character the font
    /// lacks, a fact the template needs), a template, request or body is missing, or the row itself
    /// cannot be read. A database or network hiccup is none of these and keeps the back-off.
    /// </summary>
    public static bool IsPermanent(Exception exception) =>
        exception is LetterContentException or LetterTemplateException or NotFoundException or PermanentOutboxFailureException or JsonException;

    private static string Describe(OutboxMessage message, string reason)
    {
        var who = message.Recipient.Replace('_', ' ');
        var what = message.Kind switch
        {
            "letter" => $"The {message.Name} letter to the {who} could not be made",
            "notify" => $"The '{message.Name}' notice to the {who} could not be sent",
            _ => $"The {message.Kind} '{message.Name}' for the {who} could not be carried out",
        };
        return $"{what}: {reason.TrimEnd('.')}. It will not be tried again; staff must see to it by hand.";
    }
}

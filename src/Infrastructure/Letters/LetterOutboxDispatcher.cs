using System.Text.Json;
using FoiTracker.Application.Letters;
using FoiTracker.Application.Mail;
using FoiTracker.Application.Outbox;

namespace FoiTracker.Infrastructure.Letters;

/// <summary>
/// Produces the letters workflow steps name (outbox rows of kind "letter"): renders the letter for
/// the row's request, kind and recipient, dated the day it is made and filled from the request as it
/// stands then (a request recorded late catches up on its steps today, and its letters say today),
/// and stores it linked to the step. A row handed over twice on one day renders the same bytes and
/// finds the letter already stored (unique per request and content hash). Letter kinds without a template yet are left to the next dispatcher, which records them.
/// The stored letter is then mailed to its addressee where that has a verified address, in the same transaction.
/// </summary>
public sealed class LetterOutboxDispatcher(LetterComposer composer, ILetterTemplates templates, MailComposer mail) : IOutboxDispatcher
{
    public bool CanDispatch(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        // A row whose payload cannot be read is taken too, and refused for good: left to the next
        // dispatcher it would be recorded as done, and the letter silently never made.
        return message.Kind == "letter" && (Read(message) is not { } payload || templates.DefaultLanguage(payload.Statute, message.Name) is not null);
    }

    public async Task DispatchAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var payload = Read(message) ?? throw new PermanentOutboxFailureException($"Outbox row {message.DedupKey} has no readable letter payload.");
        var letter = await composer.ProduceAsync(payload.RequestId, message.Name, null, message.Recipient, payload.At, "workflow", message.DedupKey, cancellationToken);
        await mail.MailLetterAsync(message, letter, cancellationToken);
    }

    public async Task PrepareAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (Read(message) is { } payload)
            await composer.PrepareAsync(payload.RequestId, message.Name, null, message.Recipient, cancellationToken);
    }

    private static Payload? Read(OutboxMessage message)
    {
        try
        {
            using var json = JsonDocument.Parse(message.Payload);
            var root = json.RootElement;
            return new Payload(root.GetProperty("requestId").GetGuid(), root.GetProperty("statute").GetString() ?? string.Empty, root.GetProperty("at").GetDateTimeOffset());
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    private sealed record Payload(Guid RequestId, string Statute, DateTimeOffset At);
}

using FoiTracker.Domain.Mail;

namespace FoiTracker.Application.Mail;

/// <summary>
/// An incoming message as far as it could be read. <see cref="Problem"/> says why it cannot be
/// trusted (broken structure, unknown charset, missing sender); such a message goes to the
/// holding pen raw, with whatever fields were readable.
/// </summary>
public sealed record ParsedMail(
    string? MessageId,
    string? From,
    string? Subject,
    DateTimeOffset? Date,
    IReadOnlyList<string> Recipients,
    string? InReplyTo,
    IReadOnlyList<string> References,
    InboundHeaders Headers,
    DeliveryReport? Report,
    IReadOnlyList<ReceivedAttachment> Attachments,
    string? Problem);

/// <summary>What a delivery status notification says about the message it returns (RFC 3464).</summary>
/// <param name="OriginalMessageId">The Message-ID of the message that did not arrive, without angle brackets.</param>
/// <param name="Action">failed, delayed, delivered, relayed or expanded.</param>
public sealed record DeliveryReport(string? OriginalMessageId, string? Action, string? Status, string? Diagnostic, string? Recipient)
{
    /// <summary>Delivery failed for good: the outgoing mail is marked bounced.</summary>
    public bool IsFailure => string.Equals(Action, "failed", StringComparison.OrdinalIgnoreCase)
        || (Action is null && Status is not null && Status.StartsWith('5'));

    public string Describe()
    {
        var parts = new List<string>();
        if (Recipient is not null)
            parts.Add($"to {Recipient}");
        if (Action is not null)
            parts.Add($"action {Action}");
        if (Status is not null)
            parts.Add($"status {Status}");
        if (Diagnostic is not null)
            parts.Add(Diagnostic);
        return parts.Count == 0 ? "No details in the report." : string.Join("; ", parts);
    }
}

/// <summary>An attachment, decoded.</summary>
public sealed record ReceivedAttachment(string? FileName, string DeclaredType, byte[] Content);

/// <summary>Reads raw message bytes; never throws for bad input (the problem is reported instead).</summary>
public interface IInboundMailParser
{
    /// <param name="headersOnly">The bytes are only the header block of a message too large to download.</param>
    ParsedMail Parse(ReadOnlyMemory<byte> raw, bool headersOnly);
}

/// <summary>Limits of the intake, from configuration.</summary>
public sealed record MailIntakeLimits(long MaxMessageBytes, long MaxAttachmentBytes)
{
    public const long DefaultMaxMessageBytes = 25L * 1024 * 1024;
    public const long DefaultMaxAttachmentBytes = 10L * 1024 * 1024;

    public static readonly MailIntakeLimits Default = new(DefaultMaxMessageBytes, DefaultMaxAttachmentBytes);
}

using System.Text;
using System.Text.RegularExpressions;
using FoiTracker.Application.Mail;
using FoiTracker.Domain.Mail;
using MimeKit;

namespace FoiTracker.Infrastructure.Mail.Intake;

/// <summary>
/// Reads incoming messages with MimeKit. MimeKit forgives almost anything, which is right for
/// reading but wrong for deciding: a message whose header block holds garbage, whose multipart
/// never ends, whose text names a charset nobody knows or that has no sender is reported as a
/// problem, so it goes to the holding pen for a person instead of being half-understood.
/// </summary>
public sealed partial class MimeInboundMailParser : IInboundMailParser
{
    private static readonly string[] RecipientFields = ["Delivered-To", "X-Original-To", "Envelope-To", "X-Envelope-To"];

    static MimeInboundMailParser() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public ParsedMail Parse(ReadOnlyMemory<byte> raw, bool headersOnly)
    {
        var headerProblem = CheckHeaderBlock(raw.Span);
        MimeMessage message;
        try
        {
            using var stream = new MemoryStream(raw.ToArray(), writable: false);
            message = MimeMessage.Load(ParserOptions.Default, stream);
        }
        catch (FormatException ex)
        {
            return Unreadable(headerProblem ?? $"MimeKit could not read the message: {ex.Message}");
        }

        var problem = headerProblem;
        if (problem is null && message.From.Mailboxes.FirstOrDefault() is null)
            problem = "The message has no sender: its From header is missing or holds no address.";
        if (problem is null && !headersOnly)
            problem = CheckStructure(message, raw.Span);

        var report = headersOnly ? null : ReadReport(message);
        var contentType = message.Body?.ContentType ?? ContentTypeFromHeaders(message.Headers);
        var headers = new InboundHeaders(
            message.From.Mailboxes.FirstOrDefault()?.Address,
            message.Subject,
            contentType?.MimeType,
            contentType?.Parameters["report-type"],
            message.Headers.Select(header => new KeyValuePair<string, string>(header.Field, header.Value)));
        return new ParsedMail(
            Empty(message.MessageId),
            message.From.Mailboxes.FirstOrDefault()?.ToString(),
            message.Subject,
            message.Headers.Contains(HeaderId.Date) ? message.Date.ToUniversalTime() : null,
            Recipients(message),
            Empty(message.InReplyTo),
            message.References.Where(reference => !string.IsNullOrWhiteSpace(reference)).ToList(),
            headers,
            report,
            headersOnly || problem is not null ? [] : Attachments(message),
            problem);
    }

    private static ParsedMail Unreadable(string problem) =>
        new(null, null, null, null, [], null, [], new InboundHeaders(null, null, null, null, []), null, [], problem);

    // Every line before the first empty one must be a field ("Name: value") or continue the one
    // before it; an mbox "From " line may open the block.
    private static string? CheckHeaderBlock(ReadOnlySpan<byte> raw)
    {
        if (raw.IsEmpty)
            return "The message is empty.";
        var line = 0;
        var start = 0;
        while (start < raw.Length)
        {
            var end = raw[start..].IndexOf((byte)'\n');
            var text = end < 0 ? raw[start..] : raw[start..(start + end)];
            if (text.Length > 0 && text[^1] == '\r')
                text = text[..^1];
            line++;
            if (text.IsEmpty)
                return line == 1 ? "The message has no header block: it starts with an empty line." : null;
            var isField = FieldName(text);
            var continues = line > 1 && (text[0] == ' ' || text[0] == '\t');
            var mbox = line == 1 && text.StartsWith("From "u8);
            if (!isField && !continues && !mbox)
                return $"Line {line} of the header block is not a header field: \"{Show(text)}\".";
            if (end < 0)
                break;
            start += end + 1;
        }

        return null;
    }

    private static bool FieldName(ReadOnlySpan<byte> line)
    {
        var colon = line.IndexOf((byte)':');
        if (colon <= 0)
            return false;
        foreach (var b in line[..colon])
        {
            // RFC 5322 2.2: printable US-ASCII except the colon; no spaces.
            if (b is < 33 or > 126)
                return false;
        }

        return true;
    }

    private static string Show(ReadOnlySpan<byte> line)
    {
        var text = Encoding.UTF8.GetString(line[..Math.Min(line.Length, 60)]);
        return new string(text.Select(c => char.IsControl(c) ? '?' : c).ToArray());
    }

    private static string? CheckStructure(MimeMessage message, ReadOnlySpan<byte> raw)
    {
        if (message.Body is null)
            return "The message has no body.";
        foreach (var entity in Walk(message.Body))
        {
            if (entity is Multipart multipart)
            {
                var boundary = multipart.Boundary;
                if (string.IsNullOrEmpty(boundary))
                    return $"A {multipart.ContentType.MimeType} part has no boundary parameter.";
                if (raw.IndexOf(Encoding.ASCII.GetBytes("--" + boundary + "--")) < 0)
                    return $"The {multipart.ContentType.MimeType} part with boundary \"{boundary}\" never ends: its closing boundary is missing (a cut or broken message).";
                if (multipart.Count == 0)
                    return $"The {multipart.ContentType.MimeType} part with boundary \"{boundary}\" holds no parts.";
            }
            else if (entity is TextPart text && text.ContentType.Charset is { } charset && !KnownCharset(charset))
            {
                return $"A text part names the charset \"{charset}\", which is not known, so its text cannot be read reliably.";
            }
        }

        return null;
    }

    private static bool KnownCharset(string charset)
    {
        var name = charset.Trim().Trim('"');
        if (name.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal).ToLowerInvariant() is "utf8" or "usascii" or "ascii" or "latin1")
            return true;
        try
        {
            _ = Encoding.GetEncoding(name);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static IEnumerable<MimeEntity> Walk(MimeEntity entity)
    {
        yield return entity;
        if (entity is Multipart multipart)
        {
            foreach (var child in multipart)
            {
                foreach (var nested in Walk(child))
                    yield return nested;
            }
        }
    }

    private static List<string> Recipients(MimeMessage message)
    {
        var addresses = message.To.Mailboxes.Concat(message.Cc.Mailboxes).Select(mailbox => mailbox.Address).ToList();
        foreach (var field in RecipientFields)
        {
            foreach (var header in message.Headers.Where(header => header.Field.Equals(field, StringComparison.OrdinalIgnoreCase)))
            {
                if (InternetAddressList.TryParse(header.Value, out var list))
                    addresses.AddRange(list.Mailboxes.Select(mailbox => mailbox.Address));
                else
                    addresses.Add(header.Value.Trim().Trim('<', '>'));
            }
        }

        return addresses.Where(address => !string.IsNullOrWhiteSpace(address)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private static DeliveryReport? ReadReport(MimeMessage message)
    {
        var parts = message.Body is null ? [] : Walk(message.Body).ToList();
        var status = parts.OfType<MessageDeliveryStatus>().FirstOrDefault();
        var original = parts.OfType<MessagePart>().Select(part => part.Message).FirstOrDefault(returned => returned is not null);
        var originalId = Empty(original?.MessageId);
        if (status is null)
        {
            // A bounce without a delivery-status part: the returned message, or its Message-ID quoted in the text.
            if (originalId is null && message.TextBody is { } text && QuotedMessageId().Match(text) is { Success: true } quoted)
                originalId = quoted.Groups["id"].Value;
            return originalId is null ? null : new DeliveryReport(originalId, null, null, null, null);
        }

        var recipient = status.StatusGroups.Skip(1).FirstOrDefault() ?? status.StatusGroups.FirstOrDefault();
        return new DeliveryReport(
            originalId,
            Empty(recipient?["Action"]),
            Empty(recipient?["Status"]),
            Empty(recipient?["Diagnostic-Code"]),
            Empty(recipient?["Final-Recipient"] ?? recipient?["Original-Recipient"]));
    }

    private static List<ReceivedAttachment> Attachments(MimeMessage message)
    {
        var found = new List<ReceivedAttachment>();
        var first = true;
        foreach (var entity in message.BodyParts)
        {
            // The first text part is the message itself; the report parts of a bounce are read, not filed.
            var isBody = first && entity is TextPart { IsAttachment: false };
            first = false;
            if (isBody || entity is MessageDeliveryStatus || entity is TextRfc822Headers)
                continue;
            if (entity is TextPart { IsAttachment: false } && entity.ContentType.MimeType is "text/plain" or "text/html")
                continue;
            using var buffer = new MemoryStream();
            string? name;
            if (entity is MessagePart { Message: { } attached })
            {
                attached.WriteTo(buffer);
                name = entity.ContentDisposition?.FileName ?? "attached-message.eml";
            }
            else if (entity is MimePart part)
            {
                part.Content?.DecodeTo(buffer);
                name = part.FileName;
            }
            else
            {
                continue;
            }

            found.Add(new ReceivedAttachment(name, entity.ContentType.MimeType, buffer.ToArray()));
        }

        return found;
    }

    private static ContentType? ContentTypeFromHeaders(HeaderList headers) =>
        headers[HeaderId.ContentType] is { } value && ContentType.TryParse(value, out var type) ? type : null;

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim().Trim('<', '>');

    [GeneratedRegex(@"Message-ID:\s*<(?<id>[^<>\s]+)>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex QuotedMessageId();
}

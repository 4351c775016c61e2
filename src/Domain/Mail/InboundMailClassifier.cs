using System.Text.RegularExpressions;

namespace FoiTracker.Domain.Mail;

/// <summary>What an incoming message is, before anyone reads it.</summary>
public enum InboundKind
{
    /// <summary>Written by a person: a candidate answer.</summary>
    Reply,

    /// <summary>Sent by a machine on someone's behalf: out of office, "we received your mail".</summary>
    AutoReply,

    /// <summary>A delivery report: our mail did not arrive (or is delayed).</summary>
    Bounce,
}

/// <summary>The headers that decide <see cref="InboundKind"/>; field names are case-insensitive.</summary>
public sealed class InboundHeaders
{
    private readonly Dictionary<string, string> _fields = new(StringComparer.OrdinalIgnoreCase);

    /// <param name="mimeType">The top-level content type, e.g. <c>multipart/report</c>.</param>
    /// <param name="reportType">Its <c>report-type</c> parameter, e.g. <c>delivery-status</c>.</param>
    public InboundHeaders(string? from, string? subject, string? mimeType, string? reportType, IEnumerable<KeyValuePair<string, string>> fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        From = from;
        Subject = subject;
        MimeType = mimeType;
        ReportType = reportType;
        // The first occurrence counts, as for any header a message should carry once.
        foreach (var (name, value) in fields)
            _fields.TryAdd(name, value);
    }

    public string? From { get; }

    public string? Subject { get; }

    public string? MimeType { get; }

    public string? ReportType { get; }

    public string? this[string name] => _fields.GetValueOrDefault(name);
}

/// <summary>The kind and the evidence, in words staff can check.</summary>
public sealed record InboundVerdict(InboundKind Kind, string Reason);

/// <summary>
/// Tells a person's reply from an automatic one and from a bounce. Automatic answers must never
/// count as the body's answer: an out-of-office note is not a reply under the law's deadline.
/// The rules follow RFC 3834 (Auto-Submitted), RFC 3464 (delivery status notifications) and what
/// common servers send without either (X-Autoreply, Precedence, "Out of Office" subjects,
/// MAILER-DAEMON "Undelivered Mail" notices).
/// </summary>
public static partial class InboundMailClassifier
{
    public static InboundVerdict Classify(InboundHeaders headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (string.Equals(headers.MimeType, "multipart/report", StringComparison.OrdinalIgnoreCase)
            && string.Equals(headers.ReportType, "delivery-status", StringComparison.OrdinalIgnoreCase))
            return new InboundVerdict(InboundKind.Bounce, "A delivery status notification (multipart/report; report-type=delivery-status, RFC 3464).");

        var subject = headers.Subject?.Trim() ?? string.Empty;
        var from = headers.From ?? string.Empty;
        if (MailerDaemon().IsMatch(from) && BounceSubject().IsMatch(subject))
            return new InboundVerdict(InboundKind.Bounce, $"A non-delivery notice from {from.Trim()} (\"{Shorten(subject)}\").");

        // RFC 3834 section 5: any value other than "no" marks a message sent automatically.
        if (headers["Auto-Submitted"] is { } autoSubmitted && !autoSubmitted.Trim().StartsWith("no", StringComparison.OrdinalIgnoreCase))
            return new InboundVerdict(InboundKind.AutoReply, $"Auto-Submitted: {autoSubmitted.Trim()} (RFC 3834).");
        foreach (var name in AutoReplyFields)
        {
            if (headers[name] is { } value && !string.Equals(value.Trim(), "no", StringComparison.OrdinalIgnoreCase))
                return new InboundVerdict(InboundKind.AutoReply, $"{name}: {value.Trim()}.");
        }

        var precedence = headers["Precedence"]?.Trim();
        if (string.Equals(precedence, "auto_reply", StringComparison.OrdinalIgnoreCase))
            return new InboundVerdict(InboundKind.AutoReply, "Precedence: auto_reply.");
        if (AutoReplySubject().IsMatch(subject))
            return new InboundVerdict(InboundKind.AutoReply, $"The subject reads as an automatic reply (\"{Shorten(subject)}\").");
        if (precedence is not null && (precedence.Equals("bulk", StringComparison.OrdinalIgnoreCase) || precedence.Equals("junk", StringComparison.OrdinalIgnoreCase))
            && headers["In-Reply-To"] is null)
            return new InboundVerdict(InboundKind.AutoReply, $"Precedence: {precedence}, not a reply to any message.");
        return new InboundVerdict(InboundKind.Reply, "Written by a person (no sign of an automatic message).");
    }

    private static readonly string[] AutoReplyFields = ["X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-Auto-Reply"];

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

    [GeneratedRegex(@"\b(mailer-daemon|postmaster)@", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MailerDaemon();

    [GeneratedRegex(@"undeliver|not (be )?delivered|delivery (status notification|failure|has failed)|failure notice|returned mail|mail delivery (failed|system)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex BounceSubject();

    // At the start of the subject only: "Re: out of office in our budget" is a person writing.
    [GeneratedRegex(@"^(out of (the )?office|automatic reply|auto[- ]?reply|autoreply|auto[- ]?response|abwesenheitsnotiz|réponse automatique|ავტომატური პასუხი)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AutoReplySubject();
}

using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using FoiTracker.Application.Mail.ReadInboundMail;
using MimeKit;

namespace FoiTracker.Infrastructure.Mail.Intake;

/// <summary>A message's text for reading on a page: its plain part, else its HTML part as text.</summary>
public sealed partial class MimeMailTextReader : IMailTextReader
{
    static MimeMailTextReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public string? TextOf(ReadOnlyMemory<byte> raw)
    {
        MimeMessage message;
        try
        {
            using var stream = new MemoryStream(raw.ToArray(), writable: false);
            message = MimeMessage.Load(ParserOptions.Default, stream);
        }
        catch (FormatException)
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(message.TextBody))
            return message.TextBody.Trim();
        // Shown as text in an HTML page: the tags go, the entities are decoded, and the page encodes the result again.
        return message.HtmlBody is { } html && WebUtility.HtmlDecode(Tags().Replace(html, " ")).Trim() is { Length: > 0 } text ? text : null;
    }

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();
}

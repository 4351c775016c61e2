using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using FoiTracker.Application.Letters;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace FoiTracker.Infrastructure.Letters;

/// <summary>
/// Lays a letter out on A4 and draws it with PDFsharp: sender and addressee blocks, date, subject,
/// paragraphs and lists with word wrapping, a signature line, and a footer with the request
/// reference and page numbers on every page. Long letters paginate. The layout is our own code
/// (ADR 003); PDFsharp only draws positioned strings. Output is deterministic: the dates come from
/// the letter's own date and the document id from a hash of its content.
/// </summary>
public sealed partial class PdfLetterRenderer : ILetterRenderer
{
    /// <summary>
    /// The documented limit: 150,000 characters of text in one letter (the longest request text is
    /// 100,000 — <c>FoiRequest.MaxTextLength</c> — plus the template). About 45 pages.
    /// </summary>
    public const int Limit = 150_000;

    private const double PageWidth = 595.28;
    private const double PageHeight = 841.89;
    private const double Left = 70.87;
    private const double Right = PageWidth - 56.69;
    private const double Top = 56.69;
    private const double Bottom = PageHeight - 72;
    private const double FooterBaseline = PageHeight - 40;
    private const double BodySize = 10.5;
    private const double BodyLeading = 14.6;
    private const double SmallSize = 9;
    private const double SmallLeading = 12.2;
    private const double SubjectSize = 11.5;
    private const double SubjectLeading = 15.5;
    private const double ParagraphGap = 6;
    private const double ListIndent = 18;
    private const double AddresseeColumn = 318;

    /// <summary>
    /// PDFsharp makes a document's dictionaries through reflection (<c>ConstructorInfo.Invoke</c>).
    /// The runtime holds a type's reflection data weakly: after a garbage collection the next letter
    /// gets fresh constructors, and the runtime compiles a new invoke stub for each on its second call:
    /// under load, 882 such stubs were compiled in 10 seconds of filing, 12 once they were held here
    /// for the life of the process.
    /// </summary>
    private static readonly ConstructorInfo[] PdfObjectConstructors = [.. typeof(PdfItem).Assembly.GetTypes()
        .Where(type => typeof(PdfItem).IsAssignableFrom(type) && !type.IsAbstract)
        .SelectMany(type => type.GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))];

    private readonly LetterFonts _fonts = LetterFonts.Instance;

    public PdfLetterRenderer() => GC.KeepAlive(PdfObjectConstructors);

    public int MaxCharacters => Limit;

    public IReadOnlyList<int> MissingCharacters(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var missing = new List<int>();
        foreach (var rune in Clean(text).EnumerateRunes())
        {
            if (!Rune.IsWhiteSpace(rune) && !_fonts.Regular.Has(rune.Value) && !missing.Contains(rune.Value))
                missing.Add(rune.Value);
        }

        return missing;
    }

    public RenderedLetter Render(LetterDocument letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        var clean = Sanitise(letter);
        CheckClean(clean);
        var pages = Layout(clean);
        return Draw(clean, pages);
    }

    // Layout and drawing cannot fail on content (a word wider than a line is broken), so the checks
    // made before them are all a letter has to pass.
    public void Check(LetterDocument letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        CheckClean(Sanitise(letter));
    }

    /// <summary>Control characters (C0, C1, DEL) are dropped; tabs become spaces; text is NFC so a composed and a decomposed letter look up the same glyph.</summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalised = text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
        var needsWork = false;
        foreach (var c in normalised)
        {
            if (char.IsControl(c))
            {
                needsWork = true;
                break;
            }
        }

        if (!needsWork)
            return normalised;
        var builder = new StringBuilder(normalised.Length);
        foreach (var c in normalised)
        {
            if (c is '\t' or '\n' or '\r')
                builder.Append(' ');
            else if (!char.IsControl(c))
                builder.Append(c);
        }

        return builder.ToString();
    }

    private static LetterDocument Sanitise(LetterDocument letter) => letter with
    {
        DateText = Clean(letter.DateText),
        Sender = letter.Sender.Select(Clean).ToList(),
        Addressee = letter.Addressee.Select(Clean).ToList(),
        Subject = Clean(letter.Subject),
        Blocks = letter.Blocks.Select(block => block with { Text = Clean(block.Text) }).ToList(),
        SignatureLabel = Clean(letter.SignatureLabel),
        SignatureName = Clean(letter.SignatureName),
        Reference = Clean(letter.Reference),
    };

    private void CheckClean(LetterDocument letter)
    {
        var parts = new List<(string Where, string Text, bool Bold)>
        {
            ("the date", letter.DateText, false),
            ("the subject", letter.Subject, true),
            ("the signature", letter.SignatureLabel + " " + letter.SignatureName, false),
            ("the reference", letter.Reference, false),
        };
        parts.AddRange(letter.Sender.Select(line => ("the sender block", line, false)));
        parts.AddRange(letter.Addressee.Select((line, index) => ("the addressee block", line, index == 0)));
        parts.AddRange(letter.Blocks.Select((block, index) => ($"paragraph {index + 1}", block.Text, false)));

        var length = parts.Sum(part => part.Text.Length);
        if (length > Limit)
            throw new LetterContentException($"The letter has {length:N0} characters; a letter may have at most {Limit:N0}. Shorten the request text or attach it separately.");

        foreach (var (where, text, bold) in parts)
        {
            var metrics = bold ? _fonts.Bold : _fonts.Regular;
            foreach (var rune in text.EnumerateRunes())
            {
                if (Rune.IsWhiteSpace(rune) || metrics.Has(rune.Value))
                    continue;
                var hint = rune.Value == 0x20BE ? " Write the lari as GEL." : string.Empty;
                throw new LetterContentException(string.Create(
                    CultureInfo.InvariantCulture,
                    $"The letter cannot show the character U+{rune.Value:X4} '{rune}' in {where}: the bundled font ({LetterFonts.Family}) has no glyph for it.{hint}"));
            }
        }
    }

    private List<List<Placed>> Layout(LetterDocument letter)
    {
        var pages = new List<List<Placed>> { new() };
        var y = Top;

        void NewPage()
        {
            pages.Add([]);
            y = Top;
        }

        void Ensure(double height)
        {
            if (y + height > Bottom)
                NewPage();
        }

        // Sender (left) and addressee (right) side by side at the top of page 1.
        var senderY = Top;
        foreach (var line in letter.Sender)
        {
            foreach (var wrapped in Wrap(line, _fonts.Regular, SmallSize, AddresseeColumn - Left - 24))
            {
                pages[0].Add(new Placed(wrapped, Left, senderY + SmallSize, SmallSize, false));
                senderY += SmallLeading;
            }
        }

        var addresseeY = Top;
        for (var i = 0; i < letter.Addressee.Count; i++)
        {
            var bold = i == 0;
            foreach (var wrapped in Wrap(letter.Addressee[i], bold ? _fonts.Bold : _fonts.Regular, BodySize, Right - AddresseeColumn))
            {
                pages[0].Add(new Placed(wrapped, AddresseeColumn, addresseeY + BodySize, BodySize, bold));
                addresseeY += BodyLeading;
            }
        }

        y = Math.Max(senderY, addresseeY) + 20;
        var dateWidth = _fonts.Regular.Measure(letter.DateText) * BodySize;
        pages[0].Add(new Placed(letter.DateText, Right - dateWidth, y + BodySize, BodySize, false));
        y += BodyLeading + 18;

        foreach (var line in Wrap(letter.Subject, _fonts.Bold, SubjectSize, Right - Left))
        {
            Ensure(SubjectLeading);
            pages[^1].Add(new Placed(line, Left, y + SubjectSize, SubjectSize, true));
            y += SubjectLeading;
        }

        y += 12;
        LetterBlockKind? previous = null;
        foreach (var block in letter.Blocks)
        {
            // A list is set off from the paragraph after it as paragraphs are from each other.
            if (previous == LetterBlockKind.ListItem && block.Kind == LetterBlockKind.Paragraph)
                y += ParagraphGap;
            previous = block.Kind;
            var indent = block.Kind == LetterBlockKind.ListItem ? ListIndent : 0;
            var lines = Wrap(block.Text, _fonts.Regular, BodySize, Right - Left - indent);
            for (var i = 0; i < lines.Count; i++)
            {
                Ensure(BodyLeading);
                if (i == 0 && indent > 0)
                    pages[^1].Add(new Placed("•", Left + 5, y + BodySize, BodySize, false));
                pages[^1].Add(new Placed(lines[i], Left + indent, y + BodySize, BodySize, false));
                y += BodyLeading;
            }

            y += block.Kind == LetterBlockKind.ListItem ? 2 : ParagraphGap;
        }

        // The signature stays in one piece: label with a line to sign on, the name under it.
        y += 22;
        Ensure((BodyLeading * 2) + 24);
        var label = letter.SignatureLabel.Length == 0 ? string.Empty : letter.SignatureLabel + " ";
        pages[^1].Add(new Placed(label + "______________________", Left, y + BodySize, BodySize, false));
        y += BodyLeading + 4;
        pages[^1].Add(new Placed(letter.SignatureName, Left, y + BodySize, BodySize, false));
        return pages;
    }

    private static List<string> Wrap(string text, TrueTypeMetrics metrics, double size, double width)
    {
        var lines = new List<string>();
        var limit = width / size;
        var space = metrics.Advance(' ');
        var line = new StringBuilder();
        double lineWidth = 0;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var wordWidth = metrics.Measure(word);
            if (line.Length > 0 && lineWidth + space + wordWidth <= limit)
            {
                line.Append(' ').Append(word);
                lineWidth += space + wordWidth;
                continue;
            }

            if (line.Length > 0)
            {
                lines.Add(line.ToString());
                line.Clear();
                lineWidth = 0;
            }

            if (wordWidth <= limit)
            {
                line.Append(word);
                lineWidth = wordWidth;
                continue;
            }

            // A word wider than the line (a long URL, a run without spaces) is broken where it must be.
            foreach (var rune in word.EnumerateRunes())
            {
                var runeWidth = metrics.Advance(rune.Value);
                if (line.Length > 0 && lineWidth + runeWidth > limit)
                {
                    lines.Add(line.ToString());
                    line.Clear();
                    lineWidth = 0;
                }

                line.Append(rune.ToString());
                lineWidth += runeWidth;
            }
        }

        if (line.Length > 0 || lines.Count == 0)
            lines.Add(line.ToString());
        return lines;
    }

    private RenderedLetter Draw(LetterDocument letter, List<List<Placed>> pages)
    {
        using var document = new PdfDocument();
        var date = letter.Date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        document.Info.Title = letter.Title;
        document.Info.Author = letter.SignatureName;
        document.Info.Creator = "FoiTracker";
        document.Info.CreationDate = date;
        document.Info.ModificationDate = date;
        var id = DocumentId(letter);
        // The trailer /ID holds raw bytes (one char per byte), as PDFsharp writes its own random one.
        var raw = System.Text.Encoding.Latin1.GetString(id.ToByteArray());
        document.Internals.FirstDocumentID = raw;
        document.Internals.SecondDocumentID = raw;
        document.Options.CompressContentStreams = true;
        // Deflate at its default level is over half the cost of a letter (the embedded font subset
        // is most of the bytes); the fastest level makes letters ~2.5x faster for ~25 % more bytes
        // (about 22 KB instead of 17 KB for one page), which we take.
        document.Options.FlateEncodeMode = PdfFlateEncodeMode.BestSpeed;

        var options = new XPdfFontOptions(PdfFontEncoding.Unicode);
        var fonts = new Dictionary<(double, bool), XFont>();
        XFont Font(double size, bool bold)
        {
            if (!fonts.TryGetValue((size, bold), out var font))
                fonts[(size, bold)] = font = new XFont(LetterFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, options);
            return font;
        }

        for (var number = 0; number < pages.Count; number++)
        {
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(PageWidth);
            page.Height = XUnit.FromPoint(PageHeight);
            using var graphics = XGraphics.FromPdfPage(page);
            foreach (var text in pages[number])
                graphics.DrawString(text.Text, Font(text.Size, text.Bold), XBrushes.Black, text.X, text.Baseline);

            var footer = Font(8.5, false);
            graphics.DrawLine(XPens.Gray, Left, FooterBaseline - 12, Right, FooterBaseline - 12);
            graphics.DrawString("№ " + letter.Reference, footer, XBrushes.DimGray, Left, FooterBaseline);
            var pageText = string.Create(CultureInfo.InvariantCulture, $"{number + 1} / {pages.Count}");
            var width = _fonts.Regular.Measure(pageText) * 8.5;
            graphics.DrawString(pageText, footer, XBrushes.DimGray, Right - width, FooterBaseline);
        }

        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return new RenderedLetter(FixSubsetTags(output.ToArray(), id), pages.Count);
    }

    /// <summary>
    /// PDFsharp names each embedded font subset with six random capitals ("ALXKJX+DejaVu Sans",
    /// PDF 1.7 §9.6.4) and offers no way to choose them. For byte-identical letters we replace each
    /// with six capitals derived from the document id. Same length, so the cross-reference offsets stay valid.
    /// </summary>
    private static byte[] FixSubsetTags(byte[] pdf, Guid id)
    {
        var text = Encoding.Latin1.GetString(pdf);
        var seed = id.ToByteArray();
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        var fixedText = SubsetTag().Replace(text, match =>
        {
            if (!tags.TryGetValue(match.Value, out var replacement))
            {
                var hash = SHA256.HashData([.. seed, (byte)tags.Count]);
                replacement = new string(hash.Take(6).Select(b => (char)('A' + (b % 26))).ToArray());
                tags[match.Value] = replacement;
            }

            return replacement;
        });
        // The XMP metadata carries its own random document and instance uuids; they become the document id too.
        fixedText = XmpUuid().Replace(fixedText, id.ToString("D"));
        return Encoding.Latin1.GetBytes(fixedText);
    }

    [System.Text.RegularExpressions.GeneratedRegex("(?<=/(?:FontName|BaseFont)/)[A-Z]{6}(?=\\+)")]
    private static partial System.Text.RegularExpressions.Regex SubsetTag();

    [System.Text.RegularExpressions.GeneratedRegex("(?<=<xmpMM:(?:DocumentID|InstanceID)>uuid:)[0-9a-f-]{36}(?=</xmpMM)")]
    private static partial System.Text.RegularExpressions.Regex XmpUuid();

    private static Guid DocumentId(LetterDocument letter)
    {
        var text = string.Join('\u001f', new[] { letter.Language, letter.Reference, letter.DateText, letter.Subject, letter.SignatureName }
            .Concat(letter.Sender).Concat(letter.Addressee).Concat(letter.Blocks.Select(block => block.Text)));
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text));
        return new Guid(hash.AsSpan(0, 16));
    }

    private sealed record Placed(string Text, double X, double Baseline, double Size, bool Bold);
}

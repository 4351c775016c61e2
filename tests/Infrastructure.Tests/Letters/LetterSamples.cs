using System.Text;
using FoiTracker.Application.Letters;
using UglyToad.PdfPig;

namespace FoiTracker.Infrastructure.Tests.Letters;

/// <summary>Letters to render in tests, and reading one back.</summary>
internal static class LetterSamples
{
    public const string Georgian = "გთხოვთ, გამცეთ ინფორმაცია გორის მუნიციპალიტეტის 2025 წლის ბიუჯეტის შესახებ";

    public static LetterDocument Letter(string language = "ka", params string[] paragraphs) => new(
        language,
        "2026-000042",
        new DateOnly(2026, 3, 12),
        language == "ka" ? "12 მარტი 2026" : "12 March 2026",
        ["ნინო ბერიძე", "გორი, სტალინის ქ. 12", "nino@example.ge"],
        ["გორის მუნიციპალიტეტის მერია", "info@gori.gov.ge"],
        "საჯარო ინფორმაციის მოთხოვნის შესახებ განცხადება № 2026-000042",
        (paragraphs.Length == 0 ? [Georgian + " (GAC 37, Article 40(1))."] : paragraphs)
            .Select(text => new LetterBlock(LetterBlockKind.Paragraph, text)).Append(new LetterBlock(LetterBlockKind.ListItem, "by e-mail: nino@example.ge")).ToList(),
        "ხელმოწერა:",
        "ნინო ბერიძე",
        "request 2026-000042");

    /// <summary>A text of the given length in paragraphs of mixed Georgian and Latin words.</summary>
    public static string LongText(int length)
    {
        var builder = new StringBuilder(length);
        var words = new[] { "საჯარო", "ინფორმაცია", "budget", "2025", "მერია", "contract", "GEL", "ხელშეკრულება", "procurement" };
        var i = 0;
        while (builder.Length < length)
        {
            builder.Append(words[i % words.Length]).Append(i % 90 == 89 ? "\n\n" : " ");
            i++;
        }

        return builder.ToString(0, length);
    }

    /// <summary>All text of a PDF with the whitespace removed (PdfPig does not always restore spaces).</summary>
    public static string TextOf(byte[] pdf, out int pages)
    {
        using var document = PdfDocument.Open(pdf);
        pages = document.NumberOfPages;
        return Squash(string.Concat(document.GetPages().Select(page => page.Text)));
    }

    public static string Squash(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());
}

namespace FoiTracker.Application.Letters;

public enum LetterBlockKind
{
    Paragraph,
    ListItem,
}

/// <summary>One paragraph or list item of a letter's body, with its placeholders filled.</summary>
public sealed record LetterBlock(LetterBlockKind Kind, string Text);

/// <summary>
/// Everything a letter shows, in reading order, with no layout: the renderer decides where it goes.
/// <paramref name="Reference"/> is the request number printed in every page's footer;
/// <paramref name="Date"/> is the letter's legal date, also used as the PDF's creation date so that
/// the same letter always gives the same bytes.
/// </summary>
public sealed record LetterDocument(
    string Language,
    string Reference,
    DateOnly Date,
    string DateText,
    IReadOnlyList<string> Sender,
    IReadOnlyList<string> Addressee,
    string Subject,
    IReadOnlyList<LetterBlock> Blocks,
    string SignatureLabel,
    string SignatureName,
    string Title);

/// <summary>A rendered letter: the PDF bytes and how many pages it has.</summary>
public sealed record RenderedLetter(byte[] Bytes, int PageCount);

/// <summary>Turns a letter into a printable document (PDF in production).</summary>
public interface ILetterRenderer
{
    /// <summary>The most characters of text one letter may carry; above it <see cref="LetterContentException"/> is thrown (HTTP 400).</summary>
    int MaxCharacters { get; }

    /// <exception cref="LetterContentException">A character the font cannot show, or a text above <see cref="MaxCharacters"/>.</exception>
    RenderedLetter Render(LetterDocument letter);

    /// <summary>
    /// Throws exactly what <see cref="Render"/> would throw for <paramref name="letter"/>, without
    /// laying it out or drawing it: a letter that passes renders.
    /// </summary>
    /// <exception cref="LetterContentException">A character the font cannot show, or a text above <see cref="MaxCharacters"/>.</exception>
    void Check(LetterDocument letter);

    /// <summary>The characters of <paramref name="text"/> the bundled font cannot show (controls excluded: they are stripped).</summary>
    IReadOnlyList<int> MissingCharacters(string text);
}

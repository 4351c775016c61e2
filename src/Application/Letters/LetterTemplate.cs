using System.Text;

namespace FoiTracker.Application.Letters;

/// <summary>
/// A letter text kept as data (seeds/letters/{statute}/{kind}.{lang}.txt; the format is described
/// in seeds/letters/README.md). It is parsed and checked once, when it loads: an unknown
/// placeholder, an unclosed one or a missing subject is a <see cref="LetterTemplateException"/>
/// naming the template and the line. Filling it in refuses a required placeholder without a value.
/// </summary>
public sealed class LetterTemplate
{
    private const string FrontMatterEnd = "---";
    private const string ListMarker = "- ";

    private readonly IReadOnlyList<Segment> _subject;
    private readonly IReadOnlyList<TemplateBlock> _blocks;

    private LetterTemplate(string name, string statute, string kind, string language, IReadOnlyList<Segment> subject, string signatureLabel, IReadOnlyList<TemplateBlock> blocks)
    {
        Name = name;
        Statute = statute;
        Kind = kind;
        Language = language;
        _subject = subject;
        SignatureLabel = signatureLabel;
        _blocks = blocks;
    }

    /// <summary>"ge-gac/complaint.ka": how errors name the template.</summary>
    public string Name { get; }

    public string Statute { get; }

    public string Kind { get; }

    public string Language { get; }

    public string SignatureLabel { get; }

    /// <summary>Every field the template uses (without a date's case suffix), in order of first use.</summary>
    public IReadOnlyList<string> Placeholders =>
        _subject.Concat(_blocks.SelectMany(block => block.Segments))
            .Where(segment => segment.Field is not null).Select(segment => FieldOf(segment.Field!))
            .Concat(_blocks.SelectMany(block => block.Condition).Select(term => term.Field))
            .Distinct(StringComparer.Ordinal).ToList();

    /// <summary>All literal text of the template (for checking it against the font).</summary>
    public string LiteralText =>
        string.Join('\n', _subject.Concat(_blocks.SelectMany(block => block.Segments)).Where(segment => segment.Field is null).Select(segment => segment.Text)
            .Append(SignatureLabel));

    public static LetterTemplate Parse(string statute, string kind, string language, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var name = $"{statute}/{kind}.{language}";
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var end = Array.FindIndex(lines, line => line.Trim() == FrontMatterEnd);
        if (end < 0)
            throw new LetterTemplateException($"Letter template {name}: no '---' line ends the front matter (subject: …).");

        string? subject = null;
        var subjectLine = 0;
        var signature = string.Empty;
        for (var i = 0; i < end; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0 || line.StartsWith('#'))
                continue;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                throw new LetterTemplateException($"Letter template {name}, line {i + 1}: expected 'key: value' in the front matter.");
            var key = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            switch (key)
            {
                case "subject":
                    subject = value;
                    subjectLine = i + 1;
                    break;
                case "signature":
                    signature = value;
                    break;
                default:
                    throw new LetterTemplateException($"Letter template {name}, line {i + 1}: unknown front-matter key '{key}' (known: subject, signature).");
            }
        }

        if (string.IsNullOrWhiteSpace(subject))
            throw new LetterTemplateException($"Letter template {name}: the front matter has no subject.");

        var blocks = new List<TemplateBlock>();
        StringBuilder? current = null;
        var currentLine = 0;
        var currentKind = LetterBlockKind.Paragraph;
        void Flush()
        {
            if (current is null)
                return;
            blocks.Add(ParseBlock(name, currentKind, current.ToString(), currentLine));
            current = null;
        }

        for (var i = end + 1; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                Flush();
                continue;
            }

            if (line.StartsWith(ListMarker, StringComparison.Ordinal))
            {
                Flush();
                current = new StringBuilder(line[ListMarker.Length..].Trim());
                currentKind = LetterBlockKind.ListItem;
                currentLine = i + 1;
                continue;
            }

            if (current is null)
            {
                current = new StringBuilder(line);
                currentKind = LetterBlockKind.Paragraph;
                currentLine = i + 1;
            }
            else
            {
                current.Append(' ').Append(line);
            }
        }

        Flush();
        if (blocks.Count == 0)
            throw new LetterTemplateException($"Letter template {name}: the letter has no text after '---'.");
        return new LetterTemplate(name, statute, kind, language, ParseSegments(name, subject, subjectLine), signature, blocks);
    }

    /// <summary>Fills the template in.</summary>
    /// <exception cref="LetterContentException">A placeholder outside a condition has no value; the message names the template, placeholder and line.</exception>
    public (string Subject, IReadOnlyList<LetterBlock> Blocks) Fill(IReadOnlyDictionary<string, string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var subject = Join(_subject, values, 0);
        var blocks = new List<LetterBlock>(_blocks.Count);
        foreach (var block in _blocks)
        {
            if (!block.Condition.All(term => term.Present != string.IsNullOrWhiteSpace(values.GetValueOrDefault(term.Field))))
                continue;
            // The request's own text keeps its paragraphs when it stands alone in a template paragraph.
            if (block.Segments is [{ Field: LetterFields.RequestText }] && block.Kind == LetterBlockKind.Paragraph)
            {
                var text = Value(values, LetterFields.RequestText, block.Line);
                foreach (var paragraph in SplitParagraphs(text))
                    blocks.Add(new LetterBlock(LetterBlockKind.Paragraph, paragraph));
                continue;
            }

            blocks.Add(new LetterBlock(block.Kind, Join(block.Segments, values, block.Line)));
        }

        return (subject, blocks);
    }

    private static IEnumerable<string> SplitParagraphs(string text)
    {
        var normalised = text.Replace("\r\n", "\n", StringComparison.Ordinal);
        foreach (var part in normalised.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            yield return part.Replace('\n', ' ');
    }

    private string Join(IReadOnlyList<Segment> segments, IReadOnlyDictionary<string, string?> values, int line)
    {
        var builder = new StringBuilder();
        foreach (var segment in segments)
        {
            if (segment.Field is null)
                builder.Append(segment.Text);
            else
                builder.Append(Value(values, segment.Field, line == 0 ? segment.Line : line).Replace('\n', ' ').Replace("\r", string.Empty, StringComparison.Ordinal));
        }

        return builder.ToString();
    }

    private string Value(IReadOnlyDictionary<string, string?> values, string field, int line)
    {
        var value = values.GetValueOrDefault(field);
        if (string.IsNullOrWhiteSpace(value))
            throw new LetterContentException($"Letter template {Name}, line {line}: the placeholder {{{{{field}}}}} has no value for this request.");
        return value.Trim();
    }

    private static TemplateBlock ParseBlock(string name, LetterBlockKind kind, string text, int line)
    {
        var condition = new List<ConditionTerm>();
        if (text.StartsWith("[?", StringComparison.Ordinal))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
                throw new LetterTemplateException($"Letter template {name}, line {line}: a condition '[?' is not closed with ']'.");
            // "[?a !b]": every term must hold — a has a value, b has none.
            foreach (var term in text[2..close].Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var present = !term.StartsWith('!');
                var field = present ? term : term[1..];
                CheckField(name, field, line);
                condition.Add(new ConditionTerm(field, present));
            }

            if (condition.Count == 0)
                throw new LetterTemplateException($"Letter template {name}, line {line}: the condition '[?]' names no field.");
            text = text[(close + 1)..].TrimStart();
        }

        return new TemplateBlock(kind, condition, ParseSegments(name, text, line), line);
    }

    private static List<Segment> ParseSegments(string name, string text, int line)
    {
        var segments = new List<Segment>();
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf("{{", position, StringComparison.Ordinal);
            if (open < 0)
            {
                segments.Add(new Segment(text[position..], null, line));
                break;
            }

            if (open > position)
                segments.Add(new Segment(text[position..open], null, line));
            var close = text.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0)
                throw new LetterTemplateException($"Letter template {name}, line {line}: a placeholder '{{{{' is not closed with '}}}}'.");
            var field = text[(open + 2)..close].Trim();
            CheckPlaceholder(name, field, line);
            segments.Add(new Segment(string.Empty, field, line));
            position = close + 2;
        }

        if (text.Contains("}}", StringComparison.Ordinal) && segments.Any(segment => segment.Field is null && segment.Text.Contains("}}", StringComparison.Ordinal)))
            throw new LetterTemplateException($"Letter template {name}, line {line}: '}}}}' without an opening '{{{{'.");
        return segments;
    }

    /// <summary>A field, or a date field with its case: "request.due_on:dative".</summary>
    private static void CheckPlaceholder(string name, string placeholder, int line)
    {
        var field = FieldOf(placeholder);
        CheckField(name, field, line);
        if (field.Length == placeholder.Length)
            return;
        var form = placeholder[(field.Length + 1)..];
        if (!LetterFields.Dates.Contains(field))
            throw new LetterTemplateException($"Letter template {name}, line {line}: {{{{{placeholder}}}}}: only a date takes a case (dates: {string.Join(", ", LetterFields.Dates.Order(StringComparer.Ordinal))}).");
        if (!LetterFields.DateForms.ContainsKey(form))
            throw new LetterTemplateException($"Letter template {name}, line {line}: {{{{{placeholder}}}}}: unknown case '{form}' (known: {string.Join(", ", LetterFields.DateForms.Keys)}).");
    }

    private static string FieldOf(string placeholder)
    {
        var separator = placeholder.IndexOf(':', StringComparison.Ordinal);
        return separator < 0 ? placeholder : placeholder[..separator];
    }

    private static void CheckField(string name, string field, int line)
    {
        if (!LetterFields.Known.Contains(field))
            throw new LetterTemplateException($"Letter template {name}, line {line}: unknown placeholder {{{{{field}}}}} (known: {string.Join(", ", LetterFields.Known.Order(StringComparer.Ordinal))}).");
    }

    private sealed record Segment(string Text, string? Field, int Line);

    private sealed record ConditionTerm(string Field, bool Present);

    private sealed record TemplateBlock(LetterBlockKind Kind, IReadOnlyList<ConditionTerm> Condition, IReadOnlyList<Segment> Segments, int Line);
}

/// <summary>The letter templates that were loaded (and checked) from the seeds.</summary>
public interface ILetterTemplates
{
    IReadOnlyCollection<LetterTemplate> All { get; }

    bool TryGet(string statute, string kind, string language, out LetterTemplate? template);

    /// <summary>The language a workflow step writes in: Georgian where a Georgian text exists, else English.</summary>
    string? DefaultLanguage(string statute, string kind);
}

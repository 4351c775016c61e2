using FoiTracker.Application.Letters;

namespace FoiTracker.Infrastructure.Letters;

/// <summary>
/// Loads every template under seeds/letters/{statute}/{kind}.{lang}.txt at start-up and checks it
/// (placeholders known, front matter complete, every literal character in the bundled font), so a
/// broken template stops the service with a message naming the file and line, not a blank letter.
/// </summary>
public sealed class FileLetterTemplates : ILetterTemplates
{
    private readonly Dictionary<(string Statute, string Kind, string Language), LetterTemplate> _templates;

    public FileLetterTemplates(IEnumerable<LetterTemplate> templates)
    {
        ArgumentNullException.ThrowIfNull(templates);
        _templates = templates.ToDictionary(template => (template.Statute, template.Kind, template.Language));
    }

    public IReadOnlyCollection<LetterTemplate> All => _templates.Values;

    public static FileLetterTemplates Load(string seedsDirectory, ILetterRenderer? coverage = null) =>
        LoadFolder(Path.Combine(seedsDirectory, "letters"), coverage);

    /// <summary>Every {group}/{kind}.{lang}.txt under <paramref name="root"/>, the group standing where a letter's statute does.</summary>
    public static FileLetterTemplates LoadFolder(string root, ILetterRenderer? coverage = null)
    {
        var templates = new List<LetterTemplate>();
        if (!Directory.Exists(root))
            return new FileLetterTemplates(templates);
        foreach (var path in Directory.EnumerateFiles(root, "*.txt", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var statute = Path.GetFileName(Path.GetDirectoryName(path))!;
            var parts = Path.GetFileNameWithoutExtension(path).Split('.');
            if (parts.Length != 2 || parts[1] is not ("ka" or "en"))
                throw new LetterTemplateException($"Letter template {path}: the file name must be {{kind}}.{{ka|en}}.txt.");
            var template = LetterTemplate.Parse(statute, parts[0], parts[1], File.ReadAllText(path));
            if (coverage?.MissingCharacters(template.LiteralText) is [var first, ..])
                throw new LetterTemplateException($"Letter template {template.Name}: the bundled font has no glyph for U+{first:X4} '{char.ConvertFromUtf32(first)}'.");
            templates.Add(template);
        }

        return new FileLetterTemplates(templates);
    }

    public bool TryGet(string statute, string kind, string language, out LetterTemplate? template) =>
        _templates.TryGetValue((statute, kind, language), out template);

    public string? DefaultLanguage(string statute, string kind) =>
        _templates.ContainsKey((statute, kind, "ka")) ? "ka"
        : _templates.ContainsKey((statute, kind, "en")) ? "en"
        : null;
}

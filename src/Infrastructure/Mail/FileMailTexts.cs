using FoiTracker.Application.Letters;
using FoiTracker.Application.Mail;
using FoiTracker.Infrastructure.Letters;

namespace FoiTracker.Infrastructure.Mail;

/// <summary>
/// The mail texts under seeds/mail/{group}/{kind}.{lang}.txt, loaded and checked at start like the
/// letter templates. Each group must have its English <c>any</c> text, the last fallback.
/// </summary>
public sealed class FileMailTexts : IMailTexts
{
    private readonly FileLetterTemplates _texts;

    private FileMailTexts(FileLetterTemplates texts) => _texts = texts;

    public static FileMailTexts Load(string seedsDirectory)
    {
        var root = Path.Combine(seedsDirectory, "mail");
        var texts = FileLetterTemplates.LoadFolder(root);
        foreach (var group in new[] { IMailTexts.LetterGroup, IMailTexts.NoticeGroup, IMailTexts.AccountGroup, IMailTexts.FollowGroup })
        {
            if (!texts.TryGet(group, IMailTexts.Fallback, "en", out _))
                throw new LetterTemplateException($"Mail text {Path.Combine(root, group, IMailTexts.Fallback + ".en.txt")} is missing: every {group} mail without a text of its own falls back on it.");
        }

        return new FileMailTexts(texts);
    }

    public LetterTemplate Get(string group, string kind, string language)
    {
        foreach (var (name, lang) in new[] { (kind, language), (IMailTexts.Fallback, language), (kind, "en"), (IMailTexts.Fallback, "en") })
        {
            if (_texts.TryGet(group, name, lang, out var text) && text is not null)
                return text;
        }

        throw new InvalidOperationException($"No mail text for {group}/{kind}.{language}, and no {group}/{IMailTexts.Fallback}.en either.");
    }

    public bool Speaks(string language) => _texts.All.Any(text => text.Language == language);
}

using FoiTracker.Application.Letters;

namespace FoiTracker.Application.Mail;

/// <summary>
/// The short texts mails carry (seeds/mail/{group}/{kind}.{lang}.txt, in the letter-template format):
/// the cover text of a letter sent to a body, and the notices to a requester. Every group has an
/// <c>any</c> text, so a kind without its own text is still sent, never dropped.
/// </summary>
public interface IMailTexts
{
    public const string LetterGroup = "letter";
    public const string NoticeGroup = "notice";
    public const string AccountGroup = "account";
    public const string FollowGroup = "follow";
    public const string Fallback = "any";

    /// <summary>The text for the kind in the language, else the group's <see cref="Fallback"/> text; English when the language has none.</summary>
    LetterTemplate Get(string group, string kind, string language);

    /// <summary>Whether texts exist in this language at all.</summary>
    bool Speaks(string language);
}

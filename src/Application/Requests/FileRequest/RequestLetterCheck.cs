using System.Globalization;
using System.Text;
using FluentValidation;
using FluentValidation.Results;
using FoiTracker.Application.Letters;
using FoiTracker.Application.Mail;
using FoiTracker.Domain.Requests;

namespace FoiTracker.Application.Requests.FileRequest;

/// <summary>
/// Makes sure the request letter of a request about to be filed can be made, before anything is
/// stored. A request whose letter cannot be made would otherwise be accepted, its clock would run,
/// and nothing would ever reach the body. The letter is composed and checked as the renderer would
/// check it (not drawn: drawing cannot fail on content, and it costs more than the whole filing) in
/// every language one would be made in without anyone asking: the template's default and the
/// language of the mails about the request.
/// </summary>
public sealed class RequestLetterCheck(LetterComposer composer, ILetterTemplates templates, ILetterRenderer renderer, MailComposer mail)
{
    public const string LetterKind = "request";

    /// <summary>What to write instead of a character the bundled font lacks, where there is a usual way.</summary>
    private static readonly Dictionary<int, string> Replacements = new Dictionary<int, string>
    {
        // DejaVu Sans has no lari sign; amounts are written with the currency code.
        [0x20BE] = "write GEL",
    };

    /// <exception cref="ValidationException">A field has a character the letter's font cannot print (400, naming the field, the character and what to write).</exception>
    /// <exception cref="LetterContentException">The letter cannot be made for another reason (400, naming it).</exception>
    public async Task EnsureCanBeMadeAsync(FoiRequest request, DateOnly date, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var failures = new List<ValidationFailure>();
        foreach (var (field, value) in Fields(request))
        {
            if (value is not null && renderer.MissingCharacters(value) is { Count: > 0 } missing)
                failures.Add(new ValidationFailure(field, Describe(field, missing)));
        }

        if (failures.Count > 0)
            throw new ValidationException(failures);

        var record = RecordOf(request);
        foreach (var language in LanguagesOf(request.StatuteId))
        {
            if (!templates.TryGet(request.StatuteId, LetterKind, language, out var template) || template is null)
                continue;
            var letter = await composer.ComposeAsync(record, template, LetterRecipients.Body, date, cancellationToken);
            renderer.Check(letter);
        }
    }

    private List<string> LanguagesOf(string statute)
    {
        var languages = new List<string>();
        if (templates.DefaultLanguage(statute, LetterKind) is { } preferred)
            languages.Add(preferred);
        var mailed = mail.LanguageOf(statute);
        if (!languages.Contains(mailed))
            languages.Add(mailed);
        return languages;
    }

    // Keyed by the field's path in the JSON the caller sent, as the validator does.
    private static IEnumerable<(string Field, string? Value)> Fields(FoiRequest request) =>
    [
        ("subject", request.Subject),
        ("text", request.Text),
        ("requester.name", request.Requester.Name),
        ("requester.address", request.Requester.Address),
        ("requester.email", request.Requester.Email?.Value),
    ];

    private static string Describe(string field, IReadOnlyList<int> missing)
    {
        var text = new StringBuilder($"'{field}' has ");
        text.Append(missing.Count == 1 ? "a character" : "characters").Append(" the letter's font cannot print: ");
        text.AppendJoin(", ", missing.Take(5).Select(code => string.Create(
            CultureInfo.InvariantCulture,
            $"'{char.ConvertFromUtf32(code)}' (U+{code:X4}, {(Replacements.TryGetValue(code, out var instead) ? instead : "write it in words")})")));
        if (missing.Count > 5)
            text.Append(CultureInfo.InvariantCulture, $" and {missing.Count - 5} more");
        return text.Append('.').ToString();
    }

    private static RequestRecord RecordOf(FoiRequest request) =>
        new(
            request.Id.Value, request.Number.Value, request.Body.Value, request.StatuteId, request.StatuteVersion, request.Stage.Value, request.Outcome?.Value,
            request.Subject, request.Text, request.Requester.Name, request.Requester.Email?.Value, request.Requester.Address, request.Owner?.Value,
            request.CreatedAt, request.SubmittedAt, request.RegistrationNumber, request.RegisteredOn, request.ForwardedFrom?.Value, request.OverdueSince,
            [.. request.Deadlines.Select(deadline => (deadline.Key, deadline.Due, deadline.EventDate, deadline.PausedDays))],
            [],
            [],
            request.Route,
            request.Flags,
            []);
}

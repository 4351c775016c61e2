using System.Text;
using FoiTracker.Application.Letters;
using FoiTracker.Domain.Bodies;
using FoiTracker.Infrastructure.Seeding;

namespace FoiTracker.Benchmarks.Letters;

/// <summary>
/// Letters filled from the real templates and seed bodies with one sample request (Gori City Hall,
/// registered, unanswered): what the previews in docs/letters show and what the benchmark renders.
/// </summary>
public sealed class SampleLetters(IReadOnlyDictionary<PublicBodyKey, PublicBody> bodies)
{
    private const string ShortText =
        "Please send copies of the contracts for road repairs that Gori City Hall signed in 2025 (გზების შეკეთების ხელშეკრულებები), " +
        "with their annexes and the acts of acceptance of the works, and the amounts paid under each contract in GEL.";

    public static async Task<SampleLetters> LoadAsync(string seedsDirectory)
    {
        var seeds = await new JsonSeedSource(new SeedOptions { Directory = seedsDirectory }).ReadAsync(CancellationToken.None);
        return new SampleLetters(seeds.Bodies.ToDictionary(body => body.Key));
    }

    /// <summary>A request text of about <paramref name="length"/> characters, mixed Georgian and Latin, in paragraphs.</summary>
    public static string Text(int length)
    {
        if (length <= ShortText.Length)
            return ShortText;
        var builder = new StringBuilder(ShortText).Append("\n\n");
        var words = new[] { "საჯარო", "ინფორმაცია", "contract", "2025", "მერია", "annex", "GEL", "ხელშეკრულება", "procurement", "works" };
        for (var i = 0; builder.Length < length; i++)
            builder.Append(words[i % words.Length]).Append(i % 80 == 79 ? ".\n\n" : " ");
        return builder.ToString();
    }

    public LetterDocument Compose(LetterTemplate template, string requestText)
    {
        ArgumentNullException.ThrowIfNull(template);
        var language = template.Language;
        // The Georgian court claim is shown for the Mayor, whose acts go straight to court (LSG 62(2));
        // the Georgian complaint for a refusal with the number of the body's letter.
        var georgian = template.Statute == "ge-gac";
        var directClaim = georgian && template.Kind == "court_claim";
        var refused = georgian && template.Kind == "complaint";
        var body = bodies[PublicBodyKey.Create(directClaim ? "ge-gori-mayor" : "ge-gori-city-hall")];
        PublicBody? Lookup(PublicBodyKey? key) => key is { } found && bodies.TryGetValue(found, out var hit) ? hit : null;
        var complaintBody = Lookup(body.ComplaintsTo);
        var court = Lookup(body.Court);
        var recipient = LetterComposer.DefaultRecipient(template.Kind);
        var addressee = LetterComposer.AddresseeOf(body, complaintBody, court, recipient, template.Name);
        var date = new DateOnly(2026, 3, 30);
        var facts = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [LetterFields.SenderName] = language == "ka" ? "ნინო ბერიძე" : "Nino Beridze",
            [LetterFields.SenderAddress] = language == "ka" ? "გორი, ცხინვალის გზატკეცილი 7" : "7 Tskhinvali Highway, Gori",
            [LetterFields.SenderEmail] = "nino.beridze@example.ge",
            [LetterFields.AddresseeName] = addressee.Name.In(language),
            [LetterFields.AddresseeIsHead] = addressee.Kind == BodyKind.Mayor ? "yes" : null,
            [LetterFields.BodyName] = body.Name.In(language),
            [LetterFields.RequestNumber] = "2026-000042",
            [LetterFields.RequestSubject] = language == "ka" ? "2025 წლის გზების შეკეთების ხელშეკრულებები" : "Road repair contracts, 2025",
            [LetterFields.RequestText] = requestText,
            [LetterFields.RegistrationNumber] = "01/26-1187",
            [LetterFields.Unanswered] = refused ? null : "yes",
            [LetterFields.Refused] = refused ? "yes" : null,
            [LetterFields.RefusalReference] = refused ? "01/26-1342" : null,
            [LetterFields.ComplaintBodyName] = complaintBody?.Name.In(language),
            [LetterFields.ComplaintBasis] = body.ComplaintBasis,
            [LetterFields.ComplaintBasisText] = CitationText.InLanguage(body.ComplaintBasis, language),
            [LetterFields.DirectToCourt] = complaintBody is null ? "yes" : null,
            [LetterFields.CourtName] = court?.Name.In(language),
        };
        LetterComposer.PutDate(facts, LetterFields.LetterDate, date, language);
        LetterComposer.PutDate(facts, LetterFields.SubmittedOn, new DateOnly(2026, 3, 2), language);
        LetterComposer.PutDate(facts, LetterFields.DueOn, new DateOnly(2026, 3, 16), language);
        LetterComposer.PutDate(facts, LetterFields.RegisteredOn, new DateOnly(2026, 3, 2), language);
        LetterComposer.PutDate(facts, LetterFields.OverdueSince, new DateOnly(2026, 3, 17), language);
        LetterComposer.PutDate(facts, LetterFields.RefusalDatedOn, refused ? new DateOnly(2026, 3, 13) : null, language);
        LetterComposer.PutDate(facts, LetterFields.CourtFilingDueOn, directClaim ? new DateOnly(2026, 4, 16) : null, language);
        var (subject, blocks) = template.Fill(facts);
        var sender = new List<string> { facts[LetterFields.SenderName]!, facts[LetterFields.SenderAddress]!, facts[LetterFields.SenderEmail]! };
        var to = new List<string> { addressee.Name.In(language) };
        if (addressee.FoiEmail is { } email)
            to.Add(email.Address.Value);
        return new LetterDocument(language, "2026-000042", date, facts[LetterFields.LetterDate]!, sender, to, subject, blocks,
            template.SignatureLabel, facts[LetterFields.SenderName]!, $"{template.Kind} 2026-000042");
    }
}

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
        var body = bodies[PublicBodyKey.Create("ge-gori-city-hall")];
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
            [LetterFields.LetterDate] = LetterComposer.FormatDate(date, language),
            [LetterFields.AddresseeName] = addressee.Name.In(language),
            [LetterFields.BodyName] = body.Name.In(language),
            [LetterFields.RequestNumber] = "2026-000042",
            [LetterFields.RequestSubject] = language == "ka" ? "2025 წლის გზების შეკეთების ხელშეკრულებები" : "Road repair contracts, 2025",
            [LetterFields.RequestText] = requestText,
            [LetterFields.SubmittedOn] = LetterComposer.FormatDate(new DateOnly(2026, 3, 2), language),
            [LetterFields.DueOn] = LetterComposer.FormatDate(new DateOnly(2026, 3, 16), language),
            [LetterFields.RegistrationNumber] = "01/26-1187",
            [LetterFields.RegisteredOn] = LetterComposer.FormatDate(new DateOnly(2026, 3, 2), language),
            [LetterFields.OverdueSince] = LetterComposer.FormatDate(new DateOnly(2026, 3, 17), language),
            [LetterFields.Unanswered] = "yes",
            [LetterFields.ComplaintBodyName] = complaintBody?.Name.In(language),
            [LetterFields.ComplaintBasis] = body.ComplaintBasis,
            [LetterFields.DirectToCourt] = complaintBody is null ? "yes" : null,
            [LetterFields.CourtName] = court?.Name.In(language),
        };
        var (subject, blocks) = template.Fill(facts);
        var sender = new List<string> { facts[LetterFields.SenderName]!, facts[LetterFields.SenderAddress]!, facts[LetterFields.SenderEmail]! };
        var to = new List<string> { addressee.Name.In(language) };
        if (addressee.FoiEmail is { } email)
            to.Add(email.Address.Value);
        return new LetterDocument(language, "2026-000042", date, facts[LetterFields.LetterDate]!, sender, to, subject, blocks,
            template.SignatureLabel, facts[LetterFields.SenderName]!, $"{template.Kind} 2026-000042");
    }
}

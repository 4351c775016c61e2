using System.Text.RegularExpressions;
using FoiTracker.Application.Letters;
using FoiTracker.Tests.Support;

namespace FoiTracker.Infrastructure.Tests.Letters;

/// <summary>
/// The Georgian letters and the covers of the mails that carry them, read as a Georgian lawyer
/// would: codes named in Georgian, names from the data never given a hyphenated case ending,
/// dates in the case the sentence needs, the requester speaking in the first person singular.
/// </summary>
public sealed partial class GeorgianWordingTests
{
    private static readonly string Seeds = TestServices.RepositorySeeds;

    public static TheoryData<string> GeorgianTexts()
    {
        var data = new TheoryData<string>();
        foreach (var folder in new[] { Path.Combine("letters", "ge-gac"), Path.Combine("mail", "letter") })
        {
            foreach (var path in Directory.GetFiles(Path.Combine(Seeds, folder), "*.ka.txt").Order(StringComparer.Ordinal))
                data.Add(Path.GetRelativePath(Seeds, path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(GeorgianTexts))]
    public void A_Georgian_text_names_no_code_by_its_Latin_abbreviation_not_even_one_coming_from_the_data(string file)
    {
        var text = File.ReadAllText(Path.Combine(Seeds, file));

        LatinCode().Matches(text).Select(match => match.Value).Should().BeEmpty();
        Filled(file).Should().NotMatchRegex(LatinCode().ToString(), "the body's complaintBasis (\"LSG 62(1)\") is written out in Georgian");
    }

    [Theory]
    [MemberData(nameof(GeorgianTexts))]
    public void A_Georgian_text_never_hangs_a_case_ending_on_a_name_with_a_hyphen(string file)
    {
        var text = File.ReadAllText(Path.Combine(Seeds, file));

        HyphenatedEnding().Matches(text).Select(match => match.Value).Should().BeEmpty("a name from the data cannot be declined safely");
    }

    [Theory]
    [MemberData(nameof(GeorgianTexts))]
    public void Every_date_in_a_Georgian_text_takes_the_case_its_sentence_needs(string file)
    {
        var text = File.ReadAllText(Path.Combine(Seeds, file));
        var dates = Placeholder().Matches(text).Select(match => match.Groups["field"].Value)
            .Where(field => LetterFields.Dates.Contains(field.Split(':')[0])).ToList();

        dates.Should().NotContain(field => !field.Contains(':'), "\"16 ოქტომბერი 2026\" cannot stand in a sentence");
        if (dates.Count > 0)
            dates.Should().Contain(field => field.EndsWith(":dative", StringComparison.Ordinal), "a day on which something happened is in the dative");
    }

    [Theory]
    [MemberData(nameof(GeorgianTexts))]
    public void The_requester_speaks_in_the_first_person_singular(string file)
    {
        var text = File.ReadAllText(Path.Combine(Seeds, file));

        text.Should().NotContainAny("გვიპასუხოთ", "მიგვიღია", "გვაცნობოთ", "გვითხრა", "უარი მითხრა");
    }

    [Fact]
    public void The_dates_of_a_Georgian_reminder_read_as_on_a_day()
    {
        var text = Filled(Path.Combine("letters", "ge-gac", "chaser.ka.txt"));

        text.Should().Contain("2026 წლის 2 მარტს მოგმართეთ").And.Contain("ეს ვადა 2026 წლის 16 მარტს ამოიწურა");
    }

    [Fact]
    public void The_complaint_and_the_claim_say_the_body_refused_in_the_usual_words_and_the_claim_ends_without_a_courtesy()
    {
        var complaint = File.ReadAllText(Path.Combine(Seeds, "letters", "ge-gac", "complaint.ka.txt"));
        var claim = File.ReadAllText(Path.Combine(Seeds, "letters", "ge-gac", "court_claim.ka.txt"));

        complaint.Should().Contain("უარი განაცხადა");
        claim.Should().Contain("უარი განაცხადა").And.NotContain("პატივისცემით");
    }

    [Theory]
    [InlineData("complaint.ka.txt")]
    [InlineData("complaint.en.txt")]
    public void A_complaint_never_says_it_is_brought_before_the_court(string file)
    {
        // LSG 62(2): the acts of the Mayor and of the Council go straight to court, so no complaint is made for them.
        var text = File.ReadAllText(Path.Combine(Seeds, "letters", "ge-gac", file));

        text.Should().NotContain("{{" + LetterFields.DirectToCourt).And.NotContain("[?" + LetterFields.DirectToCourt);
    }

    /// <summary>The text filled for a registered, unanswered request to Gori City Hall.</summary>
    private static string Filled(string file)
    {
        var name = Path.GetFileName(file).Split('.');
        var template = LetterTemplate.Parse("ge-gac", name[0], name[1], File.ReadAllText(Path.Combine(Seeds, file)));
        var facts = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [LetterFields.SenderName] = "ნინო ბერიძე",
            [LetterFields.SenderEmail] = "nino@example.ge",
            [LetterFields.AddresseeName] = "გორის მუნიციპალიტეტის მერი",
            [LetterFields.AddresseeIsHead] = "yes",
            [LetterFields.BodyName] = "გორის მუნიციპალიტეტის მერია",
            [LetterFields.RequestNumber] = "2026-000042",
            [LetterFields.RequestSubject] = "ბიუჯეტი",
            [LetterFields.RequestText] = "გთხოვთ, გამომიგზავნოთ 2025 წლის ბიუჯეტი.",
            [LetterFields.RegistrationNumber] = "01/26-1187",
            [LetterFields.Unanswered] = "yes",
            [LetterFields.ComplaintBodyName] = "გორის მუნიციპალიტეტის მერი",
            [LetterFields.ComplaintBasis] = "LSG 62(1)",
            [LetterFields.ComplaintBasisText] = CitationText.InLanguage("LSG 62(1)", "ka"),
            [LetterFields.CourtName] = "გორის რაიონული სასამართლო",
        };
        LetterComposer.PutDate(facts, LetterFields.LetterDate, new DateOnly(2026, 3, 30), "ka");
        LetterComposer.PutDate(facts, LetterFields.SubmittedOn, new DateOnly(2026, 3, 2), "ka");
        LetterComposer.PutDate(facts, LetterFields.RegisteredOn, new DateOnly(2026, 3, 2), "ka");
        LetterComposer.PutDate(facts, LetterFields.DueOn, new DateOnly(2026, 3, 16), "ka");
        var (subject, blocks) = template.Fill(facts);
        return string.Join('\n', blocks.Select(block => block.Text).Prepend(subject));
    }

    [GeneratedRegex(@"\b(GAC|LSG|APC|CPC|LC)\b")]
    private static partial Regex LatinCode();

    // "{{body.name}}-ს", "მერია-ს": a case ending joined to a word or a placeholder by a hyphen.
    [GeneratedRegex(@"(\}\}|\p{IsGeorgian})\s?-\s?\p{IsGeorgian}+")]
    private static partial Regex HyphenatedEnding();

    [GeneratedRegex(@"\{\{(?<field>[^}]+)\}\}")]
    private static partial Regex Placeholder();
}

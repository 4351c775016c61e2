using FoiTracker.Application.Letters;
using FoiTracker.Domain.Bodies;
using FoiTracker.Infrastructure.Letters;
using FoiTracker.Infrastructure.Seeding;
using FoiTracker.Tests.Support;

namespace FoiTracker.Infrastructure.Tests.Letters;

public sealed class LetterTemplateTests
{
    private static readonly PdfLetterRenderer Renderer = new();
    private static readonly FileLetterTemplates Templates = FileLetterTemplates.Load(TestServices.RepositorySeeds, Renderer);

    public static TheoryData<string> TemplateNames()
    {
        var data = new TheoryData<string>();
        foreach (var template in Templates.All.OrderBy(template => template.Name, StringComparer.Ordinal))
            data.Add(template.Name);
        return data;
    }

    [Fact]
    public void The_Georgian_ladder_has_every_letter_in_Georgian_and_English_and_the_English_statutes_every_letter_of_theirs()
    {
        var names = Templates.All.Select(template => template.Name).ToList();

        names.Should().Contain([
            "ge-gac/request.ka", "ge-gac/request.en", "ge-gac/chaser.ka", "ge-gac/chaser.en",
            "ge-gac/complaint.ka", "ge-gac/complaint.en", "ge-gac/court_claim.ka", "ge-gac/court_claim.en",
            "uk-foia/request.en", "uk-foia/chaser.en", "uk-foia/internal_review.en", "uk-foia/ico_complaint.en", "uk-foia/tribunal_appeal.en",
            "sc-foisa/request.en", "sc-foisa/chaser.en", "sc-foisa/review_request.en", "sc-foisa/commissioner_application.en", "sc-foisa/court_appeal.en",
            "ie-foi/request.en", "ie-foi/chaser.en", "ie-foi/internal_review.en", "ie-foi/commissioner_review.en", "ie-foi/court_appeal.en",
            "us-foia/request.en", "us-foia/chaser.en", "us-foia/appeal.en", "us-foia/court_claim.en",
            "us-ca-cpra/request.en", "us-ca-cpra/chaser.en", "us-ca-cpra/court_claim.en",
            "eu-1049/request.en", "eu-1049/chaser.en", "eu-1049/confirmatory_application.en", "eu-1049/court_claim.en", "eu-1049/ombudsman_complaint.en",
        ]);
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void Every_template_fills_for_a_request_with_only_the_facts_every_submitted_request_has(string name)
    {
        var template = Templates.All.Single(candidate => candidate.Name == name);

        // E-mail only, no registration number, no answer: every unconditional placeholder still has a value.
        var (subject, blocks) = template.Fill(MinimalFacts(template.Language));

        subject.Should().Contain("2026-000042");
        blocks.Should().NotBeEmpty().And.OnlyContain(block => !block.Text.Contains("{{", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(TemplateNames))]
    public void Every_template_uses_only_known_placeholders_and_renders_in_the_bundled_font(string name)
    {
        var template = Templates.All.Single(candidate => candidate.Name == name);
        template.Placeholders.Should().OnlyContain(placeholder => LetterFields.Known.Contains(placeholder));

        var facts = MinimalFacts(template.Language);
        facts[LetterFields.RegistrationNumber] = "01/2345";
        LetterComposer.PutDate(facts, LetterFields.RegisteredOn, new DateOnly(2026, 3, 13), template.Language);
        facts[LetterFields.SenderAddress] = "Gori, 12 Stalin St.";
        facts[LetterFields.ComplaintBodyName] = "გორის მუნიციპალიტეტის მერი";
        facts[LetterFields.ComplaintBasis] = "LSG 62(1)";
        var (subject, blocks) = template.Fill(facts);
        var letter = LetterSamples.Letter(template.Language) with { Subject = subject, Blocks = blocks, SignatureLabel = template.SignatureLabel };

        Renderer.MissingCharacters(template.LiteralText).Should().BeEmpty();
        var rendered = Renderer.Render(letter);
        LetterSamples.TextOf(rendered.Bytes, out _).Should().Contain(LetterSamples.Squash(blocks[0].Text));
    }

    [Fact]
    public void An_unknown_placeholder_is_refused_when_the_template_loads_naming_template_placeholder_and_line()
    {
        var parse = () => LetterTemplate.Parse("ge-gac", "request", "en", "subject: Request {{request.number}}\n---\nHello.\n\nYour ref {{request.numbr}}.\n");

        parse.Should().Throw<LetterTemplateException>().WithMessage("*ge-gac/request.en, line 5*{{request.numbr}}*");
    }

    [Fact]
    public void A_required_placeholder_without_a_value_is_an_error_naming_it_never_a_blank()
    {
        var template = LetterTemplate.Parse("ge-gac", "chaser", "en", "subject: Reminder {{request.number}}\n---\nRegistered as {{request.registration_number}}.\n");
        var facts = MinimalFacts("en");

        var fill = () => template.Fill(facts);

        fill.Should().Throw<LetterContentException>().WithMessage("*ge-gac/chaser.en, line 3*{{request.registration_number}}*no value*");
    }

    [Fact]
    public void A_conditional_block_is_left_out_when_its_fact_is_missing_and_printed_when_present()
    {
        var template = LetterTemplate.Parse("ge-gac", "chaser", "en", "subject: S {{request.number}}\n---\n- [?request.registration_number] Registered as {{request.registration_number}}.\n- Always.\n");
        var facts = MinimalFacts("en");

        template.Fill(facts).Blocks.Select(block => block.Text).Should().Equal("Always.");
        facts[LetterFields.RegistrationNumber] = "01/77";
        template.Fill(facts).Blocks.Select(block => block.Text).Should().Equal("Registered as 01/77.", "Always.");
    }

    [Fact]
    public void A_template_without_a_subject_or_with_an_unclosed_placeholder_is_refused()
    {
        ((Action)(() => LetterTemplate.Parse("x", "request", "en", "signature: S\n---\nText\n"))).Should().Throw<LetterTemplateException>().WithMessage("*no subject*");
        ((Action)(() => LetterTemplate.Parse("x", "request", "en", "subject: S\n---\nText {{request.number\n"))).Should().Throw<LetterTemplateException>().WithMessage("*line 3*not closed*");
    }

    [Fact]
    public void A_date_placeholder_with_a_case_suffix_fills_with_the_date_in_that_case()
    {
        var template = LetterTemplate.Parse("ge-gac", "chaser", "ka", "subject: S {{request.number}}\n---\nვადა {{request.due_on:dative}} ამოიწურა.\n\nწერილი: {{letter.date}}\n");

        var filled = template.Fill(MinimalFacts("ka")).Blocks.Select(block => block.Text);

        filled.Should().Equal("ვადა 2026 წლის 16 მარტს ამოიწურა.", "წერილი: 30 მარტი 2026");
        template.Placeholders.Should().Contain(LetterFields.DueOn).And.NotContain("request.due_on:dative");
    }

    [Fact]
    public void A_case_on_a_field_that_is_not_a_date_or_an_unknown_case_is_refused_when_the_template_loads()
    {
        var notADate = () => LetterTemplate.Parse("ge-gac", "chaser", "ka", "subject: S\n---\n{{body.name:dative}}\n");
        var unknownCase = () => LetterTemplate.Parse("ge-gac", "chaser", "ka", "subject: S\n---\n{{request.due_on:ablative}}\n");

        notADate.Should().Throw<LetterTemplateException>().WithMessage("*line 3*{{body.name:dative}}*only a date takes a case*");
        unknownCase.Should().Throw<LetterTemplateException>().WithMessage("*line 3*unknown case 'ablative'*nominative, dative, genitive*");
    }

    [Fact]
    public void A_condition_can_ask_for_a_field_to_be_empty_and_for_several_fields_at_once()
    {
        var template = LetterTemplate.Parse("ge-gac", "complaint", "en", string.Join('\n',
            "subject: S", "---",
            "- [?refusal.dated_on refusal.reference] Letter No. {{refusal.reference}} of {{refusal.dated_on}}.",
            "- [?refusal.dated_on !refusal.reference] Answer of {{refusal.dated_on}}.",
            "- [?!refusal.dated_on] No refusal."));
        var facts = MinimalFacts("en");

        template.Fill(facts).Blocks.Select(block => block.Text).Should().Equal("No refusal.");
        LetterComposer.PutDate(facts, LetterFields.RefusalDatedOn, new DateOnly(2026, 3, 13), "en");
        template.Fill(facts).Blocks.Select(block => block.Text).Should().Equal("Answer of 13 March 2026.");
        facts[LetterFields.RefusalReference] = "01/26-1342";
        template.Fill(facts).Blocks.Select(block => block.Text).Should().Equal("Letter No. 01/26-1342 of 13 March 2026.");
    }

    [Fact]
    public void The_request_text_keeps_its_paragraphs()
    {
        var template = LetterTemplate.Parse("x", "request", "en", "subject: S {{request.number}}\n---\nIntro.\n\n{{request.text}}\n\nEnd.\n");
        var facts = MinimalFacts("en");
        facts[LetterFields.RequestText] = "First.\n\nSecond\nline.";

        template.Fill(facts).Blocks.Select(block => block.Text).Should().Equal("Intro.", "First.", "Second line.", "End.");
    }

    [Theory]
    [InlineData("ge-gori-city-hall", "ge-gori-mayor")]
    [InlineData("ge-gori-mayor", "ge-gori-district-court")]
    [InlineData("ge-gori-council", "ge-gori-district-court")]
    public async Task A_complaint_is_addressed_per_LSG_62_City_Hall_to_the_Mayor_the_Mayor_and_the_Council_to_court(string body, string addressee)
    {
        var seeds = await new JsonSeedSource(new SeedOptions { Directory = TestServices.RepositorySeeds }).ReadAsync(CancellationToken.None);
        var bodies = seeds.Bodies.ToDictionary(candidate => candidate.Key);
        var subject = bodies[PublicBodyKey.Create(body)];
        PublicBody? Lookup(PublicBodyKey? key) => key is { } found ? bodies[found] : null;

        var to = LetterComposer.AddresseeOf(subject, Lookup(subject.ComplaintsTo), Lookup(subject.Court), LetterRecipients.ComplaintBody, "ge-gac/complaint.ka");

        to.Key.Value.Should().Be(addressee);
    }

    private static Dictionary<string, string?> MinimalFacts(string language)
    {
        var facts = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [LetterFields.SenderName] = "Nino Beridze",
            [LetterFields.SenderEmail] = "nino@example.ge",
            [LetterFields.AddresseeName] = "Gori Municipality City Hall",
            [LetterFields.BodyName] = "Gori Municipality City Hall",
            [LetterFields.RequestNumber] = "2026-000042",
            [LetterFields.RequestSubject] = "2025 budget",
            [LetterFields.RequestText] = "Please send the 2025 budget.",
            [LetterFields.Unanswered] = "yes",
            [LetterFields.DirectToCourt] = "yes",
            [LetterFields.CourtName] = "Gori District Court",
        };
        LetterComposer.PutDate(facts, LetterFields.LetterDate, new DateOnly(2026, 3, 30), language);
        LetterComposer.PutDate(facts, LetterFields.SubmittedOn, new DateOnly(2026, 3, 2), language);
        LetterComposer.PutDate(facts, LetterFields.DueOn, new DateOnly(2026, 3, 16), language);
        return facts;
    }
}

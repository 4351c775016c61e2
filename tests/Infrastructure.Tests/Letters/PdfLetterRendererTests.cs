using FoiTracker.Application.Letters;
using FoiTracker.Infrastructure.Letters;
using static FoiTracker.Infrastructure.Tests.Letters.LetterSamples;

namespace FoiTracker.Infrastructure.Tests.Letters;

public sealed class PdfLetterRendererTests
{
    private readonly PdfLetterRenderer _renderer = new();

    [Fact]
    public void A_Georgian_letter_with_Latin_in_the_same_paragraph_reads_back_as_written()
    {
        var rendered = _renderer.Render(Letter());

        var text = TextOf(rendered.Bytes, out var pages);
        pages.Should().Be(1);
        rendered.PageCount.Should().Be(1);
        text.Should().Contain(Squash(Georgian + " (GAC 37, Article 40(1))."));
        text.Should().Contain(Squash("საჯარო ინფორმაციის მოთხოვნის შესახებ განცხადება № 2026-000042"));
        text.Should().Contain(Squash("გორის მუნიციპალიტეტის მერია"));
        text.Should().Contain("nino@example.ge");
        text.Should().Contain(Squash("12 მარტი 2026"));
        text.Should().Contain(Squash("№ 2026-000042")).And.Contain("1/1");
    }

    [Fact]
    public void An_English_letter_reads_back_as_written()
    {
        var rendered = _renderer.Render(Letter("en", "Under Article 37 of the General Administrative Code of Georgia, I request the following public information."));

        TextOf(rendered.Bytes, out _).Should().Contain(Squash("Under Article 37 of the General Administrative Code of Georgia, I request the following public information."));
    }

    [Fact]
    public void A_100000_character_request_is_a_multi_page_letter_with_every_word_and_page_numbers()
    {
        var text = LongText(100_000);
        var paragraphs = text.Split("\n\n");

        var rendered = _renderer.Render(Letter("ka", paragraphs));

        var read = TextOf(rendered.Bytes, out var pages);
        pages.Should().Be(rendered.PageCount).And.BeGreaterThan(20).And.BeLessThan(60);
        read.Should().Contain(Squash(paragraphs[0])).And.Contain(Squash(paragraphs[^1]));
        read.Length.Should().BeGreaterThan(Squash(text).Length);
        read.Should().Contain($"{pages}/{pages}").And.Contain($"1/{pages}");
    }

    [Fact]
    public void A_five_page_text_makes_more_pages_than_a_short_one()
    {
        _renderer.Render(Letter("en", LongText(15_000).Split("\n\n"))).PageCount.Should().BeInRange(4, 7);
    }

    [Fact]
    public void A_letter_above_the_documented_limit_is_refused_with_the_limit_in_the_message()
    {
        var render = () => _renderer.Render(Letter("en", LongText(PdfLetterRenderer.Limit + 1)));

        render.Should().Throw<LetterContentException>().WithMessage("*at most 150,000*");
    }

    [Fact]
    public void Rendering_the_same_letter_twice_gives_the_same_bytes()
    {
        var first = _renderer.Render(Letter());
        var second = new PdfLetterRenderer().Render(Letter());

        second.Bytes.Should().Equal(first.Bytes);
    }

    [Fact]
    public void Different_letters_get_different_document_ids()
    {
        var first = _renderer.Render(Letter("ka", "ერთი"));
        var second = _renderer.Render(Letter("ka", "ორი"));

        first.Bytes.Should().NotEqual(second.Bytes);
    }

    [Fact]
    public void The_lari_sign_is_refused_with_its_code_point_and_a_hint_to_write_GEL()
    {
        var render = () => _renderer.Render(Letter("ka", "ასლის საფასური: 0.05 ₾ გვერდზე"));

        render.Should().Throw<LetterContentException>().WithMessage("*U+20BE*paragraph 1*GEL*");
    }

    [Fact]
    public void A_character_outside_the_font_is_named_wherever_it_is()
    {
        var letter = Letter() with { Addressee = ["城市 City Hall"] };

        var render = () => _renderer.Render(letter);

        render.Should().Throw<LetterContentException>().WithMessage("*U+57CE*addressee*");
    }

    [Fact]
    public void Checking_a_letter_refuses_what_rendering_refuses_with_the_same_message_and_passes_what_renders()
    {
        LetterDocument[] refused =
        [
            Letter("en", LongText(PdfLetterRenderer.Limit + 1)),
            Letter("ka", "ასლის საფასური: 0.05 ₾ გვერდზე"),
            Letter() with { Addressee = ["城市 City Hall"] },
            Letter() with { Subject = "Bold 城" },
        ];
        foreach (var letter in refused)
        {
            var rendering = () => _renderer.Render(letter);
            var message = rendering.Should().Throw<LetterContentException>().Which.Message;
            var checking = () => _renderer.Check(letter);
            checking.Should().Throw<LetterContentException>().Which.Message.Should().Be(message);
        }

        LetterDocument[] accepted = [Letter(), Letter("en", LongText(100_000).Split("\n\n")), Letter("en", "Bell\u0007 and\u0000 plain text")];
        foreach (var letter in accepted)
        {
            _renderer.Invoking(renderer => renderer.Check(letter)).Should().NotThrow();
            _renderer.Render(letter).PageCount.Should().BePositive();
        }
    }

    [Fact]
    public void Control_characters_are_stripped_not_printed()
    {
        var rendered = _renderer.Render(Letter("en", "Bell\u0007 and\u0000 null\u001b escape\tand tab"));

        TextOf(rendered.Bytes, out _).Should().Contain("Bellandnullescapeandtab");
        PdfLetterRenderer.Clean("a\u0007b\u0085c\td").Should().Be("abc d");
    }

    [Fact]
    public void The_font_covers_Georgian_Latin_and_the_number_sign_but_not_the_lari()
    {
        var fonts = LetterFonts.Instance;

        foreach (var c in "აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ ABCxyz0123456789„“—–№•")
            fonts.Regular.Has(c).Should().BeTrue($"'{c}' U+{(int)c:X4} is used in letters");
        fonts.Regular.Has(0x20BE).Should().BeFalse();
        fonts.Regular.Advance('ა').Should().BeGreaterThan(0);
    }
}

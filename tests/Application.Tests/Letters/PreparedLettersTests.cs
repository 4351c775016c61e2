using FoiTracker.Application.Letters;

namespace FoiTracker.Application.Tests.Letters;

public sealed class PreparedLettersTests
{
    [Fact]
    public void A_drawing_is_taken_once_and_only_for_exactly_the_letter_it_was_drawn_from()
    {
        var renderer = new CountingRenderer();
        var drawings = new PreparedLetters(renderer);
        var letter = Letter("Please send the 2025 budget.");

        drawings.Prepare(letter);
        drawings.Prepare(Letter("Please send the 2025 budget."));
        renderer.Drawn.Should().Be(1, "the same content is drawn once");

        // The request changed between the drawing and the transaction: the letter composed then differs.
        var changed = drawings.Render(letter with { Reference = "№ 2026-000043" });
        changed.Bytes.Should().Equal(CountingRenderer.BytesOf(letter with { Reference = "№ 2026-000043" }));
        renderer.Drawn.Should().Be(2);

        var taken = drawings.Render(Letter("Please send the 2025 budget."));
        taken.Bytes.Should().Equal(CountingRenderer.BytesOf(letter));
        renderer.Drawn.Should().Be(2, "the prepared drawing was used");
        drawings.Count.Should().Be(0);

        drawings.Render(letter);
        renderer.Drawn.Should().Be(3, "a drawing is taken once");
    }

    [Fact]
    public void Drawings_nobody_takes_are_dropped_oldest_first_at_the_capacity()
    {
        var renderer = new CountingRenderer();
        var drawings = new PreparedLetters(renderer);

        for (var i = 0; i <= PreparedLetters.Capacity; i++)
            drawings.Prepare(Letter($"Text {i}"));

        drawings.Count.Should().Be(PreparedLetters.Capacity);
        drawings.Render(Letter("Text 0"));
        renderer.Drawn.Should().Be(PreparedLetters.Capacity + 2, "the oldest drawing was dropped and is drawn again");
        drawings.Render(Letter($"Text {PreparedLetters.Capacity}"));
        renderer.Drawn.Should().Be(PreparedLetters.Capacity + 2, "the newest is still there");
    }

    [Fact]
    public void A_letter_that_cannot_be_drawn_leaves_nothing_behind()
    {
        var drawings = new PreparedLetters(new CountingRenderer());

        var prepare = () => drawings.Prepare(Letter("refuse"));

        prepare.Should().Throw<LetterContentException>();
        drawings.Count.Should().Be(0);
    }

    private static LetterDocument Letter(string text) => new(
        "en", "№ 2026-000042", new DateOnly(2026, 12, 7), "7 December 2026", ["Nino"], ["Gori City Hall"], "Request for public information",
        [new LetterBlock(LetterBlockKind.Paragraph, text)], "Signature", "Nino", "Request");

    private sealed class CountingRenderer : ILetterRenderer
    {
        public int Drawn { get; private set; }

        public int MaxCharacters => 1000;

        public static byte[] BytesOf(LetterDocument letter) =>
            System.Text.Encoding.UTF8.GetBytes(letter.Reference + string.Concat(letter.Blocks.Select(block => block.Text)));

        public RenderedLetter Render(LetterDocument letter)
        {
            Check(letter);
            Drawn++;
            return new RenderedLetter(BytesOf(letter), 1);
        }

        public void Check(LetterDocument letter)
        {
            if (letter.Blocks.Any(block => block.Text == "refuse"))
                throw new LetterContentException("refused");
        }

        public IReadOnlyList<int> MissingCharacters(string text) => [];
    }
}

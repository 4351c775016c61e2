using FoiTracker.Domain.Calendars;

namespace FoiTracker.Domain.Tests.Calendars;

public class MultilingualNameTests
{
    [Fact]
    public void In_Georgian_WithoutATranslation_FallsBackToEnglish() =>
        new MultilingualName("Boxing Day").In("ka").Should().Be("Boxing Day");

    [Fact]
    public void ToLocalizedText_WithGeorgian_GivesThePair()
    {
        var text = new MultilingualName("Epiphany", "ნათლისღება").ToLocalizedText();
        text!.Ka.Should().Be("ნათლისღება");
        text.En.Should().Be("Epiphany");
    }

    [Fact]
    public void ToLocalizedText_WithoutGeorgian_IsNull() =>
        new MultilingualName("Ostermontag", local: "Ostermontag").ToLocalizedText().Should().BeNull();
}

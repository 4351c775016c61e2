using System.Globalization;
using FoiTracker.Web.Pages.Support;

namespace FoiTracker.Web.Tests.Pages;

/// <summary>Dates and numbers as each language writes them, whatever culture the machine runs in.</summary>
public sealed class PageFormatTests
{
    private static readonly DateOnly Day = new(2026, 10, 16);

    [Fact]
    public void OnGeorgianPages_DatesAreGeorgianProse_AndNumbersGroupWithANoBreakSpace()
    {
        using var _ = new UiCulture("ka-GE");

        PageFormat.Date(Day).Should().Be("2026 წლის 16 ოქტომბერი");
        PageFormat.ShortDate(Day).Should().Be("16.10.2026");
        PageFormat.Number(1234567).Should().Be("1\u00A0234\u00A0567");
        PageFormat.Percent(0.253).Should().Be("25,3%");
    }

    [Fact]
    public void OnEnglishPages_DatesPutTheDayFirst_AndNumbersGroupWithCommas()
    {
        using var _ = new UiCulture("en-GB");

        PageFormat.Date(Day).Should().Be("16 October 2026");
        PageFormat.ShortDate(Day).Should().Be("16/10/2026");
        PageFormat.Number(1234567).Should().Be("1,234,567");
        PageFormat.Percent(0.253).Should().Be("25.3%");
    }

    [Theory]
    [InlineData("ChangePassword", "change-password")]
    [InlineData("Index", "index")]
    [InlineData("SignIn", "sign-in")]
    [InlineData("{key}", "{key}")]
    [InlineData("bodies", "bodies")]
    public void PagePaths_BecomeLowerCaseWordsJoinedByHyphens(string segment, string expected) =>
        CultureRouteConvention.Kebab(segment).Should().Be(expected);

    /// <summary>Sets the UI culture as the request's URL would, and puts the old one back.</summary>
    private sealed class UiCulture : IDisposable
    {
        private readonly CultureInfo _before = CultureInfo.CurrentUICulture;

        public UiCulture(string name) => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);

        public void Dispose() => CultureInfo.CurrentUICulture = _before;
    }
}

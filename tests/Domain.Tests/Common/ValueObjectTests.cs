using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Jurisdictions;
using FoiTracker.Domain.Requests;

namespace FoiTracker.Domain.Tests.Common;

public sealed class ValueObjectTests
{
    [Theory]
    [InlineData("ge-gori-city-hall", true)]
    [InlineData("ge-2", true)]
    [InlineData("Ge-Gori", false)]
    [InlineData("ge--gori", false)]
    [InlineData("-ge", false)]
    [InlineData("ge gori", false)]
    [InlineData("გორი", false)]
    [InlineData("", false)]
    public void BodyKey_AcceptsOnlyLowerCaseAsciiWithSingleHyphens(string candidate, bool valid) =>
        PublicBodyKey.TryCreate(candidate, out _).Should().Be(valid);

    [Fact]
    public void BodyKey_LongerThanTheLimit_IsRefused() =>
        PublicBodyKey.TryCreate(new string('a', PublicBodyKey.MaxLength + 1), out _).Should().BeFalse();

    [Theory]
    [InlineData("nino@example.ge", true)]
    [InlineData(" nino@example.ge ", true)]
    [InlineData("Nino Beridze <nino@example.ge>", false)]
    [InlineData("nino", false)]
    [InlineData("", false)]
    public void Email_AcceptsABareAddressOnly(string candidate, bool valid) =>
        EmailAddress.TryCreate(candidate, out _).Should().Be(valid);

    [Fact]
    public void Email_NormalizedForm_IgnoresCase() =>
        EmailAddress.Create("Nino@Example.GE").Normalized.Should().Be("nino@example.ge");

    [Theory]
    [InlineData("ge", true)]
    [InlineData("gb-sct", true)]
    [InlineData("us-ca", true)]
    [InlineData("GE", false)]
    [InlineData("georgia", false)]
    public void JurisdictionCode_IsIsoAlpha2WithAnOptionalSubdivision(string candidate, bool valid) =>
        JurisdictionCode.TryCreate(candidate, out _).Should().Be(valid);

    [Fact]
    public void RequestNumber_IsYearAndSixDigitSequence()
    {
        RequestNumber.From(2026, 42).Value.Should().Be("2026-000042");
        RequestNumber.From(2026, 1_234_567).Value.Should().Be("2026-1234567");
        RequestNumber.TryParse("2026-42", out _).Should().BeFalse();
        RequestNumber.Parse("2026-000042").Should().Be(RequestNumber.From(2026, 42));
    }

    [Fact]
    public void LocalizedText_PicksTheLanguage_EnglishByDefault()
    {
        var text = new LocalizedText("მერია", "City Hall");

        text.In("ka").Should().Be("მერია");
        text.In("en").Should().Be("City Hall");
        text.In("de").Should().Be("City Hall");
    }

    [Fact]
    public void Jurisdiction_LegalDate_IsTheDateInItsTimeZone()
    {
        var georgia = new Jurisdiction(JurisdictionCode.Create("ge"), new LocalizedText("საქართველო", "Georgia"), "ge-gac", "Asia/Tbilisi");

        // 21:30 UTC is already 01:30 the next day in Tbilisi (UTC+4).
        georgia.LegalDateOf(new DateTimeOffset(2026, 11, 30, 21, 30, 0, TimeSpan.Zero)).Should().Be(new DateOnly(2026, 12, 1));
        georgia.LegalDateOf(new DateTimeOffset(2026, 11, 30, 19, 59, 0, TimeSpan.Zero)).Should().Be(new DateOnly(2026, 11, 30));
    }
}

using FoiTracker.Domain.Bodies;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Jurisdictions;

namespace FoiTracker.Domain.Tests.Bodies;

public sealed class PublicBodyTests
{
    private static readonly JurisdictionCode Georgia = JurisdictionCode.Create("ge");
    private static readonly PublicBodyKey CityHall = PublicBodyKey.Create("ge-gori-city-hall");

    [Fact]
    public void Body_NamedAsItsOwnParent_BreaksARule()
    {
        var create = () => new PublicBody(CityHall, Georgia, BodyKind.CityHall, new LocalizedText("მერია", "City Hall"), parent: CityHall);

        create.Should().Throw<BusinessRuleViolationException>().Which.Rule.Should().Be("BodyCannotBeItsOwnParent");
    }

    [Fact]
    public void Body_ComplainingToItself_IsAllowed_BecauseGac178LetsASeniorOfficialOfTheSameBodyDecide()
    {
        var ministry = PublicBodyKey.Create("ge-ministry-finance");

        var body = new PublicBody(ministry, Georgia, BodyKind.Ministry, new LocalizedText("სამინისტრო", "Ministry"), complaintsTo: ministry);

        body.ComplaintsTo.Should().Be(ministry);
    }

    [Theory]
    [InlineData(true, true)]
    [InlineData(false, false)]
    public void Body_CanReceiveMail_OnlyAtAVerifiedAddress(bool verified, bool expected)
    {
        var body = new PublicBody(CityHall, Georgia, BodyKind.CityHall, new LocalizedText("მერია", "City Hall"),
            foiEmail: new FoiEmail(EmailAddress.Create("info@gori.gov.ge"), verified));

        body.CanReceiveMail.Should().Be(expected);
    }

    [Fact]
    public void Body_SearchText_HoldsBothLanguagesLowerCased()
    {
        var body = new PublicBody(CityHall, Georgia, BodyKind.CityHall, new LocalizedText("გორის მერია", "Gori City Hall"));

        body.SearchText.Should().Contain("გორის მერია").And.Contain("gori city hall").And.Contain("ge-gori-city-hall");
    }
}

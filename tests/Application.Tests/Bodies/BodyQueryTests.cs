using FluentValidation;
using FoiTracker.Application.Bodies.GetBody;
using FoiTracker.Application.Bodies.SearchBodies;
using FoiTracker.Application.Common.Exceptions;

namespace FoiTracker.Application.Tests.Bodies;

public sealed class BodyQueryTests : ApplicationTest
{
    [Theory]
    [InlineData("გორი")]
    [InlineData("GORI")]
    [InlineData("  gori municipality city hall  ")]
    public async Task Search_FindsGoriCityHall_InEitherLanguageAndAnyCase(string text)
    {
        var result = await SendAsync(new SearchBodiesQuery(text, 1, 50));

        result.Items.Should().Contain(body => body.Key == "ge-gori-city-hall"
            && body.Name.Ka == "გორის მუნიციპალიტეტის მერია"
            && body.Name.En == "Gori Municipality City Hall");
    }

    [Theory]
    [InlineData(0, 20, "Page")]
    [InlineData(1, 0, "PageSize")]
    [InlineData(1, 101, "PageSize")]
    public async Task Search_OutsidePagingLimits_IsRejected(int page, int pageSize, string field)
    {
        var search = () => SendAsync(new SearchBodiesQuery(null, page, pageSize));

        (await search.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().ContainSingle(error => error.PropertyName == field);
    }

    [Fact]
    public async Task GetBody_Unknown_NamesTheKey()
    {
        var get = () => SendAsync(new GetBodyQuery("ge-atlantis"));

        await get.Should().ThrowAsync<NotFoundException>().WithMessage("*ge-atlantis*");
    }
}

using System.Net;
using System.Text.Json;

namespace FoiTracker.Web.Tests.Support;

/// <summary>What every error answer of the service must look like.</summary>
internal static class ResponseAssertions
{
    /// <summary>
    /// Asserts an RFC 9457 answer with the given status, a title, and no stack trace anywhere in
    /// the body; returns the parsed body for further checks.
    /// </summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(status, "the body was: {0}", body);
        response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json", "the body was: {0}", body);
        body.ShouldHaveNoStackTrace();

        using var document = JsonDocument.Parse(body);
        var problem = document.RootElement.Clone();
        problem.GetProperty("status").GetInt32().Should().Be((int)status);
        problem.GetProperty("title").GetString().Should().NotBeNullOrWhiteSpace();
        return problem;
    }

    /// <summary>Asserts a 400 whose <c>errors</c> has an entry for <paramref name="field"/>; returns that entry's messages.</summary>
    public static async Task<string[]> ShouldBeValidationProblemForAsync(this HttpResponseMessage response, string field)
    {
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.TryGetProperty("errors", out var errors).Should().BeTrue("a validation problem lists its fields: {0}", problem);
        errors.TryGetProperty(field, out var messages).Should().BeTrue("'{0}' should be among the invalid fields: {1}", field, errors);
        var texts = messages.EnumerateArray().Select(message => message.GetString() ?? string.Empty).ToArray();
        texts.Should().NotBeEmpty().And.AllSatisfy(text => text.Should().NotBeNullOrWhiteSpace());
        return texts;
    }

    public static string Detail(this JsonElement problem) =>
        problem.TryGetProperty("detail", out var detail) ? detail.GetString() ?? string.Empty : string.Empty;

    public static void ShouldHaveNoStackTrace(this string body) =>
        body.Should().NotContain("   at ", "an answer never shows a stack trace").And.NotContain("\\n   at ");

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(expected, "the body was: {0}", body);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }
}

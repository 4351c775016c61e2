using System.Net;
using System.Net.Http.Json;
using FoiTracker.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FoiTracker.Web.Tests;

/// <summary>What every answer tells the browser: no sniffing, no framing, no referrer to other sites; pages a content security policy; tokens never cached.</summary>
public sealed class SecurityHeaderTests(FoiTrackerFactory factory) : IClassFixture<FoiTrackerFactory>
{
    [Theory]
    [InlineData("/en/")]
    [InlineData("/ka/account/sign-in")]
    [InlineData("/api/bodies")]
    [InlineData("/health")]
    public async Task EveryAnswer_ForbidsSniffingFramingAndReferrers(string path)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
        response.Headers.GetValues("X-Frame-Options").Should().Equal("DENY");
        response.Headers.GetValues("Referrer-Policy").Should().Equal("same-origin");
        response.Headers.Contains("Server").Should().BeFalse();
    }

    [Fact]
    public async Task APage_AllowsOnlyTheSitesOwnScriptsAndStyles_AndHasNoInlineOnes()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/en/account/register");

        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        policy.Should().Contain("script-src 'self';").And.Contain("style-src 'self';").And.Contain("frame-ancestors 'none'")
            .And.NotContain("unsafe-inline");
        var html = await response.Content.ReadAsStringAsync();
        html.Should().NotContain("<style").And.NotContain(" style=").And.NotContain("<script>");
        html.Should().Contain("\"includeIndicatorStyles\":false", "htmx would otherwise add an inline style the policy refuses");
    }

    [Fact]
    public async Task TheApiReference_KeepsItsOwnScripts()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync("/api/docs");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Contains("Content-Security-Policy").Should().BeFalse();
    }

    [Fact]
    public async Task AToken_IsNeverStoredByABrowserOrProxy()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/auth/token",
            new { email = FoiTrackerFactory.AdminEmail, password = FoiTrackerFactory.AdminPassword });

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
    }

    [Fact]
    public async Task OutsideDevelopment_HttpsAnswersPinHttps_PlainHttpOnesDoNot()
    {
        using var production = factory.WithWebHostBuilder(builder => builder.UseEnvironment("Production"));
        using var https = production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://foi.example.ge") });
        using var http = production.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://foi.example.ge") });

        using var secure = await https.GetAsync("/health");
        using var plain = await http.GetAsync("/health");

        secure.Headers.GetValues("Strict-Transport-Security").Single().Should().Be("max-age=31536000");
        plain.Headers.Contains("Strict-Transport-Security").Should().BeFalse();
    }

    [Fact]
    public async Task InDevelopment_NothingIsPinned()
    {
        using var https = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://foi.example.ge") });

        using var response = await https.GetAsync("/health");

        response.Headers.Contains("Strict-Transport-Security").Should().BeFalse();
    }
}

using System.Net;
using AngleSharp;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FoiTracker.Web.Tests.Pages.Support;

/// <summary>
/// One visitor with a browser that runs no JavaScript: it keeps its cookies (sign-in, antiforgery,
/// messages) from one request to the next, and never follows a redirect by itself, so a test can
/// assert where a form sent it before going there with <see cref="HtmlPage.FollowAsync"/>.
/// </summary>
/// <example>
/// <code>
/// using var visitor = new PageSession(factory);
/// var signIn = await visitor.GetAsync("/en/account/sign-in");
/// var answer = await signIn.Form().Set("Input.Email", "nino@example.ge").Set("Input.Password", "…").SubmitAsync();
/// answer.ShouldRedirectTo("/en");
/// var home = await answer.FollowAsync();
/// </code>
/// </example>
public sealed class PageSession : IDisposable
{
    /// <summary>The address the in-memory server answers at; page addresses in tests are relative to it.</summary>
    public static readonly Uri Origin = new("http://localhost");

    private readonly HttpClient _client;
    private readonly IBrowsingContext _parser = BrowsingContext.New(Configuration.Default);

    public PageSession(WebApplicationFactory<Program> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        _client = factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            AllowAutoRedirect = false,
            HandleCookies = true,
            BaseAddress = Origin,
        });
    }

    /// <summary>GETs a page (one request: a redirect is returned, not followed).</summary>
    public Task<HtmlPage> GetAsync(string url) => SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(Origin, url)));

    /// <summary>GETs a page and follows redirects (at most five), for when the way there does not matter.</summary>
    public async Task<HtmlPage> GetFollowingAsync(string url)
    {
        var page = await GetAsync(url);
        for (var hops = 0; page.IsRedirect && hops < 5; hops++)
            page = await page.FollowAsync();
        return page;
    }

    /// <summary>POSTs fields as a form would, with no antiforgery token unless one is among them.</summary>
    public Task<HtmlPage> PostAsync(string url, params (string Name, string Value)[] fields)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Origin, url))
        {
            Content = new FormUrlEncodedContent(fields.Select(field => new KeyValuePair<string, string>(field.Name, field.Value))),
        };
        return SendAsync(request);
    }

    /// <summary>Sends a request and parses the answer; used by forms and redirects.</summary>
    internal async Task<HtmlPage> SendAsync(HttpRequestMessage request)
    {
        using (request)
        using (var response = await _client.SendAsync(request))
        {
            var url = request.RequestUri!;
            var body = await response.Content.ReadAsStringAsync();
            var isHtml = response.Content.Headers.ContentType?.MediaType == "text/html";
            var document = await _parser.OpenAsync(answer => answer.Content(isHtml ? body : string.Empty).Address(url));
            return new HtmlPage(this, url, response.StatusCode, response.Headers.Location, response.Content.Headers.ContentType?.MediaType,
                body, (IHtmlDocument)document);
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _parser.Dispose();
    }
}

using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace FoiTracker.Web.Tests.Pages.Support;

/// <summary>An answer of the site as a browser sees it: its status, where it redirects, and its HTML parsed by AngleSharp.</summary>
public sealed class HtmlPage
{
    private readonly PageSession _session;

    internal HtmlPage(PageSession session, Uri url, HttpStatusCode status, Uri? location, string? mediaType, string html, IHtmlDocument document)
    {
        _session = session;
        Url = url;
        Status = status;
        Location = location;
        MediaType = mediaType;
        Html = html;
        Document = document;
    }

    public Uri Url { get; }

    public HttpStatusCode Status { get; }

    /// <summary>The Location header of a redirect, as sent (usually a path like <c>/ka/</c>).</summary>
    public Uri? Location { get; }

    public string? MediaType { get; }

    /// <summary>The body as received (for a look when a test fails).</summary>
    public string Html { get; }

    public IHtmlDocument Document { get; }

    public bool IsRedirect => (int)Status is >= 300 and < 400 && Location is not null;

    /// <summary>The <c>lang</c> of the html element.</summary>
    public string? Language => Document.DocumentElement.GetAttribute("lang");

    /// <summary>The text of <c>main</c>, white space folded: what the page says, without header and footer.</summary>
    public string MainText => Fold(Document.QuerySelector("main")?.TextContent ?? string.Empty);

    /// <summary>The first element the CSS selector finds; fails the test, showing the page, when there is none.</summary>
    public IElement Find(string selector) =>
        Document.QuerySelector(selector) ?? throw new InvalidOperationException($"No element '{selector}' on {Url} ({(int)Status}):\n{Html}");

    /// <summary>The folded text of every element the selector finds.</summary>
    public IReadOnlyList<string> Texts(string selector) =>
        Document.QuerySelectorAll(selector).Select(element => Fold(element.TextContent)).ToList();

    /// <summary>The error shown beside a field (rendered by the field tag helper), or null when there is none.</summary>
    public string? FieldError(string fieldName)
    {
        var input = Document.QuerySelector($"[name='{fieldName}']");
        var id = input?.GetAttribute("aria-describedby")?.Split(' ').FirstOrDefault(part => part.EndsWith("-error", StringComparison.Ordinal));
        return id is null ? null : Fold(Document.GetElementById(id)?.TextContent ?? string.Empty);
    }

    /// <summary>The form the selector finds (by default the first POST form in main), ready to fill and submit.</summary>
    public PageForm Form(string selector = "main form[method='post']") =>
        Find(selector) is IHtmlFormElement form ? new PageForm(_session, form) : throw new InvalidOperationException($"'{selector}' on {Url} is not a form.");

    /// <summary>GETs the page this answer redirects to.</summary>
    public Task<HtmlPage> FollowAsync()
    {
        if (!IsRedirect)
            throw new InvalidOperationException($"{Url} answered {(int)Status}, not a redirect:\n{Html}");
        return _session.GetAsync(new Uri(Url, Location!).PathAndQuery);
    }

    /// <summary>Asserts a redirect to this path (and query), as the Location header names it.</summary>
    public HtmlPage ShouldRedirectTo(string pathAndQuery)
    {
        IsRedirect.Should().BeTrue("{0} should redirect, but answered {1}:\n{2}", Url, (int)Status, Html);
        new Uri(Url, Location!).PathAndQuery.Should().Be(pathAndQuery);
        return this;
    }

    /// <summary>Asserts an HTML page with this status.</summary>
    public HtmlPage ShouldBe(HttpStatusCode status)
    {
        Status.Should().Be(status, "of {0}; the page was:\n{1}", Url, Html);
        MediaType.Should().Be("text/html");
        return this;
    }

    private static string Fold(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

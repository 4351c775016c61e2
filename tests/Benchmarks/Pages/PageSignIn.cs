using System.Net;
using System.Text.RegularExpressions;

namespace FoiTracker.Benchmarks.Pages;

/// <summary>Signs a client in through the sign-in page, as a browser does: its form's antiforgery token, then the cookie it sets.</summary>
public static partial class PageSignIn
{
    public static async Task SignInAsync(HttpClient client, string email, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var form = await client.GetStringAsync(new Uri("/ka/account/sign-in", UriKind.Relative), cancellationToken);
        var token = Token().Match(form) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups["token"].Value)
            : throw new InvalidOperationException("The sign-in page has no antiforgery token.");
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = token,
        });
        using var response = await client.PostAsync(new Uri("/ka/account/sign-in", UriKind.Relative), content, cancellationToken);
        if (response.StatusCode is not (HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther or HttpStatusCode.OK))
            throw new InvalidOperationException($"Signing in answered {(int)response.StatusCode}.");
        using var check = await client.GetAsync(new Uri("/ka/staff/queue", UriKind.Relative), cancellationToken);
        if (check.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"After signing in, the staff queue answered {(int)check.StatusCode}: the sign-in did not take.");
    }

    [GeneratedRegex(""""name="__RequestVerificationToken"[^>]*value="(?<token>[^"]+)"|value="(?<token>[^"]+)"[^>]*name="__RequestVerificationToken"""")]
    private static partial Regex Token();
}

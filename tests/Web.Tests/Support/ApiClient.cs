using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace FoiTracker.Web.Tests.Support;

/// <summary>Small conveniences for calling the API as someone.</summary>
internal static class ApiClient
{
    public static async Task<string> GetTokenAsync(this HttpClient client, string email, string password)
    {
        using var response = await client.PostAsJsonAsync("/api/auth/token", new { email, password });
        var body = await response.ReadJsonAsync();
        var token = body.GetProperty("accessToken").GetString();
        token.Should().NotBeNullOrWhiteSpace();
        return token!;
    }

    public static Task<string> GetAdminTokenAsync(this HttpClient client) =>
        client.GetTokenAsync(FoiTrackerFactory.AdminEmail, FoiTrackerFactory.AdminPassword);

    public static async Task<HttpResponseMessage> SendAsAsync(this HttpClient client, string? token, HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        return await client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> GetAsAsync(this HttpClient client, string? token, string path) =>
        client.SendAsAsync(token, HttpMethod.Get, path);

    public static Task<HttpResponseMessage> PostAsAsync(this HttpClient client, string? token, string path, object body) =>
        client.SendAsAsync(token, HttpMethod.Post, path, body);

    public static IEnumerable<JsonElement> Items(this JsonElement page) => page.GetProperty("items").EnumerateArray();
}

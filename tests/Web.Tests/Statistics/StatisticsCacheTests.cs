using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using FoiTracker.Tests.Support;
using FoiTracker.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FoiTracker.Web.Tests.Statistics;

/// <summary>
/// Public statistics answers are kept for a short while (Statistics:CacheSeconds); signed-in callers
/// always get them computed afresh, and a setting of 0 turns the keeping off.
/// </summary>
public sealed class StatisticsCacheTests(FoiTrackerFactory factory) : IClassFixture<FoiTrackerFactory>
{
    private static readonly string Year = DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(4)).Year.ToString(CultureInfo.InvariantCulture);
    private static readonly string Url = $"/api/statistics/bodies/{TestSeeds.VerifiedCityHall}?period={Year}";

    [Fact]
    public async Task A_public_answer_is_kept_while_a_signed_in_caller_sees_a_new_request_at_once()
    {
        var client = factory.CreateClient();
        var before = await SentAsync(client, token: null);

        await FileAsync(client);

        (await SentAsync(client, token: null)).Should().Be(before, "the public answer is kept for a minute by default");
        (await SentAsync(client, await client.GetAdminTokenAsync())).Should().Be(before + 1, "a signed-in caller is never served a kept answer");
    }

    [Fact]
    public async Task With_the_cache_set_to_zero_every_public_answer_is_computed_afresh()
    {
        using var uncached = factory.WithWebHostBuilder(builder => builder.UseSetting("Statistics:CacheSeconds", "0"));
        var client = uncached.CreateClient();
        var before = await SentAsync(client, token: null);

        await FileAsync(client);

        (await SentAsync(client, token: null)).Should().Be(before + 1);
    }

    private static async Task<int> SentAsync(HttpClient client, string? token)
    {
        using var response = await client.GetAsAsync(token, Url);
        var json = await response.ReadJsonAsync();
        return json.GetProperty("body").GetProperty("figures").GetProperty("sent").GetInt32();
    }

    private static async Task FileAsync(HttpClient client)
    {
        var email = $"citizen-{Guid.NewGuid():N}@example.org";
        using (var registered = await client.PostAsJsonAsync("/api/auth/register", new { email, displayName = "Nino Beridze", password = "A-long-enough-password" }))
            registered.StatusCode.Should().Be(HttpStatusCode.Created);
        var token = await client.GetTokenAsync(email, "A-long-enough-password");
        using var filed = await client.PostAsAsync(token, "/api/requests", new
        {
            bodyKey = TestSeeds.VerifiedCityHall, subject = "Budget", text = "Please send the budget.",
            requester = new { name = "Nino Beridze", email = "nino@example.ge" }, submittedAt = DateTimeOffset.UtcNow.AddMinutes(-5),
        });
        filed.StatusCode.Should().Be(HttpStatusCode.Created);
    }
}

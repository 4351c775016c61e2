using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using FoiTracker.Web.Tests.Pages.Support;
using FoiTracker.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace FoiTracker.Web.Tests;

/// <summary>
/// The abuse limits and the request size limit, each with small limits set for the test: 429 with
/// Retry-After as a ProblemDetails for the API and as a page in the visitor's language, 413 for a
/// JSON body above Limits:MaxJsonBytes however it is sent, 400 for a long Idempotency-Key.
/// </summary>
public sealed class LimitTests(FoiTrackerFactory factory) : IClassFixture<FoiTrackerFactory>
{
    private const string Password = "A-long-enough-password";

    [Fact]
    public async Task JsonBodyAboveTheLimit_Returns413_BeforeItIsRead()
    {
        using var client = WithLimits(("Limits:MaxJsonBytes", "2048")).CreateClient();
        using var content = new StringContent($$"""{ "email": "big@example.org", "displayName": "{{new string('x', 4000)}}", "password": "{{Password}}" }""", Encoding.UTF8, "application/json");

        using var response = await client.PostAsync("/api/auth/register", content);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        problem.Detail().Should().Contain("2,048 bytes");
        (await client.GetAsync("/api/auth/me")).StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the service goes on answering");
    }

    [Fact]
    public async Task ChunkedJsonBody_WithoutLength_IsCutAtTheLimit_AndOneWithinItIsRead()
    {
        using var client = WithLimits(("Limits:MaxJsonBytes", "2048")).CreateClient();

        using var large = new UnsizedJsonContent($$"""{ "email": "chunked@example.org", "displayName": "{{new string('x', 50_000)}}", "password": "{{Password}}" }""");
        using var refused = await client.PostAsync("/api/auth/register", large);
        await refused.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        using var small = new UnsizedJsonContent($$"""{ "email": "chunked@example.org", "displayName": "Nino", "password": "{{Password}}" }""");
        using var accepted = await client.PostAsync("/api/auth/register", small);
        accepted.StatusCode.Should().Be(HttpStatusCode.Created, await accepted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task IdempotencyKeyLongerThan200Characters_Returns400SayingSo()
    {
        using var client = factory.CreateClient();
        var token = await RegisterAsync(client);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/requests") { Content = JsonContent.Create(new { bodyKey = "ge-gori-city-hall" }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Add("Idempotency-Key", new string('k', 201));

        using var response = await client.SendAsync(request);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.Detail().Should().Contain("at most 200 characters");
    }

    [Fact]
    public async Task Registrations_FromOneAddress_AboveTheLimit_Return429WithRetryAfter()
    {
        using var client = WithLimits(("Limits:Register:PermitLimit", "2"), ("Limits:Register:Window", "01:00:00")).CreateClient();

        for (var opened = 0; opened < 2; opened++)
            (await RegisterResponseAsync(client)).StatusCode.Should().Be(HttpStatusCode.Created);
        using var refused = await RegisterResponseAsync(client);

        var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        problem.Detail().Should().Contain("try again in");
        int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).Should().BeInRange(1, 3600);
    }

    [Fact]
    public async Task WithLimitsDisabled_NothingIsCounted()
    {
        using var client = WithLimits(("Limits:Enabled", "false"), ("Limits:Register:PermitLimit", "1")).CreateClient();

        for (var opened = 0; opened < 3; opened++)
            (await RegisterResponseAsync(client)).StatusCode.Should().Be(HttpStatusCode.Created);
    }

    [Fact]
    public async Task FailedSignIns_LockTheAddress_WithoutSayingWhetherItHasAnAccount_AcrossARestart()
    {
        var limits = new[] { ("Limits:Lockout:Failures", "2"), ("Limits:Lockout:Duration", "00:10:00") };
        var email = $"locked-{Guid.NewGuid():N}@example.org";
        using (var client = WithLimits(limits).CreateClient())
        {
            await RegisterAsync(client, email);
            for (var attempt = 0; attempt < 2; attempt++)
                (await TokenResponseAsync(client, email, "not the password")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
            for (var attempt = 0; attempt < 2; attempt++)
                (await TokenResponseAsync(client, "nobody-" + email, "a guess")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        // A new process on the same database: the count was stored, not kept in memory.
        using var restarted = WithLimits(limits).CreateClient();
        using var locked = await TokenResponseAsync(restarted, email, Password);
        using var lockedWithoutAccount = await TokenResponseAsync(restarted, "nobody-" + email, Password);

        var problem = await locked.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        problem.Detail().Should().Be((await lockedWithoutAccount.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests)).Detail());
        locked.Headers.RetryAfter!.Delta.Should().BeCloseTo(TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task SignInAttempts_FromOneAddress_AboveTheLimit_Return429()
    {
        using var client = WithLimits(("Limits:SignIn:PermitLimit", "3"), ("Limits:SignIn:Window", "00:10:00")).CreateClient();

        for (var attempt = 0; attempt < 3; attempt++)
            (await TokenResponseAsync(client, $"someone-{attempt}@example.org", "a guess")).StatusCode.Should().Be(HttpStatusCode.Unauthorized);

        using var refused = await TokenResponseAsync(client, "someone-else@example.org", "a guess");
        await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        refused.Headers.Contains("Retry-After").Should().BeTrue();
    }

    [Fact]
    public async Task Filing_AboveTheDailyLimit_Returns429UntilTheNextDay()
    {
        using var client = WithLimits(("Limits:Filing:PerDay", "2")).CreateClient();
        var token = await RegisterAsync(client);

        for (var filed = 0; filed < 2; filed++)
            (await FileAsync(client, token)).StatusCode.Should().Be(HttpStatusCode.Created);
        using var refused = await FileAsync(client, token);

        var problem = await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        problem.Detail().Should().Contain("2 requests today");
        refused.Headers.RetryAfter!.Delta.Should().BePositive().And.BeLessThanOrEqualTo(TimeSpan.FromDays(1));
    }

    [Fact]
    public async Task LettersOnDemand_AboveTheLimit_Return429()
    {
        using var client = WithLimits(("Limits:Letters:PermitLimit", "1"), ("Limits:Letters:Window", "01:00:00")).CreateClient();
        var token = await RegisterAsync(client);
        using var filed = await FileAsync(client, token);
        var id = (await filed.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid();

        (await client.SendAsAsync(token, HttpMethod.Post, $"/api/requests/{id}/letters/request?lang=en")).StatusCode.Should().Be(HttpStatusCode.Created);
        using var refused = await client.SendAsAsync(token, HttpMethod.Post, $"/api/requests/{id}/letters/request?lang=ka");

        await refused.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
    }

    [Theory]
    [InlineData("ka", "ძალიან ბევრი მცდელობა")]
    [InlineData("en", "Too many attempts")]
    public async Task APageAboveTheLimit_ShowsTheErrorPageInItsLanguage(string language, string title)
    {
        using var visitor = new PageSession(WithLimits(("Limits:SignIn:PermitLimit", "2"), ("Limits:SignIn:Window", "00:10:00")));

        for (var attempt = 0; attempt < 2; attempt++)
        {
            var form = await visitor.GetAsync($"/{language}/account/sign-in");
            (await form.Form().Set("Input.Email", "someone@example.org").Set("Input.Password", "a guess").SubmitAsync()).ShouldBe(HttpStatusCode.BadRequest);
        }

        var signIn = await visitor.GetAsync($"/{language}/account/sign-in");
        var refused = await signIn.Form().Set("Input.Email", "someone@example.org").Set("Input.Password", "a guess").SubmitAsync();

        refused.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Language.Should().Be(language);
        refused.Find("h1").TextContent.Should().Be(title);
    }

    [Fact]
    public async Task ALockedAddress_OnThePage_SaysSoInGeorgian()
    {
        var email = $"page-locked-{Guid.NewGuid():N}@example.org";
        using var visitor = new PageSession(WithLimits(("Limits:Lockout:Failures", "1"), ("Limits:Lockout:Duration", "00:05:00")));

        var first = await visitor.GetAsync("/ka/account/sign-in");
        (await first.Form().Set("Input.Email", email).Set("Input.Password", "a guess").SubmitAsync()).ShouldBe(HttpStatusCode.BadRequest);
        var second = await visitor.GetAsync("/ka/account/sign-in");
        var refused = await second.Form().Set("Input.Email", email).Set("Input.Password", "a guess").SubmitAsync();

        refused.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Find(".form-errors").TextContent.Trim().Should().Be("ძალიან ბევრი წარუმატებელი შესვლის მცდელობა. სცადეთ თავიდან 5 წუთში.");
    }

    [Fact]
    public async Task ARequesterAddressOtherThanTheAccounts_IsMailedALink_ThatThePageAndTheApiConfirm()
    {
        var limited = WithLimits();
        using var client = limited.CreateClient();
        var token = await RegisterAsync(client);
        var other = $"other-{Guid.NewGuid():N}@example.org";
        using (var filed = await client.PostAsAsync(token, "/api/requests", new
               {
                   bodyKey = "ge-gori-city-hall",
                   subject = "Road repair contracts 2025",
                   text = "Please send the 2025 road repair contracts.",
                   requester = new { name = "Nino Beridze", email = other },
               }))
            filed.StatusCode.Should().Be(HttpStatusCode.Created);

        var admin = await client.GetAdminTokenAsync();
        using var listed = await client.GetAsAsync(admin, "/api/mail/outgoing?pageSize=100");
        var row = (await listed.ReadJsonAsync()).Items().Should().ContainSingle(item => item.GetProperty("to").GetString() == other).Subject;
        row.GetProperty("kind").GetString().Should().Be("account");
        using var one = await client.GetAsAsync(admin, $"/api/mail/outgoing/{row.GetProperty("id").GetGuid()}");
        var text = (await one.ReadJsonAsync()).GetProperty("textBody").GetString()!;
        var link = System.Text.RegularExpressions.Regex.Match(text, @"http://localhost/en/account/verify-email\?token=([A-Za-z0-9_-]+)");
        link.Success.Should().BeTrue(text);

        using var visitor = new PageSession(limited);
        var page = await visitor.GetAsync($"/ka/account/verify-email?token={link.Groups[1].Value}");
        var confirmed = await page.Form().SubmitAsync();
        confirmed.ShouldRedirectTo("/ka");
        (await confirmed.FollowAsync()).Find("p.notice").TextContent.Should().Be($"მისამართი {other} დადასტურებულია.");

        using var again = await client.PostAsJsonAsync("/api/auth/verify-email", new { token = link.Groups[1].Value });
        (await again.ReadJsonAsync()).GetProperty("email").GetString().Should().Be(other);
        using var wrong = await client.PostAsJsonAsync("/api/auth/verify-email", new { token = "not-a-token" });
        await wrong.ShouldBeValidationProblemForAsync("token");
    }

    private WebApplicationFactory<Program> WithLimits(params (string Key, string Value)[] settings) =>
        factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Limits:Enabled", "true");
            foreach (var (key, value) in settings)
                builder.UseSetting(key, value);
        });

    private static Task<HttpResponseMessage> RegisterResponseAsync(HttpClient client, string? email = null) =>
        client.PostAsJsonAsync("/api/auth/register", new { email = email ?? $"citizen-{Guid.NewGuid():N}@example.org", displayName = "Nino Beridze", password = Password });

    private static async Task<string> RegisterAsync(HttpClient client, string? email = null)
    {
        email ??= $"citizen-{Guid.NewGuid():N}@example.org";
        using (var registered = await RegisterResponseAsync(client, email))
            registered.StatusCode.Should().Be(HttpStatusCode.Created);
        return await client.GetTokenAsync(email, Password);
    }

    private static Task<HttpResponseMessage> TokenResponseAsync(HttpClient client, string email, string password) =>
        client.PostAsJsonAsync("/api/auth/token", new { email, password });

    private static Task<HttpResponseMessage> FileAsync(HttpClient client, string token) =>
        client.PostAsAsync(token, "/api/requests", new
        {
            bodyKey = "ge-gori-city-hall",
            subject = "Road repair contracts 2025",
            text = "Please send the 2025 road repair contracts.",
            requester = new { name = "Nino Beridze", address = "Gori, Tskhinvali road 7" },
        });

    /// <summary>A JSON body that does not say its length, as a client streaming it in chunks sends it.</summary>
    private sealed class UnsizedJsonContent : HttpContent
    {
        private readonly byte[] _bytes;

        public UnsizedJsonContent(string json)
        {
            _bytes = Encoding.UTF8.GetBytes(json);
            Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}

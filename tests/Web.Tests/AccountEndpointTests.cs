using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FoiTracker.Web.Tests.Support;

namespace FoiTracker.Web.Tests;

/// <summary>Signing in, registering, and who may see the account list.</summary>
public sealed class AccountEndpointTests(FoiTrackerFactory factory) : IClassFixture<FoiTrackerFactory>
{
    private const string GoodPassword = "A-long-enough-password";

    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Token_WithAdminCredentials_Returns200WithAccessToken()
    {
        using var response = await _client.PostAsJsonAsync("/api/auth/token",
            new { email = FoiTrackerFactory.AdminEmail, password = FoiTrackerFactory.AdminPassword });

        var body = await response.ReadJsonAsync();
        body.GetProperty("accessToken").GetString().Should().NotBeNullOrWhiteSpace();
        body.GetProperty("tokenType").GetString().Should().Be("Bearer");
    }

    [Fact]
    public async Task Token_WithWrongPassword_Returns401WithoutSayingWhichPartWasWrong()
    {
        using var response = await _client.PostAsJsonAsync("/api/auth/token",
            new { email = FoiTrackerFactory.AdminEmail, password = "not-the-password" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        problem.Detail().Should().Be("The e-mail or password is not correct.");
    }

    [Fact]
    public async Task Token_ForUnknownAccount_Returns401LikeAWrongPassword()
    {
        using var response = await _client.PostAsJsonAsync("/api/auth/token",
            new { email = "nobody@example.org", password = GoodPassword });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        problem.Detail().Should().Be("The e-mail or password is not correct.");
    }

    [Fact]
    public async Task Token_WithMissingFields_Returns400NamingBoth()
    {
        using var response = await _client.PostAsJsonAsync("/api/auth/token", new { });

        await response.ShouldBeValidationProblemForAsync("email");
        using var again = await _client.PostAsJsonAsync("/api/auth/token", new { });
        await again.ShouldBeValidationProblemForAsync("password");
    }

    [Fact]
    public async Task ListUsers_WithoutToken_Returns401()
    {
        using var response = await _client.GetAsync("/api/users");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        problem.Detail().Should().Contain("Bearer");
    }

    [Fact]
    public async Task ListUsers_WithGarbledToken_Returns401()
    {
        using var response = await _client.GetAsAsync("not-a-token", "/api/users");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ListUsers_AsRegisteredCitizen_Returns403()
    {
        var email = NewEmail("citizen");
        using (var registered = await _client.PostAsJsonAsync("/api/auth/register",
                   new { email, displayName = "Nino Beridze", password = GoodPassword }))
        {
            var account = await registered.ReadJsonAsync(HttpStatusCode.Created);
            account.GetProperty("role").GetString().Should().Be("citizen");
            account.TryGetProperty("passwordHash", out _).Should().BeFalse("the hash never leaves the service");
        }

        var token = await _client.GetTokenAsync(email, GoodPassword);
        using var response = await _client.GetAsAsync(token, "/api/users");

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Register_AskingForAdminRole_StillOpensACitizenAccount()
    {
        using var response = await _client.PostAsJsonAsync("/api/auth/register",
            new { email = NewEmail("climber"), displayName = "Climber", password = GoodPassword, role = "admin" });

        var account = await response.ReadJsonAsync(HttpStatusCode.Created);
        account.GetProperty("role").GetString().Should().Be("citizen");
    }

    [Fact]
    public async Task CreateAccount_AsCitizen_Returns403()
    {
        var email = NewEmail("ambitious");
        using (var registered = await _client.PostAsJsonAsync("/api/auth/register",
                   new { email, displayName = "Giorgi", password = GoodPassword }))
            registered.StatusCode.Should().Be(HttpStatusCode.Created);
        var token = await _client.GetTokenAsync(email, GoodPassword);

        using var response = await _client.PostAsAsync(token, "/api/users",
            new { email = NewEmail("self-made-admin"), displayName = "Sneaky", password = GoodPassword, role = "admin" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task CreateAccount_AsAdminForStaff_Returns201AndStaffCanListAccounts()
    {
        var adminToken = await _client.GetAdminTokenAsync();
        var email = NewEmail("staff");

        using (var created = await _client.PostAsAsync(adminToken, "/api/users",
                   new { email, displayName = "Tamar Kapanadze", password = GoodPassword, role = "staff" }))
        {
            var account = await created.ReadJsonAsync(HttpStatusCode.Created);
            account.GetProperty("role").GetString().Should().Be("staff");
            created.Headers.Location!.ToString().Should().Be($"/api/users/{account.GetProperty("id").GetGuid()}");
        }

        var staffToken = await _client.GetTokenAsync(email, GoodPassword);
        using var response = await _client.GetAsAsync(staffToken, "/api/users?pageSize=100");

        var page = await response.ReadJsonAsync();
        page.Items().Should().Contain(account =>
            account.GetProperty("email").GetString() == email && account.GetProperty("role").GetString() == "staff");
    }

    [Fact]
    public async Task Register_WithEmailAlreadyUsed_Returns409()
    {
        var email = NewEmail("twice");
        using (var first = await _client.PostAsJsonAsync("/api/auth/register", new { email, displayName = "First", password = GoodPassword }))
            first.StatusCode.Should().Be(HttpStatusCode.Created);

        // The same address in other case is the same mailbox.
        using var second = await _client.PostAsJsonAsync("/api/auth/register",
            new { email = email.ToUpperInvariant(), displayName = "Second", password = GoodPassword });

        var problem = await second.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        problem.Detail().Should().Contain("already exists");
    }

    [Fact]
    public async Task CreateAccount_AsAdminWithEmailAlreadyUsed_Returns409()
    {
        var adminToken = await _client.GetAdminTokenAsync();

        using var response = await _client.PostAsAsync(adminToken, "/api/users",
            new { email = FoiTrackerFactory.AdminEmail, displayName = "Another admin", password = GoodPassword, role = "admin" });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Register_WithWeakPassword_Returns400NamingPassword()
    {
        using var response = await _client.PostAsJsonAsync("/api/auth/register",
            new { email = NewEmail("weak"), displayName = "Weak", password = "short" });

        var messages = await response.ShouldBeValidationProblemForAsync("password");
        messages.Should().Contain(message => message.Contains("at least", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("1q2w3e4r5t", "This password is among the most common ones and is easy to guess: choose another.")]
    [InlineData("mariam.k@example.ge", "The password must not contain your e-mail address or the name before its @: choose another.")]
    public async Task Register_WithACommonOrEmailLikePassword_Returns400SayingWhy(string password, string message)
    {
        using var response = await _client.PostAsJsonAsync("/api/auth/register",
            new { email = "mariam.k@example.ge", displayName = "Mariam", password });

        var messages = await response.ShouldBeValidationProblemForAsync("password");
        messages.Should().Equal(message);
    }

    [Fact]
    public async Task CreateAccount_WithUnknownRole_Returns400NamingRole()
    {
        var adminToken = await _client.GetAdminTokenAsync();

        using var response = await _client.PostAsAsync(adminToken, "/api/users",
            new { email = NewEmail("superuser"), displayName = "Root", password = GoodPassword, role = "superuser" });

        await response.ShouldBeValidationProblemForAsync("role");
    }

    [Fact]
    public async Task Me_WithAdminToken_ReturnsEmailAndRole()
    {
        var token = await _client.GetAdminTokenAsync();

        using var response = await _client.GetAsAsync(token, "/api/auth/me");

        var me = await response.ReadJsonAsync();
        me.GetProperty("email").GetString().Should().Be(FoiTrackerFactory.AdminEmail);
        me.GetProperty("role").GetString().Should().Be("admin");
    }

    [Fact]
    public async Task Me_WithCitizenToken_ReturnsCitizenRole()
    {
        var email = NewEmail("me");
        using (var registered = await _client.PostAsJsonAsync("/api/auth/register", new { email, displayName = "Me", password = GoodPassword }))
            registered.StatusCode.Should().Be(HttpStatusCode.Created);
        var token = await _client.GetTokenAsync(email, GoodPassword);

        using var response = await _client.GetAsAsync(token, "/api/auth/me");

        var me = await response.ReadJsonAsync();
        me.GetProperty("role").GetString().Should().Be("citizen");
        me.GetProperty("displayName").GetString().Should().Be("Me");
    }

    [Fact]
    public async Task Me_WithoutToken_Returns401()
    {
        using var response = await _client.GetAsync("/api/auth/me");

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    // Accounts live for the whole class, so each test signs up its own address.
    private static string NewEmail(string who) => $"{who}-{Guid.NewGuid():N}@example.org";
}

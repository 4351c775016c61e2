using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using FoiTracker.Application.Accounts.ChangeRole;
using FoiTracker.Application.Requests;
using FoiTracker.Domain.Users;
using FoiTracker.Web.Endpoints;
using FoiTracker.Web.Infrastructure;
using FoiTracker.Web.Tests.Pages.Support;
using FoiTracker.Web.Tests.Support;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Web.Tests;

/// <summary>Refresh tokens, and sessions that end when the password or the role changes.</summary>
public sealed class SessionTests(FoiTrackerFactory factory) : IClassFixture<FoiTrackerFactory>
{
    private const string Password = "a long enough password";

    [Fact]
    public async Task ARefreshToken_GivesANewAccessToken_ThatWorks_AndIsNotStored()
    {
        using var client = factory.CreateClient();
        var (_, email) = await RegisterAsync(client);
        var first = await SignInAsync(client, email, Password);

        using var refreshed = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = first.Refresh });

        refreshed.Headers.CacheControl!.NoStore.Should().BeTrue();
        var body = await refreshed.ReadJsonAsync();
        var access = body.GetProperty("accessToken").GetString()!;
        body.GetProperty("refreshToken").GetString().Should().NotBeNullOrEmpty().And.NotBe(first.Refresh);
        using var me = await client.GetAsAsync(access, "/api/auth/me");
        (await me.ReadJsonAsync()).GetProperty("email").GetString().Should().Be(email);
    }

    [Theory]
    [InlineData("not-a-refresh-token")]
    [InlineData("CfDJ8AAAAAAAAAAAAAAAAAAAAAA")]
    public async Task AnUnreadableRefreshToken_Is401SayingToSignInAgain(string token)
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = token });

        (await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized)).Detail().Should().Be(AccountEndpoints.RefreshRefused);
    }

    [Fact]
    public async Task AnAccessToken_IsNoRefreshToken()
    {
        using var client = factory.CreateClient();
        var (_, email) = await RegisterAsync(client);
        var tokens = await SignInAsync(client, email, Password);

        using var response = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.Access });

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task WithoutARefreshToken_Is400NamingIt()
    {
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/auth/refresh", new { });

        await response.ShouldBeValidationProblemForAsync("refreshToken");
    }

    [Fact]
    public async Task ARoleChange_EndsTheOldTokenWithinTheCheckInterval_AndItsRefreshToken_AtOnce()
    {
        var interval = TimeSpan.FromSeconds(2);
        using var checking = factory.WithWebHostBuilder(builder =>
            builder.UseSetting("Accounts:SessionCheckSeconds", interval.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        using var client = checking.CreateClient();
        var (id, email) = await RegisterAsync(client);
        var old = await SignInAsync(client, email, Password);
        using (var before = await client.GetAsAsync(old.Access, "/api/auth/me"))
            (await before.ReadJsonAsync()).GetProperty("role").GetString().Should().Be("citizen");

        await using (var scope = checking.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new ChangeRoleCommand(id, "staff", new RequestActor(Guid.NewGuid(), "Admin", Role.Admin)));
        var changedAt = Stopwatch.StartNew();

        // Judged by when each call was sent, not when its answer came: on a busy machine an answer sent
        // inside the interval may arrive after it, and that says nothing about the check.
        HttpResponseMessage me;
        var lastAcceptedSentAt = TimeSpan.Zero;
        while (true)
        {
            var sentAt = changedAt.Elapsed;
            me = await client.GetAsAsync(old.Access, "/api/auth/me");
            if (me.StatusCode != HttpStatusCode.OK || changedAt.Elapsed > interval + TimeSpan.FromSeconds(10))
                break;
            lastAcceptedSentAt = sentAt;
            me.Dispose();
            await Task.Delay(100);
        }

        using (me)
            (await me.ShouldBeProblemAsync(HttpStatusCode.Unauthorized)).Detail().Should().Be(SessionCheck.EndedMessage);
        lastAcceptedSentAt.Should().BeLessThan(interval + TimeSpan.FromMilliseconds(250), "the stored stamp is trusted for the interval only");

        using (var refresh = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = old.Refresh }))
            (await refresh.ShouldBeProblemAsync(HttpStatusCode.Unauthorized)).Detail().Should().Be(AccountEndpoints.RefreshRefused);
        var fresh = await SignInAsync(client, email, Password);
        using var after = await client.GetAsAsync(fresh.Access, "/api/auth/me");
        (await after.ReadJsonAsync()).GetProperty("role").GetString().Should().Be("staff");
    }

    [Fact]
    public async Task APasswordChange_SignsOutTheAccountsOtherSessions_ButNotTheOneThatChangedIt()
    {
        using var client = factory.CreateClient();
        var (_, email) = await RegisterAsync(client);
        var token = await SignInAsync(client, email, Password);
        using var here = new PageSession(factory);
        using var elsewhere = new PageSession(factory);
        await SignInToPagesAsync(here, email);
        await SignInToPagesAsync(elsewhere, email);

        var form = await here.GetAsync("/en/account/change-password");
        var changed = await form.Form().Set("Input.CurrentPassword", Password).Set("Input.NewPassword", "a different long password").SubmitAsync();
        changed.IsRedirect.Should().BeTrue();

        (await here.GetAsync("/en/account/change-password")).ShouldBe(HttpStatusCode.OK);
        (await elsewhere.GetAsync("/en/account/change-password")).ShouldRedirectTo("/en/account/sign-in?returnUrl=%2Fen%2Faccount%2Fchange-password");
        using var api = await client.GetAsAsync(token.Access, "/api/auth/me");
        api.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        using var refresh = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = token.Refresh });
        refresh.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
    }

    private static async Task<(Guid Id, string Email)> RegisterAsync(HttpClient client)
    {
        var email = $"session-{Guid.NewGuid():N}@example.ge";
        using var registered = await client.PostAsJsonAsync("/api/auth/register", new { email, displayName = "Nino", password = Password });
        return ((await registered.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("id").GetGuid(), email);
    }

    private static async Task<(string Access, string Refresh)> SignInAsync(HttpClient client, string email, string password)
    {
        using var response = await client.PostAsJsonAsync("/api/auth/token", new { email, password });
        var body = await response.ReadJsonAsync();
        return (body.GetProperty("accessToken").GetString()!, body.GetProperty("refreshToken").GetString()!);
    }

    private static async Task SignInToPagesAsync(PageSession session, string email)
    {
        var page = await session.GetAsync("/en/account/sign-in");
        (await page.Form().Set("Input.Email", email).Set("Input.Password", Password).SubmitAsync()).IsRedirect.Should().BeTrue();
    }
}

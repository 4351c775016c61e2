using System.Security.Claims;
using FoiTracker.Application.Accounts.IssueToken;
using FoiTracker.Application.Accounts.Sessions;
using FoiTracker.Infrastructure.Configuration;
using Mediator;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Caching.Memory;

namespace FoiTracker.Web.Infrastructure;

/// <summary>
/// Ends sessions whose account changed its password or role, or no longer exists: every bearer
/// token and page cookie carries the account's security stamp from when it was issued, and each
/// request compares it with the stored one. The stored stamp is kept in memory for
/// <c>Accounts:SessionCheckSeconds</c> (default 5; 0 reads it on every request), so a change
/// takes effect on every node within that time.
/// </summary>
public sealed class SessionCheck(IServiceScopeFactory scopes, IMemoryCache cache, SessionCheck.Interval interval)
{
    public const string SecondsKey = "Accounts:SessionCheckSeconds";
    public const int DefaultSeconds = 5;

    /// <summary>What the 401 for a token whose session ended says (see DependencyInjection's ProblemDetails).</summary>
    public const string EndedMessage = "This token no longer works: the account's password or role changed after it was issued. Get a new one from POST /api/auth/token.";

    /// <summary>Marks a request whose bearer token was refused because its session ended.</summary>
    public const string EndedItem = "foitracker:session-ended";

    /// <summary>How long a stored stamp is trusted before it is read again.</summary>
    public sealed record Interval(TimeSpan Value);

    /// <summary>Is the session still good: its account exists and its stamp is the account's current one?</summary>
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal principal, CancellationToken cancellationToken) =>
        Carried(principal) is { } session
        && await CurrentStampAsync(session.Id, cancellationToken) is { } stored
        && string.Equals(stored, session.Stamp, StringComparison.Ordinal);

    /// <summary>The account as it is now, read afresh, when <paramref name="principal"/> is still its current session; else null.</summary>
    public async Task<AuthenticatedUser?> AccountOfAsync(ClaimsPrincipal principal, CancellationToken cancellationToken) =>
        Carried(principal) is { } session
        && await LoadAsync(session.Id, cancellationToken) is { } account
        && string.Equals(account.SecurityStamp, session.Stamp, StringComparison.Ordinal)
            ? account
            : null;

    /// <summary>The account and stamp a session carries; a session from before stamps existed carries an empty one.</summary>
    private static (Guid Id, string Stamp)? Carried(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return Guid.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var id)
            ? (id, principal.FindFirstValue(AccountPrincipal.SecurityStampClaim) ?? "")
            : null;
    }

    private async Task<string?> CurrentStampAsync(Guid id, CancellationToken cancellationToken)
    {
        if (interval.Value <= TimeSpan.Zero)
            return (await LoadAsync(id, cancellationToken))?.SecurityStamp;
        return await cache.GetOrCreateAsync(("session-stamp", id), async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = interval.Value;
            return (await LoadAsync(id, cancellationToken))?.SecurityStamp;
        });
    }

    private async Task<AuthenticatedUser?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new FindSessionQuery(id), cancellationToken);
    }

    /// <summary>A page cookie whose session ended is refused and removed: the visitor is asked to sign in again.</summary>
    internal static async Task ValidateCookieAsync(CookieValidatePrincipalContext context)
    {
        if (context.Principal is null)
            return;
        var check = context.HttpContext.RequestServices.GetRequiredService<SessionCheck>();
        if (await check.IsCurrentAsync(context.Principal, context.HttpContext.RequestAborted))
            return;
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// A bearer token whose session ended fails authentication, so the API answers 401. The bearer
    /// handler has no event after it reads a token, so the token is read here first, the same way.
    /// </summary>
    internal static async Task ValidateBearerAsync(MessageReceivedContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return;
        // One the handler cannot read or that has expired, it refuses itself.
        if (context.Options.BearerTokenProtector.Unprotect(header["Bearer ".Length..].Trim()) is not { } ticket)
            return;
        var check = context.HttpContext.RequestServices.GetRequiredService<SessionCheck>();
        if (await check.IsCurrentAsync(ticket.Principal, context.HttpContext.RequestAborted))
            return;
        context.HttpContext.Items[EndedItem] = true;
        context.Fail(EndedMessage);
    }
}

public static class SessionCheckServices
{
    public static IServiceCollection AddSessionCheck(this IServiceCollection services, IConfiguration configuration)
    {
        var seconds = configuration.GetValue(SessionCheck.SecondsKey, SessionCheck.DefaultSeconds);
        if (seconds < 0)
            throw new ConfigurationProblemException($"{SessionCheck.SecondsKey} is {seconds}: give 0 or more seconds (0 reads the account on every request).");
        services.AddMemoryCache();
        services.AddSingleton(new SessionCheck.Interval(TimeSpan.FromSeconds(seconds)));
        services.AddSingleton<SessionCheck>();
        return services;
    }
}

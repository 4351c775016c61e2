using System.Security.Claims;
using FoiTracker.Application.Accounts.IssueToken;
using FoiTracker.Domain.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace FoiTracker.Web.Infrastructure;

/// <summary>The claims a signed-in account carries, the same in a bearer token and in the pages' cookie.</summary>
public static class AccountPrincipal
{
    /// <summary>The account's security stamp when the session was issued (see <see cref="SessionCheck"/>).</summary>
    public const string SecurityStampClaim = "foitracker:security_stamp";

    public static ClaimsPrincipal For(AuthenticatedUser user, string authenticationScheme)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, user.Id.ToString()),
                new Claim(ClaimTypes.Email, user.Email),
                new Claim(ClaimTypes.Name, user.DisplayName),
                new Claim(ClaimTypes.Role, user.Role.ToName()),
                new Claim(SecurityStampClaim, user.SecurityStamp),
            ],
            authenticationScheme));
    }

    /// <summary>Signs the account in to the pages: the cookie, never a bearer token.</summary>
    public static Task SignInToPagesAsync(this HttpContext context, AuthenticatedUser user) =>
        context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, For(user, CookieAuthenticationDefaults.AuthenticationScheme));
}

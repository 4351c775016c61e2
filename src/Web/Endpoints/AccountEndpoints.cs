using System.Security.Claims;
using FoiTracker.Application.Accounts;
using FoiTracker.Application.Accounts.CreateAccount;
using FoiTracker.Application.Accounts.EmailVerification;
using FoiTracker.Application.Accounts.IssueToken;
using FoiTracker.Application.Accounts.ListAccounts;
using FoiTracker.Application.Common.Models;
using FoiTracker.Domain.Users;
using FoiTracker.Web.Infrastructure;
using FoiTracker.Web.Limits;
using Mediator;
using Microsoft.AspNetCore.Authentication.BearerToken;

namespace FoiTracker.Web.Endpoints;

public static class AccountEndpoints
{
    public sealed record TokenRequest(string? Email, string? Password);

    public sealed record RefreshRequest(string? RefreshToken);

    public const string RefreshRefused = "This refresh token no longer works: it has expired, or the account's password or role changed since. Sign in again with POST /api/auth/token.";

    public sealed record RegisterRequest(string? Email, string? DisplayName, string? Password);

    public sealed record NewAccountRequest(string? Email, string? DisplayName, string? Password, string? Role);

    public sealed record VerifyEmailRequest(string? Token);

    public sealed record CurrentAccount(string Id, string? Email, string? DisplayName, string? Role);

    public static IEndpointRouteBuilder MapAccounts(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Accounts");

        auth.MapPost("/token", async (TokenRequest body, IMediator mediator, HttpContext context, CancellationToken cancellationToken) =>
            {
                context.Response.DoNotStore();
                var user = await mediator.Send(new AuthenticateCommand(body.Email ?? "", body.Password ?? ""), cancellationToken);
                return TypedResults.SignIn(AccountPrincipal.For(user, BearerTokenDefaults.AuthenticationScheme), authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
            })
            .WithName("IssueToken")
            .RequireRateLimiting(LimitServices.SignInPolicy)
            .WithSummary("Exchange an e-mail and password for a bearer token (valid 8 hours) and a refresh token (valid 14 days).")
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .Produces<AccessTokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesValidationProblem()
            .AllowAnonymous();

        auth.MapPost("/refresh", async Task<IResult> (
                RefreshRequest body,
                HttpContext context,
                SessionCheck sessions,
                Microsoft.Extensions.Options.IOptionsMonitor<BearerTokenOptions> bearer,
                TimeProvider clock,
                CancellationToken cancellationToken) =>
            {
                context.Response.DoNotStore();
                if (string.IsNullOrWhiteSpace(body.RefreshToken))
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["refreshToken"] = ["Refresh token is required."] });
                var ticket = bearer.Get(BearerTokenDefaults.AuthenticationScheme).RefreshTokenProtector.Unprotect(body.RefreshToken);
                var user = ticket?.Properties.ExpiresUtc is { } expires && clock.GetUtcNow() < expires
                    ? await sessions.AccountOfAsync(ticket.Principal, cancellationToken)
                    : null;
                if (user is null)
                    return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in needed.", detail: RefreshRefused);
                // The new tokens carry the account as it is now.
                return TypedResults.SignIn(AccountPrincipal.For(user, BearerTokenDefaults.AuthenticationScheme), authenticationScheme: BearerTokenDefaults.AuthenticationScheme);
            })
            .WithName("RefreshToken")
            .WithSummary("Exchange a refresh token for a new bearer token and refresh token; refused once the password or role changed.")
            .Produces<AccessTokenResponse>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesValidationProblem()
            .AllowAnonymous();

        auth.MapPost("/register", async (RegisterRequest body, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var account = await mediator.Send(
                    new CreateAccountCommand(body.Email ?? "", body.DisplayName ?? "", body.Password ?? "", RoleNames.Citizen), cancellationToken);
                return TypedResults.Created("/api/auth/me", account);
            })
            .WithName("Register")
            .RequireRateLimiting(LimitServices.RegisterPolicy)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .WithSummary("Open a citizen account.")
            .Produces<AccountDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .AllowAnonymous();

        auth.MapPost("/verify-email", async (VerifyEmailRequest body, IMediator mediator, CancellationToken cancellationToken) =>
                TypedResults.Ok(await mediator.Send(new VerifyEmailCommand(body.Token), cancellationToken)))
            .WithName("VerifyEmail")
            .WithSummary("Confirm a requester's e-mail address with the token of the link mailed to it; mail held for it then goes.")
            .Produces<VerifiedEmail>()
            .ProducesValidationProblem()
            .AllowAnonymous();

        auth.MapGet("/me", (ClaimsPrincipal user) => TypedResults.Ok(new CurrentAccount(
                user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
                user.FindFirstValue(ClaimTypes.Email),
                user.FindFirstValue(ClaimTypes.Name),
                user.FindFirstValue(ClaimTypes.Role))))
            .WithName("WhoAmI")
            .WithSummary("The signed-in account.")
            .RequireAuthorization();

        var users = app.MapGroup("/api/users").WithTags("Accounts");

        users.MapGet("/", async (IMediator mediator, CancellationToken cancellationToken, int? page, int? pageSize) =>
                TypedResults.Ok(await mediator.Send(new ListAccountsQuery(page ?? 1, pageSize ?? Paging.DefaultPageSize), cancellationToken)))
            .WithName("ListAccounts")
            .WithSummary("List accounts (staff).")
            .Produces<PagedResult<AccountDto>>()
            .RequireAuthorization(Policies.Staff);

        users.MapPost("/", async (NewAccountRequest body, IMediator mediator, CancellationToken cancellationToken) =>
            {
                var account = await mediator.Send(
                    new CreateAccountCommand(body.Email ?? "", body.DisplayName ?? "", body.Password ?? "", body.Role ?? ""), cancellationToken);
                return TypedResults.Created($"/api/users/{account.Id}", account);
            })
            .WithName("CreateAccount")
            .WithSummary("Create an account with any role (admin).")
            .Produces<AccountDto>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireAuthorization(Policies.Admin);

        return app;
    }
}

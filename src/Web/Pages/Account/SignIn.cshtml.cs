using FoiTracker.Application.Accounts.IssueToken;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Web.Infrastructure;
using FoiTracker.Web.Limits;
using FoiTracker.Web.Pages.Support;
using FoiTracker.Web.Resources;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace FoiTracker.Web.Pages.Account;

/// <summary>Signs in with the pages' cookie (the API's bearer tokens come from POST /api/auth/token), then back to where the visitor was sent from.</summary>
[EnableRateLimiting(LimitServices.SignInPolicy)]
public sealed class SignInModel(IMediator mediator, IStringLocalizer<SharedResource> text) : FormPage<SignInModel.SignInInput>(text)
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        SubmitAsync(
            async () =>
            {
                try
                {
                    var user = await mediator.Send(new AuthenticateCommand(Input.Email ?? "", Input.Password ?? ""), cancellationToken);
                    await HttpContext.SignInToPagesAsync(user);
                    return RedirectLocal(ReturnUrl);
                }
                catch (AuthenticationFailedException)
                {
                    ShowError(string.Empty, Text["Account.SignIn.Failed"]);
                    return FormAgain();
                }
            },
            nameof(Input.Email), nameof(Input.Password));

    public sealed class SignInInput
    {
        public string? Email { get; set; }

        public string? Password { get; set; }
    }
}

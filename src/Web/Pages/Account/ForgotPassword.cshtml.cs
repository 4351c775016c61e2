using FoiTracker.Application.Accounts.RequestPasswordReset;
using FoiTracker.Web.Infrastructure;
using FoiTracker.Web.Limits;
using FoiTracker.Web.Pages.Support;
using FoiTracker.Web.Resources;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace FoiTracker.Web.Pages.Account;

/// <summary>
/// Asks for a reset link by mail. The answer is the same whether or not an account has the address,
/// so the form cannot be used to find out who has an account.
/// </summary>
[EnableRateLimiting(LimitServices.SignInPolicy)]
public sealed class ForgotPasswordModel(IMediator mediator, IStringLocalizer<SharedResource> text) : FormPage<ForgotPasswordModel.EmailInput>(text)
{
    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        SubmitAsync(
            async () =>
            {
                // The link opens the reset page at the public address, in the language the visitor asked in.
                var resetPage = PublicAddress.Of(HttpContext) + Url.SitePage(SitePages.ResetPassword);
                await mediator.Send(new RequestPasswordResetCommand(Input.Email ?? "", SiteCulture.Current, resetPage), cancellationToken);
                Notice = Text["Account.ForgotPassword.Sent"];
                return RedirectToPage();
            },
            nameof(Input.Email));

    public sealed class EmailInput
    {
        public string? Email { get; set; }
    }
}

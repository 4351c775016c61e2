using FoiTracker.Application.Accounts.ResetPassword;
using FoiTracker.Web.Pages.Support;
using FoiTracker.Web.Resources;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace FoiTracker.Web.Pages.Account;

/// <summary>
/// The page the mailed link opens (<c>?token=…</c>): choose a new password, then sign in with it.
/// A link that no longer works is said above the form: there is no token field to show it beside.
/// </summary>
public sealed class ResetPasswordModel(IMediator mediator, IStringLocalizer<SharedResource> text) : FormPage<ResetPasswordModel.ResetPasswordInput>(text)
{
    public void OnGet(string? token) => Input.Token = token;

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        SubmitAsync(
            async () =>
            {
                await mediator.Send(new ResetPasswordCommand(Input.Token ?? "", Input.NewPassword ?? ""), cancellationToken);
                Notice = Text["Account.ResetPassword.Done"];
                return LocalRedirect(Url.SitePage(SitePages.SignIn)!);
            },
            nameof(Input.NewPassword));

    public sealed class ResetPasswordInput
    {
        public string? Token { get; set; }

        public string? NewPassword { get; set; }
    }
}

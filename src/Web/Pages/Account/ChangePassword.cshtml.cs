using FoiTracker.Application.Accounts.ChangePassword;
using FoiTracker.Web.Infrastructure;
using FoiTracker.Web.Pages.Support;
using FoiTracker.Web.Resources;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace FoiTracker.Web.Pages.Account;

/// <summary>Needs a signed-in account (see <see cref="PageServices"/>).</summary>
public sealed class ChangePasswordModel(IMediator mediator, IStringLocalizer<SharedResource> text) : FormPage<ChangePasswordModel.ChangePasswordInput>(text)
{
    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        SubmitAsync(
            async () =>
            {
                var account = CurrentActor.Require(User);
                var user = await mediator.Send(new ChangePasswordCommand(account.UserId, Input.CurrentPassword ?? "", Input.NewPassword ?? ""), cancellationToken);
                // The account's other sessions end with the old password; this one goes on with the new stamp.
                await HttpContext.SignInToPagesAsync(user);
                Notice = Text["Account.ChangePassword.Done"];
                return RedirectLocal(null);
            },
            nameof(Input.CurrentPassword), nameof(Input.NewPassword));

    public sealed class ChangePasswordInput
    {
        public string? CurrentPassword { get; set; }

        public string? NewPassword { get; set; }
    }
}

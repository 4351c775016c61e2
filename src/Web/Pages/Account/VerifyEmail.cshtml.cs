using FoiTracker.Application.Accounts.EmailVerification;
using FoiTracker.Web.Pages.Support;
using FoiTracker.Web.Resources;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace FoiTracker.Web.Pages.Account;

/// <summary>
/// The page the link mailed to a requester's address opens (<c>?token=…</c>). Opening it confirms
/// nothing (mail programs open links to look at them); the button does, and the mail that waited
/// for the address goes.
/// </summary>
public sealed class VerifyEmailModel(IMediator mediator, IStringLocalizer<SharedResource> text) : FormPage<VerifyEmailModel.VerifyEmailInput>(text)
{
    public void OnGet(string? token) => Input.Token = token;

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        SubmitAsync(
            async () =>
            {
                var verified = await mediator.Send(new VerifyEmailCommand(Input.Token), cancellationToken);
                Notice = Text["Account.VerifyEmail.Done", verified.Email];
                return RedirectLocal(null);
            });

    public sealed class VerifyEmailInput
    {
        public string? Token { get; set; }
    }
}

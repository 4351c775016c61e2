using FoiTracker.Web.Pages.Support;
using FoiTracker.Web.Resources;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace FoiTracker.Web.Pages.Account;

/// <summary>Signing out is a POST (from the header's button), so no link or image elsewhere can sign a person out.</summary>
public sealed class SignOutModel(IStringLocalizer<SharedResource> text) : FormPage(text)
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        Notice = Text["Account.SignOut.Done"];
        return RedirectLocal(null);
    }
}

using FoiTracker.Application.Accounts.CreateAccount;
using FoiTracker.Application.Accounts.Sessions;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Domain.Users;
using FoiTracker.Web.Infrastructure;
using FoiTracker.Web.Limits;
using FoiTracker.Web.Pages.Support;
using FoiTracker.Web.Resources;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace FoiTracker.Web.Pages.Account;

/// <summary>Opens a citizen account and signs it in.</summary>
[EnableRateLimiting(LimitServices.RegisterPolicy)]
public sealed class RegisterModel(IMediator mediator, IStringLocalizer<SharedResource> text) : FormPage<RegisterModel.RegisterInput>(text)
{
    public void OnGet()
    {
    }

    public Task<IActionResult> OnPostAsync(CancellationToken cancellationToken) =>
        SubmitAsync(
            async () =>
            {
                try
                {
                    var account = await mediator.Send(
                        new CreateAccountCommand(Input.Email ?? "", Input.DisplayName ?? "", Input.Password ?? "", RoleNames.Citizen), cancellationToken);
                    var user = await mediator.Send(new FindSessionQuery(account.Id), cancellationToken)
                        ?? throw new InvalidOperationException("The account just opened is not there.");
                    await HttpContext.SignInToPagesAsync(user);
                    Notice = Text["Account.Register.Done"];
                    return RedirectLocal(null);
                }
                catch (ConflictException)
                {
                    ShowError($"{InputPrefix}.{nameof(Input.Email)}", Text["Account.Register.EmailTaken"]);
                    return FormAgain();
                }
            },
            nameof(Input.Email), nameof(Input.DisplayName), nameof(Input.Password));

    public sealed class RegisterInput
    {
        public string? DisplayName { get; set; }

        public string? Email { get; set; }

        public string? Password { get; set; }
    }
}

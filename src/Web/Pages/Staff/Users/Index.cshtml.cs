using FoiTracker.Application.Accounts;
using FoiTracker.Application.Accounts.ChangeRole;
using FoiTracker.Application.Accounts.ListAccounts;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Domain.Users;
using FoiTracker.Web.Infrastructure;
using FoiTracker.Web.Pages.Support;
using FoiTracker.Web.Resources;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace FoiTracker.Web.Pages.Staff.Users;

/// <summary>Accounts and their roles; admins only (staff get 403, like the API's account list).</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class UsersModel(IMediator mediator, IStringLocalizer<SharedResource> text) : StaffPage(text)
{
    public static readonly IReadOnlyList<string> Roles = [RoleNames.Citizen, RoleNames.Staff, RoleNames.Admin];

    public IReadOnlyList<AccountDto> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        return await SubmitAsync(
            async () =>
            {
                try
                {
                    var account = await mediator.Send(new ChangeRoleCommand(Input.Id ?? Guid.Empty, Input.Role ?? "", Actor), cancellationToken);
                    Notice = Text["Staff.Users.Changed", account.DisplayName, Text[$"Staff.Role.{account.Role}"]];
                }
                catch (ConflictException)
                {
                    ShowError(string.Empty, Text["Staff.Users.LastAdmin"]);
                    return FormAgain();
                }
                catch (NotFoundException)
                {
                    return NotFound();
                }

                return RedirectLocal(Url.SitePage("/Staff/Users/Index", new { page = PageNumber > 1 ? PageNumber : (int?)null }));
            },
            nameof(Input.Role));
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var accounts = await mediator.Send(new ListAccountsQuery(PageNumber, PageSize), cancellationToken);
        Items = accounts.Items;
        Total = accounts.Total;
    }
}

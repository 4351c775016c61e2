using FluentValidation;
using FoiTracker.Application.Accounts.CreateAccount;
using FoiTracker.Application.Accounts.EnsureAdminAccount;
using FoiTracker.Application.Accounts.IssueToken;
using FoiTracker.Application.Accounts.ListAccounts;
using FoiTracker.Application.Common.Exceptions;
using FoiTracker.Domain.Users;

namespace FoiTracker.Application.Tests.Accounts;

public sealed class AccountTests : ApplicationTest
{
    [Fact]
    public async Task CreateAccount_ThenAuthenticate_WithTheRightPassword_ReturnsTheAccount()
    {
        var created = await SendAsync(new CreateAccountCommand("nino@example.ge", "Nino Beridze", "correct horse battery", "staff"));

        var user = await SendAsync(new AuthenticateCommand("NINO@example.ge", "correct horse battery"));

        user.Id.Should().Be(created.Id);
        user.Role.Should().Be(Role.Staff);
        user.DisplayName.Should().Be("Nino Beridze");
    }

    [Theory]
    [InlineData("nino@example.ge", "wrong password!!")]
    [InlineData("nobody@example.ge", "correct horse battery")]
    [InlineData("not an e-mail", "correct horse battery")]
    public async Task Authenticate_WithWrongCredentials_FailsWithoutSayingWhichPartWasWrong(string email, string password)
    {
        await SendAsync(new CreateAccountCommand("nino@example.ge", "Nino", "correct horse battery", "citizen"));

        var authenticate = () => SendAsync(new AuthenticateCommand(email, password));

        (await authenticate.Should().ThrowAsync<AuthenticationFailedException>()).Which.Message
            .Should().Be("The e-mail or password is not correct.");
    }

    [Fact]
    public async Task CreateAccount_WithAnEmailAlreadyRegistered_IsAConflict()
    {
        await SendAsync(new CreateAccountCommand("nino@example.ge", "Nino", "correct horse battery", "citizen"));

        var again = () => SendAsync(new CreateAccountCommand("Nino@Example.ge", "Other", "another long password", "citizen"));

        await again.Should().ThrowAsync<ConflictException>().WithMessage("*already exists*");
    }

    [Fact]
    public async Task CreateAccount_WithBadInput_ReportsEveryFieldOnce()
    {
        var create = () => SendAsync(new CreateAccountCommand("nope", "", "short", "superuser"));

        var errors = (await create.Should().ThrowAsync<ValidationException>()).Which.Errors.ToList();
        errors.Select(error => error.PropertyName).Should().BeEquivalentTo(["Email", "DisplayName", "Password", "Role"]);
    }

    [Fact]
    public async Task EnsureAdmin_WithoutConfiguration_GeneratesAPasswordOnce_ThatSignsIn()
    {
        var first = await SendAsync(new EnsureAdminAccountCommand(null, null));
        var second = await SendAsync(new EnsureAdminAccountCommand(null, null));

        first.Created.Should().BeTrue();
        first.GeneratedPassword.Should().HaveLength(20);
        second.Created.Should().BeFalse();
        second.GeneratedPassword.Should().BeNull();
        var admin = await SendAsync(new AuthenticateCommand(first.Email!, first.GeneratedPassword!));
        admin.Role.Should().Be(Role.Admin);
    }

    [Fact]
    public async Task EnsureAdmin_WithConfiguredCredentials_CreatesThatAdminAndPrintsNothing()
    {
        var result = await SendAsync(new EnsureAdminAccountCommand("director@gic.example.ge", "a configured password"));

        result.Should().Be(new EnsureAdminResult(true, "director@gic.example.ge", null));
        (await SendAsync(new AuthenticateCommand("director@gic.example.ge", "a configured password"))).Role.Should().Be(Role.Admin);
    }

    [Theory]
    [InlineData("director@gic.example.ge", "short", "*at least 10 characters*")]
    [InlineData("director@gic.example.ge", "password123", "*among the most common passwords*")]
    [InlineData("director@gic.example.ge", "Director-2026!", "*must not contain the administrator's e-mail address*")]
    [InlineData("not an address", "a configured password", "*FOI_ADMIN_EMAIL 'not an address' is not a valid e-mail address*")]
    public async Task EnsureAdmin_WithConfiguredCredentialsAnAccountCouldNotHave_RefusesThemAndCreatesNobody(string email, string password, string message)
    {
        var act = () => SendAsync(new EnsureAdminAccountCommand(email, password));

        await act.Should().ThrowAsync<AdminAccountConfigurationException>().WithMessage(message);
        (await SendAsync(new EnsureAdminAccountCommand(null, null))).Created.Should().BeTrue("no administrator was made by the refused settings");
    }

    [Fact]
    public async Task ListAccounts_PagesInEmailOrder()
    {
        foreach (var name in new[] { "c", "a", "b" })
            await SendAsync(new CreateAccountCommand($"{name}@example.ge", name, "long enough password", "citizen"));

        var page = await SendAsync(new ListAccountsQuery(Page: 1, PageSize: 2));

        page.Total.Should().Be(3);
        page.Items.Select(account => account.Email).Should().Equal("a@example.ge", "b@example.ge");
    }
}

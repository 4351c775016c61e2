using FluentValidation;
using FoiTracker.Application.Accounts.ChangePassword;
using FoiTracker.Application.Accounts.CreateAccount;
using FoiTracker.Application.Accounts.IssueToken;
using FoiTracker.Application.Common.Exceptions;

namespace FoiTracker.Application.Tests.Accounts;

public sealed class ChangePasswordTests : ApplicationTest
{
    [Fact]
    public async Task ChangePassword_WithTheCurrentPassword_SignsInWithTheNewOneOnly()
    {
        var account = await SendAsync(new CreateAccountCommand("nino@example.ge", "Nino", "the first password", "citizen"));

        await SendAsync(new ChangePasswordCommand(account.Id, "the first password", "the second password"));

        (await SendAsync(new AuthenticateCommand("nino@example.ge", "the second password"))).Id.Should().Be(account.Id);
        var old = () => SendAsync(new AuthenticateCommand("nino@example.ge", "the first password"));
        await old.Should().ThrowAsync<AuthenticationFailedException>();
    }

    [Fact]
    public async Task ChangePassword_WithAWrongCurrentPassword_NamesThatField_AndChangesNothing()
    {
        var account = await SendAsync(new CreateAccountCommand("nino@example.ge", "Nino", "the first password", "citizen"));

        var change = () => SendAsync(new ChangePasswordCommand(account.Id, "not the password", "the second password"));

        var failure = (await change.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().ContainSingle().Subject;
        failure.PropertyName.Should().Be(nameof(ChangePasswordCommand.CurrentPassword));
        failure.ErrorMessage.Should().Be(ChangePasswordHandler.CurrentPasswordWrong);
        (await SendAsync(new AuthenticateCommand("nino@example.ge", "the first password"))).Id.Should().Be(account.Id);
    }

    [Fact]
    public async Task ChangePassword_ToAShortOrUnchangedPassword_IsRefusedOnTheNewPassword()
    {
        var account = await SendAsync(new CreateAccountCommand("nino@example.ge", "Nino", "the first password", "citizen"));

        var tooShort = () => SendAsync(new ChangePasswordCommand(account.Id, "the first password", "short"));
        var same = () => SendAsync(new ChangePasswordCommand(account.Id, "the first password", "the first password"));

        (await tooShort.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().ContainSingle()
            .Which.PropertyName.Should().Be(nameof(ChangePasswordCommand.NewPassword));
        (await same.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().ContainSingle()
            .Which.ErrorMessage.Should().Be("The new password must differ from the current one.");
    }
}

using FluentValidation;
using FoiTracker.Application.Accounts.ChangePassword;
using FoiTracker.Application.Accounts.CreateAccount;
using FoiTracker.Application.Accounts.Passwords;

namespace FoiTracker.Application.Tests.Accounts;

/// <summary>A new password may not be one everybody uses, nor the account's own e-mail address.</summary>
public sealed class PasswordPolicyTests : ApplicationTest
{
    [Theory]
    [InlineData("qwertyuiop")]
    [InlineData("1234567890")]
    [InlineData("Iloveyou12")]
    [InlineData("PASSWORD123")]
    public void ACommonPassword_IsKnown_WhateverItsCase(string password) => PasswordPolicy.IsCommon(password).Should().BeTrue();

    [Fact]
    public void TheList_HoldsOnlyPasswordsTheLengthRuleLetsThrough()
    {
        PasswordPolicy.CommonCount.Should().BeGreaterThan(1500);
        PasswordPolicy.IsCommon("123456").Should().BeFalse("six characters are refused as too short already, so the list leaves them out");
        PasswordPolicy.IsCommon("the first password").Should().BeFalse();
    }

    [Theory]
    [InlineData("qwertyuiop", PasswordPolicy.CommonMessage)]
    [InlineData("Password123", PasswordPolicy.CommonMessage)]
    [InlineData("nino.beridze@example.ge", PasswordPolicy.LikeEmailMessage)]
    [InlineData("NINO.BERIDZE@EXAMPLE.GE", PasswordPolicy.LikeEmailMessage)]
    [InlineData("my name is nino.beridze!", PasswordPolicy.LikeEmailMessage)]
    public async Task Register_WithACommonOrEmailLikePassword_IsRefusedOnThePassword(string password, string message)
    {
        var create = () => SendAsync(new CreateAccountCommand("nino.beridze@example.ge", "Nino", password, "citizen"));

        var failure = (await create.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().ContainSingle().Subject;
        failure.PropertyName.Should().Be(nameof(CreateAccountCommand.Password));
        failure.ErrorMessage.Should().Be(message);
    }

    [Fact]
    public async Task AVeryShortNameBeforeTheAt_MayAppearInAPassword()
    {
        var created = await SendAsync(new CreateAccountCommand("jo@example.ge", "Jo", "jo's long password", "citizen"));

        created.Email.Should().Be("jo@example.ge");
    }

    [Fact]
    public async Task ChangePassword_ToOneLikeTheEmail_IsRefused_AndTheOldOneStays()
    {
        var account = await SendAsync(new CreateAccountCommand("tamar.k@example.ge", "Tamar", "the first password", "citizen"));

        var change = () => SendAsync(new ChangePasswordCommand(account.Id, "the first password", "Tamar.K-2026-secret"));

        var failure = (await change.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().ContainSingle().Subject;
        failure.PropertyName.Should().Be(nameof(ChangePasswordCommand.NewPassword));
        failure.ErrorMessage.Should().Be(PasswordPolicy.LikeEmailMessage);
        (await SendAsync(new Application.Accounts.IssueToken.AuthenticateCommand("tamar.k@example.ge", "the first password"))).Id.Should().Be(account.Id);
    }

    [Fact]
    public async Task ChangePassword_ToACommonOne_IsRefused()
    {
        var account = await SendAsync(new CreateAccountCommand("tamar@example.ge", "Tamar", "the first password", "citizen"));

        var change = () => SendAsync(new ChangePasswordCommand(account.Id, "the first password", "qwertyuiop"));

        (await change.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().ContainSingle()
            .Which.ErrorMessage.Should().Be(PasswordPolicy.CommonMessage);
    }
}

using FluentValidation;
using FoiTracker.Application.Accounts.Passwords;
using FoiTracker.Domain.Common;

namespace FoiTracker.Application.Accounts;

/// <summary>Input rules shared by every use case that takes an e-mail or a new password.</summary>
internal static class AccountRules
{
    public const int MinPasswordLength = 10;
    public const int MaxPasswordLength = 200;

    public static IRuleBuilderOptions<T, string> MustBeEmail<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("E-mail is required.")
            .Must(value => EmailAddress.TryCreate(value, out _)).WithMessage("'{PropertyValue}' is not a valid e-mail address.");

    public static IRuleBuilderOptions<T, string> MustBeNewPassword<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Password is required.")
            .MinimumLength(MinPasswordLength).WithMessage($"Password must have at least {MinPasswordLength} characters.")
            .MaximumLength(MaxPasswordLength).WithMessage($"Password can have at most {MaxPasswordLength} characters.")
            .Must(password => !PasswordPolicy.IsCommon(password)).WithMessage(PasswordPolicy.CommonMessage);

    /// <summary>Refuses a new password like the account's e-mail, for handlers that learn the address only from the stored account.</summary>
    public static void EnsureNotLikeEmail(string password, EmailAddress email, string propertyName)
    {
        if (PasswordPolicy.ResemblesEmail(password, email.Value))
            throw new ValidationException([new FluentValidation.Results.ValidationFailure(propertyName, PasswordPolicy.LikeEmailMessage)]);
    }
}

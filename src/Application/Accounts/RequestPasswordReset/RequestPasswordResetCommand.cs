using FluentValidation;
using FoiTracker.Application.Accounts.PasswordResets;
using FoiTracker.Application.Letters;
using FoiTracker.Application.Mail;
using FoiTracker.Domain.Common;
using Mediator;

namespace FoiTracker.Application.Accounts.RequestPasswordReset;

/// <summary>
/// Mails a one-time link to choose a new password. <paramref name="LinkBase"/> is the absolute
/// address of the page that takes the token (the host knows its own address; the token is added as
/// <c>?token=</c>); <paramref name="Language"/> is the language of the page it was asked on.
/// Whether an account has this e-mail is never told: the answer is the same either way.
/// </summary>
public sealed record RequestPasswordResetCommand(string Email, string Language, string LinkBase) : ICommand;

public sealed class RequestPasswordResetValidator : AbstractValidator<RequestPasswordResetCommand>
{
    public RequestPasswordResetValidator()
    {
        RuleFor(command => command.Email).MustBeEmail();
        RuleFor(command => command.Language)
            .Must(language => language is "ka" or "en").WithMessage("Language must be 'ka' or 'en'.");
        RuleFor(command => command.LinkBase)
            .Must(link => Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && string.IsNullOrEmpty(uri.Query))
            .WithMessage("The reset page must be an absolute http(s) address without a query.");
    }
}

public sealed class RequestPasswordResetHandler(
    IUserRepository users, IPasswordResetStore resets, IOutgoingMailStore mails, IMailTexts texts, TimeProvider clock)
    : ICommandHandler<RequestPasswordResetCommand>
{
    public async ValueTask<Unit> Handle(RequestPasswordResetCommand command, CancellationToken cancellationToken)
    {
        var account = await users.FindByEmailAsync(EmailAddress.Create(command.Email), cancellationToken);
        var now = clock.GetUtcNow();
        if (account is null
            || await resets.CountSinceAsync(account.Id.Value, now - PasswordResetToken.Lifetime, cancellationToken) >= PasswordResetToken.MaxPerLifetime)
            return Unit.Value;

        var token = PasswordResetToken.New();
        var hash = PasswordResetToken.Hash(token);
        await resets.AddAsync(new PasswordReset(hash, account.Id.Value, now, now + PasswordResetToken.Lifetime), cancellationToken);

        var template = texts.Get(IMailTexts.AccountGroup, IMailTexts.Fallback, command.Language);
        var (subject, blocks) = template.Fill(new Dictionary<string, string?>
        {
            [LetterFields.AccountName] = account.DisplayName,
            [LetterFields.AccountResetLink] = $"{command.LinkBase}?token={token}",
            [LetterFields.AccountResetMinutes] = ((int)PasswordResetToken.Lifetime.TotalMinutes).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        // Written in this transaction with the reset: the mail goes out even if the service stops now.
        await mails.EnqueueAsync(
            new NewOutgoingMail($"account:reset:{hash}", null, MailKinds.Account, account.Email.Value, null, subject,
                MailComposer.PlainText(blocks), template.Language, [], now),
            cancellationToken);
        return Unit.Value;
    }
}

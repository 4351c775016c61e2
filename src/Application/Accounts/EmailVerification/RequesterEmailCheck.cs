using FoiTracker.Application.Accounts.PasswordResets;
using FoiTracker.Application.Common;
using FoiTracker.Application.Letters;
using FoiTracker.Application.Mail;
using FoiTracker.Domain.Common;
using FoiTracker.Domain.Users;

namespace FoiTracker.Application.Accounts.EmailVerification;

/// <summary>
/// Mail goes to a requester's address only once the account that gave it has shown it can read it:
/// its own address counts as shown; another address is sent one link to confirm it, and until that
/// link is opened every mail to it on the account's requests waits (the letters to the body do not).
/// Part of the abuse limits: off when they are.
/// </summary>
public sealed class RequesterEmailCheck(
    IEmailVerificationStore store, IUserRepository users, IOutgoingMailStore mails, IMailTexts texts, AbuseLimits limits, TimeProvider clock)
{
    /// <summary>When a held mail becomes available: never, until its address is confirmed.</summary>
    public static readonly DateTimeOffset HeldUntilVerified = new(9999, 12, 31, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Asks the account to confirm <paramref name="requesterEmail"/> when it is not the account's
    /// own and not yet asked for: one link, mailed in <paramref name="language"/> to that address.
    /// Without <paramref name="linkBase"/> (the confirming page's absolute address) nothing is mailed,
    /// and mail to the address waits all the same.
    /// </summary>
    public async Task AskIfNeededAsync(UserId owner, EmailAddress requesterEmail, string? linkBase, string language, CancellationToken cancellationToken)
    {
        if (!limits.Enabled || await IsOwnAsync(owner, requesterEmail, cancellationToken))
            return;
        var token = PasswordResetToken.New();
        var hash = PasswordResetToken.Hash(token);
        var now = clock.GetUtcNow();
        if (!await store.AddPendingAsync(owner.Value, requesterEmail.Normalized, hash, now, cancellationToken) || linkBase is null)
            return;

        var account = await users.FindByIdAsync(owner, cancellationToken);
        var template = texts.Get(IMailTexts.AccountGroup, VerifyKind, language);
        var (subject, blocks) = template.Fill(new Dictionary<string, string?>
        {
            [LetterFields.AccountName] = account?.DisplayName,
            [LetterFields.AccountVerifyLink] = $"{linkBase}?token={token}",
        });
        // In the filing's transaction: the link goes out even if the service stops now.
        await mails.EnqueueAsync(
            new NewOutgoingMail($"account:verify:{hash}", null, MailKinds.Account, requesterEmail.Value, null, subject,
                MailComposer.PlainText(blocks), template.Language, [], now),
            cancellationToken);
    }

    /// <summary>True while mail to <paramref name="requesterEmail"/> on a request of <paramref name="owner"/> must wait for its confirmation.</summary>
    public async Task<bool> MustWaitAsync(Guid? owner, string? requesterEmail, CancellationToken cancellationToken)
    {
        if (!limits.Enabled || owner is not { } id || !EmailAddress.TryCreate(requesterEmail, out var email)
            || await IsOwnAsync(new UserId(id), email, cancellationToken))
            return false;
        return await store.FindAsync(id, email.Normalized, cancellationToken) is not { VerifiedAt: not null };
    }

    /// <summary>The kind of the account mail that carries the link (seeds/mail/account/verify_email.*.txt).</summary>
    public const string VerifyKind = "verify_email";

    private async Task<bool> IsOwnAsync(UserId owner, EmailAddress email, CancellationToken cancellationToken) =>
        await users.FindByIdAsync(owner, cancellationToken) is { } account && account.Email.Normalized == email.Normalized;
}

using System.Text.RegularExpressions;
using Dapper;
using FluentValidation;
using FoiTracker.Application.Accounts.CreateAccount;
using FoiTracker.Application.Accounts.IssueToken;
using FoiTracker.Application.Accounts.RequestPasswordReset;
using FoiTracker.Application.Accounts.ResetPassword;
using FoiTracker.Application.Mail;
using FoiTracker.Application.Mail.SendMail;
using FoiTracker.Infrastructure.Persistence;
using FoiTracker.Tests.Support;
using Mediator;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Infrastructure.Tests.Persistence;

/// <summary>
/// Password resets by a mailed link on both databases (migration 0018): the mail is written with the
/// reset in one transaction, only the token's hash is stored, a link works once and not after it
/// expires, and once the mail is sent its row keeps no copy of the link.
/// </summary>
public sealed partial class PasswordResetTests
{
    private const string Email = "nino@example.ge";
    private const string OldPassword = "the first password";
    private const string LinkBase = "http://localhost:5080/en/account/reset-password";

    private readonly StoppedClock _clock = new(new DateTimeOffset(2026, 10, 16, 9, 0, 0, TimeSpan.Zero));

    [SkippableTheory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheMailedLink_SetsANewPassword_Once_AndOnlyItsHashIsStored(DatabaseProvider provider)
    {
        await using var database = await CreateAsync(provider);
        await SendAsync(database, new RequestPasswordResetCommand(Email, "en", LinkBase));

        var token = await MailedTokenAsync(database);
        var stored = await database.Connection.QueryAsync<string>("SELECT token_hash FROM password_resets");
        stored.Should().ContainSingle().Which.Should().HaveLength(64).And.NotContain(token);

        await SendAsync(database, new ResetPasswordCommand(token, "the second password"));
        var signedIn = await SendAsync(database, new AuthenticateCommand(Email, "the second password"));
        var again = () => SendAsync(database, new ResetPasswordCommand(token, "a third password!"));

        signedIn.Email.Should().Be(Email);
        (await again.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().ContainSingle()
            .Which.ErrorMessage.Should().Be(ResetPasswordHandler.LinkNoLongerWorks);
        (await SendAsync(database, new AuthenticateCommand(Email, "the second password"))).Email.Should().Be(Email);
    }

    [SkippableTheory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ALink_StopsWorking_WhenItExpires_OrWhenALaterLinkIsUsed(DatabaseProvider provider)
    {
        await using var database = await CreateAsync(provider);
        await SendAsync(database, new RequestPasswordResetCommand(Email, "en", LinkBase));
        var first = await MailedTokenAsync(database);
        _clock.Now += TimeSpan.FromMinutes(30);
        await SendAsync(database, new RequestPasswordResetCommand(Email, "en", LinkBase));
        var second = (await MailedTokensAsync(database)).Single(token => token != first);
        _clock.Now += TimeSpan.FromMinutes(31);

        var expired = () => SendAsync(database, new ResetPasswordCommand(first, "the second password"));
        await expired.Should().ThrowAsync<ValidationException>().WithMessage($"*{ResetPasswordHandler.LinkNoLongerWorks}*");

        await SendAsync(database, new RequestPasswordResetCommand(Email, "en", LinkBase));
        var third = (await MailedTokensAsync(database)).Single(token => token != first && token != second);
        await SendAsync(database, new ResetPasswordCommand(third, "the third password"));
        var earlier = () => SendAsync(database, new ResetPasswordCommand(second, "the fourth password"));

        await earlier.Should().ThrowAsync<ValidationException>();
        (await SendAsync(database, new AuthenticateCommand(Email, "the third password"))).Email.Should().Be(Email);
    }

    [SkippableTheory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task APasswordLikeTheEmail_IsRefused_AndTheLinkStillWorksForABetterOne(DatabaseProvider provider)
    {
        await using var database = await CreateAsync(provider);
        await SendAsync(database, new RequestPasswordResetCommand(Email, "en", LinkBase));
        var token = await MailedTokenAsync(database);

        var weak = () => SendAsync(database, new ResetPasswordCommand(token, "Nino@example.ge-2026"));

        (await weak.Should().ThrowAsync<ValidationException>()).Which.Errors.Should().ContainSingle()
            .Which.ErrorMessage.Should().Be(Application.Accounts.Passwords.PasswordPolicy.LikeEmailMessage);
        await SendAsync(database, new ResetPasswordCommand(token, "the second password"));
        (await SendAsync(database, new AuthenticateCommand(Email, "the second password"))).Email.Should().Be(Email);
    }

    [SkippableTheory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AskingForAnUnknownAddress_OrTooOften_MailsNothing(DatabaseProvider provider)
    {
        await using var database = await CreateAsync(provider);

        await SendAsync(database, new RequestPasswordResetCommand("nobody@example.ge", "en", LinkBase));
        (await MailedTokensAsync(database)).Should().BeEmpty();

        for (var ask = 0; ask < 5; ask++)
            await SendAsync(database, new RequestPasswordResetCommand(Email, "ka", LinkBase));
        (await MailedTokensAsync(database)).Should().HaveCount(3, "at most three links an hour go to one address");

        _clock.Now += TimeSpan.FromMinutes(61);
        await SendAsync(database, new RequestPasswordResetCommand(Email, "ka", LinkBase));
        (await MailedTokensAsync(database)).Should().HaveCount(4);
    }

    [SkippableTheory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task TheSentMail_CarriesTheLinkInItsLanguage_AndItsRowKeepsNoCopy(DatabaseProvider provider)
    {
        await using var database = await CreateAsync(provider);
        await SendAsync(database, new RequestPasswordResetCommand(Email, "ka", LinkBase));
        var token = await MailedTokenAsync(database);

        (await SendAsync(database, new SendNextMailCommand())).Should().Be(SendOutcome.Sent);

        var row = await database.Connection.QuerySingleAsync<(string Status, string Text, string Subject)>(
            "SELECT status, text_body, subject FROM mail_outgoing WHERE kind = 'account'");
        row.Status.Should().Be(MailStatus.Sent);
        row.Text.Should().Be(SendNextMailHandler.SentAccountMailText);
        row.Subject.Should().Be("ახალი პაროლი FoiTracker-ისთვის");
        var file = Directory.GetFiles(Path.Combine(database.Database.Options.DataDirectory, "mail", "pickup"), "*.eml").Should().ContainSingle().Subject;
        var message = await MimeKit.MimeMessage.LoadAsync(file);
        message.To.ToString().Should().Contain(Email);
        message.TextBody.Should().Contain($"{LinkBase}?token={token}").And.Contain("60 წუთის განმავლობაში");
    }

    private async Task<MigratedDatabase> CreateAsync(DatabaseProvider provider)
    {
        var database = await MigratedDatabase.CreateAsync(provider, configure: services => services.AddSingleton<TimeProvider>(_clock));
        await SendAsync(database, new CreateAccountCommand(Email, "Nino Beridze", OldPassword, "citizen"));
        return database;
    }

    private static async Task<TResponse> SendAsync<TResponse>(MigratedDatabase database, ICommand<TResponse> command)
    {
        await using var scope = database.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command);
    }

    private static async Task<TResponse> SendAsync<TResponse>(MigratedDatabase database, IRequest<TResponse> request)
    {
        await using var scope = database.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(request);
    }

    private static async Task<string> MailedTokenAsync(MigratedDatabase database) =>
        (await MailedTokensAsync(database)).Should().ContainSingle().Subject;

    private static async Task<IReadOnlyList<string>> MailedTokensAsync(MigratedDatabase database)
    {
        var texts = await database.Connection.QueryAsync<string>("SELECT text_body FROM mail_outgoing WHERE kind = 'account' ORDER BY created_at");
        return texts.Select(text => TokenInLink().Match(text)).Where(match => match.Success).Select(match => match.Groups[1].Value).ToList();
    }

    [GeneratedRegex(@"\?token=([A-Za-z0-9_-]+)")]
    private static partial Regex TokenInLink();

    private sealed class StoppedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}

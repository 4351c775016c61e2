using System.Text.RegularExpressions;
using FoiTracker.Application.Accounts.EmailVerification;
using FoiTracker.Application.Common;
using FoiTracker.Application.Mail;
using FoiTracker.Application.Requests.FileRequest;
using FoiTracker.Application.Requests.GetRequest;
using FoiTracker.Infrastructure.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace FoiTracker.Application.Tests.Mail;

/// <summary>
/// A requester's e-mail address other than the account's own gets one link to confirm it, and no
/// other mail until the link is used; then the mail that waited goes. The letters to the body never wait.
/// </summary>
public abstract partial class RequesterEmailTests : MailTestBase
{
    private const string OtherAddress = "Someone.Else@example.ge";
    private const string LinkBase = "http://localhost:5080/en/account/verify-email";

    [SkippableFact]
    public async Task MailToAnUnconfirmedAddress_Waits_AndGoesOnceTheLinkIsUsed()
    {
        await using var node = BuildNode(services => services.AddSingleton(AbuseLimits.Default));
        var filed = await SendAsync(node, File(OtherAddress));
        // An account mail keeps no copy of its text once sent: the link is read before.
        var token = TokenInLink().Match((await MailsAsync()).Single(mail => mail.Kind == MailKinds.Account).TextBody).Groups[1].Value;
        await DispatchAllAsync(node);
        var due = (await QueryAsync(new GetRequestQuery(filed.Id, null))).Deadlines.Single(deadline => deadline.Key == "response").Due;
        Clock.SetUtcNow(new DateTimeOffset(due.AddDays(1).ToDateTime(new TimeOnly(9, 0)), TimeSpan.FromHours(4)));

        await SweepAllAsync(node);
        await DispatchAllAsync(node);
        await SendAllAsync(node);

        var mails = await MailsAsync();
        var link = mails.Should().ContainSingle(mail => mail.Kind == MailKinds.Account).Subject;
        link.ToAddress.Should().Be(OtherAddress);
        link.Status.Should().Be(MailStatus.Sent);
        var notice = mails.Should().ContainSingle(mail => mail.Kind == MailKinds.Notice).Subject;
        notice.ToAddress.Should().Be(OtherAddress);
        notice.Status.Should().Be(MailStatus.Pending, "nothing else goes to the address before it is confirmed");
        mails.Where(mail => mail.Kind == MailKinds.Letter).Should().NotBeEmpty().And.OnlyContain(mail => mail.Status == MailStatus.Sent && mail.ToAddress == VerifiedCityHallAddress, "the body's letters do not wait");

        (await SendAsync(node, new VerifyEmailCommand(token))).Email.Should().Be(OtherAddress.ToLowerInvariant());
        await SendAllAsync(node);

        (await MailsAsync()).Single(mail => mail.Id == notice.Id).Status.Should().Be(MailStatus.Sent);
    }

    [SkippableFact]
    public async Task TheAccountsOwnAddress_AndAnAddressAlreadyAsked_GetNoSecondLink()
    {
        await using var node = BuildNode(services => services.AddSingleton(AbuseLimits.Default));

        await SendAsync(node, File("NINO@example.ge"));
        await SendAsync(node, File(OtherAddress));
        await SendAsync(node, File(OtherAddress.ToUpperInvariant()));

        (await MailsAsync()).Where(mail => mail.Kind == MailKinds.Account).Should().ContainSingle()
            .Which.ToAddress.Should().Be(OtherAddress);
        var wrong = () => SendAsync(node, new VerifyEmailCommand("not-a-token"));
        await wrong.Should().ThrowAsync<FluentValidation.ValidationException>();
    }

    private static FileRequestCommand File(string requesterEmail) =>
        new(VerifiedCityHall, "Budget 2025", "Please send the 2025 budget execution report.", "Nino Beridze",
            requesterEmail, null, null, Draft: false, Citizen, VerifyLinkBase: LinkBase);

    [GeneratedRegex(@"\?token=([A-Za-z0-9_-]+)")]
    private static partial Regex TokenInLink();
}

public sealed class SqliteRequesterEmailTests : RequesterEmailTests;

public sealed class PostgresRequesterEmailTests : RequesterEmailTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

using FoiTracker.Application.Mail;
using FoiTracker.Infrastructure.Configuration;
using FoiTracker.Infrastructure.Mail;
using FoiTracker.Tests.Support;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace FoiTracker.Infrastructure.Tests.Mail;

/// <summary>The transports on their own: the pickup folder, and SMTP against a real server in this process.</summary>
public sealed class MailTransportTests : IAsyncLifetime
{
    private readonly string _data = Directory.CreateTempSubdirectory("foi-mail-transport-").FullName;
    private TestSmtpServer _smtp = null!;

    public async Task InitializeAsync() => _smtp = await TestSmtpServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _smtp.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }

    private static PendingMail Mail(string to = "info@gori.gov.ge", string? replyTo = "request-2026-000042-k7m2qx9d@foi.example.org", string kind = MailKinds.Letter) =>
        new(Guid.NewGuid(), Guid.NewGuid(), "2026-000042", kind, $"{Guid.NewGuid():N}@foi.example.org", "Gori FOI <foi@example.org>", to, replyTo,
            "საჯარო ინფორმაციის მოთხოვნა № 2026-000042", "გამარჯობა.\n", "ka", [], 0, new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));

    private static readonly MailAttachment Pdf = new("request-2026-000042.ka.pdf", "application/pdf", "%PDF-1.7 test"u8.ToArray());

    private MailSendingSettings Settings => new()
    {
        Transport = MailTransportKind.Smtp,
        PickupDirectory = Path.Combine(_data, "mail", "pickup"),
        SmtpHost = "127.0.0.1",
        SmtpPort = _smtp.Port,
        SmtpSecurity = SecureSocketOptions.None,
    };

    [Fact]
    public async Task Pickup_WritesOneEmlPerMessage_AndASecondSendOfTheSameMessageReplacesIt()
    {
        var transport = new PickupMailTransport(Settings);
        var first = Mail();
        var second = Mail();

        var name = await transport.SendAsync(first, [Pdf], CancellationToken.None);
        await transport.SendAsync(first, [Pdf], CancellationToken.None);
        await transport.SendAsync(second, [], CancellationToken.None);

        var files = Directory.GetFiles(Settings.PickupDirectory);
        files.Select(Path.GetFileName).Should().BeEquivalentTo([name, MimeMailBuilder.FileNameFor(second.MessageId)]);
        var message = await MimeMessage.LoadAsync(Path.Combine(Settings.PickupDirectory, name!));
        message.MessageId.Should().Be(first.MessageId);
        message.Subject.Should().Be(first.Subject);
        message.Attachments.Should().ContainSingle();
    }

    [Fact]
    public async Task Smtp_SendsEveryMessageOnOneConnection_WithTheEnvelopeSenderAndTheMessageId()
    {
        using var transport = new SmtpMailTransport(Settings, NullLogger<SmtpMailTransport>.Instance);
        var letter = Mail();
        var notice = Mail(to: "nino@example.ge", replyTo: null, kind: MailKinds.Notice);

        await transport.SendAsync(letter, [Pdf], CancellationToken.None);
        await transport.SendAsync(notice, [], CancellationToken.None);

        var received = await _smtp.WaitForAsync(2);
        received.Select(mail => mail.Message.MessageId).Should().Equal(letter.MessageId, notice.MessageId);
        received[0].EnvelopeFrom.Should().Be(letter.ReplyTo);
        received[0].Message.Headers[HeaderId.AutoSubmitted].Should().BeNull("a letter is the requester's own");
        received[1].EnvelopeFrom.Should().Be("foi@example.org");
        received[1].Message.Headers[HeaderId.AutoSubmitted].Should().Be("auto-generated");
        received[1].Message.ReplyTo.Count.Should().Be(0);
    }

    [Theory]
    [InlineData(451, false)]
    [InlineData(550, true)]
    public async Task Smtp_AnswersAreTransientOrPermanent_ByTheirCode(int code, bool permanent)
    {
        using var transport = new SmtpMailTransport(Settings, NullLogger<SmtpMailTransport>.Instance);
        _smtp.AnswerNext(code);

        var send = () => transport.SendAsync(Mail(), [], CancellationToken.None);

        (await send.Should().ThrowAsync<MailDeliveryException>()).Which.Permanent.Should().Be(permanent);
        await transport.SendAsync(Mail(), [], CancellationToken.None);
        (await _smtp.WaitForAsync(1)).Should().ContainSingle("the connection recovers for the next message");
    }

    [Fact]
    public async Task Smtp_AServerThatIsNotThere_IsTransient()
    {
        var settings = new MailSendingSettings { Transport = MailTransportKind.Smtp, PickupDirectory = _data, SmtpHost = "127.0.0.1", SmtpPort = 1, SmtpSecurity = SecureSocketOptions.None };
        using var transport = new SmtpMailTransport(settings, NullLogger<SmtpMailTransport>.Instance);

        var send = () => transport.SendAsync(Mail(), [], CancellationToken.None);

        (await send.Should().ThrowAsync<MailDeliveryException>()).Which.Permanent.Should().BeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("not an address")]
    [InlineData("nobody@")]
    public async Task AnAddressThatCannotBeMailed_IsPermanent(string to)
    {
        var transport = new PickupMailTransport(Settings);

        var send = () => transport.SendAsync(Mail(to: to), [], CancellationToken.None);

        (await send.Should().ThrowAsync<MailDeliveryException>()).Which.Permanent.Should().BeTrue();
    }

    [Theory]
    [InlineData("Mail:Transport", "carrier-pigeon", "Mail:Transport")]
    [InlineData("Mail:Smtp:Security", "tls", "StartTls")]
    [InlineData("Mail:Smtp:Port", "70000", "65535")]
    [InlineData("Mail:SendInterval", "0", "above zero")]
    [InlineData("Mail:Digest:Time", "8am", "HH:mm")]
    [InlineData("Mail:Digest:TimeZone", "Mars/Olympus", "IANA")]
    [InlineData("Mail:Digest:To", "staff", "not a mail address")]
    [InlineData("Mail:SendingLease", "00:00:30", "00:01:00")]
    [InlineData("Mail:SendingLease", "soon", "hh:mm:ss")]
    public void ABadSetting_StopsTheStart_WithALineNamingIt(string key, string value, string hint)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create(key, (string?)value)]).Build();

        var read = () => MailSendingSettings.Read(configuration, _data);

        read.Should().Throw<ConfigurationProblemException>().Which.Message.Should().Contain(key).And.Contain(hint);
    }

    [Fact]
    public void Smtp_WithoutAHost_StopsTheStart()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([KeyValuePair.Create("Mail:Transport", (string?)"smtp")]).Build();

        var read = () => MailSendingSettings.Read(configuration, _data);

        read.Should().Throw<ConfigurationProblemException>().Which.Message.Should().Contain(MailSendingSettings.SmtpHostKey);
    }

    [Fact]
    public void TheDefaults_ArePickupUnderTheDataFolder_AndADigestAtEightInTbilisi()
    {
        var settings = MailSendingSettings.Read(new ConfigurationBuilder().Build(), _data);

        settings.Transport.Should().Be(MailTransportKind.Pickup);
        settings.PickupDirectory.Should().Be(Path.Combine(_data, "mail", "pickup"));
        settings.DigestTime.Should().Be(new TimeOnly(8, 0));
        settings.DigestTimeZone.Id.Should().Be("Asia/Tbilisi");
        settings.DigestTo.Should().BeEmpty();
        settings.SendingLease.Should().Be(TimeSpan.FromMinutes(5));
    }
}

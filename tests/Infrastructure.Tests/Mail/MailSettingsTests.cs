using FoiTracker.Domain.Requests;
using FoiTracker.Infrastructure.Configuration;
using FoiTracker.Infrastructure.Mail;
using FoiTracker.Tests.Support;
using Microsoft.Extensions.Configuration;

namespace FoiTracker.Infrastructure.Tests.Mail;

public sealed class MailSettingsTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("foi-mail-settings-").FullName;

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private static IConfiguration Configure(params (string Key, string Value)[] values) => TestSettings.From(values);

    [Fact]
    public void WithoutASecret_OneIsGeneratedOnceAndKeptAcrossStarts()
    {
        var first = MailSettings.Read(Configure(), _data);
        var second = MailSettings.Read(Configure(), _data);
        var number = RequestNumber.Parse("2026-000001");

        File.Exists(Path.Combine(_data, MailSettings.SecretFileName)).Should().BeTrue();
        second.CreateCodec().AddressFor(number).Should().Be(first.CreateCodec().AddressFor(number));
        first.Domain.Should().Be(MailSettings.DefaultDomain);
        first.From.Address.Should().Be("noreply@" + MailSettings.DefaultDomain);
    }

    [Fact]
    public void AConfiguredSecretAndDomainAreUsed()
    {
        var settings = MailSettings.Read(
            Configure((MailSettings.AddressSecretKey, "sixteen-or-more-characters"), (MailSettings.DomainKey, "FOI.Example.org"), (MailSettings.FromKey, "Gori FOI <foi@example.org>")),
            _data);

        settings.Domain.Should().Be("foi.example.org");
        settings.From.Address.Should().Be("foi@example.org");
        File.Exists(Path.Combine(_data, MailSettings.SecretFileName)).Should().BeFalse();
    }

    [Theory]
    [InlineData(MailSettings.AddressSecretKey, "short", "*at least 16 characters*")]
    [InlineData(MailSettings.DomainKey, "not a domain", "*Mail:Domain*not a mail domain*")]
    [InlineData(MailSettings.FromKey, "nobody", "*Mail:From*not a mail address*")]
    public void BadSettings_StopTheStartWithASentence(string key, string value, string message)
    {
        var read = () => MailSettings.Read(Configure((key, value)), _data);

        read.Should().Throw<ConfigurationProblemException>().WithMessage(message);
    }
}

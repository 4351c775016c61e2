using System.Text;
using FoiTracker.Domain.Mail;
using FoiTracker.Domain.Requests;

namespace FoiTracker.Domain.Tests.Mail;

public sealed class ReplyAddressCodecTests
{
    private static readonly byte[] Secret = Encoding.ASCII.GetBytes("a test secret of enough length");
    private readonly ReplyAddressCodec _codec = new(Secret, "Foi.Example.org");
    private readonly RequestNumber _number = RequestNumber.Parse("2026-000042");

    [Fact]
    public void AddressFor_HasTheNumberACodeAndTheLowerCasedDomain()
    {
        var address = _codec.AddressFor(_number);

        address.Should().MatchRegex("^request-2026-000042-[23456789abcdefghjkmnpqrstuvwxyz]{8}@foi\\.example\\.org$");
    }

    [Fact]
    public void CodeFor_IsStableForOneSecretAndDiffersBetweenSecretsAndNumbers()
    {
        var again = new ReplyAddressCodec(Secret, "foi.example.org");
        var other = new ReplyAddressCodec(Encoding.ASCII.GetBytes("another secret, also long enough"), "foi.example.org");

        again.CodeFor(_number).Should().Be(_codec.CodeFor(_number));
        other.CodeFor(_number).Should().NotBe(_codec.CodeFor(_number));
        _codec.CodeFor(RequestNumber.Parse("2026-000043")).Should().NotBe(_codec.CodeFor(_number));
    }

    [Fact]
    public void Codes_NeverUseLookAlikeCharacters()
    {
        var codes = Enumerable.Range(1, 2000).Select(i => _codec.CodeFor(RequestNumber.From(2026, i))).ToList();

        string.Concat(codes).Should().NotContainAny("0", "1", "o", "l", "i");
        codes.Distinct().Should().HaveCount(codes.Count);
    }

    [Fact]
    public void Match_OfTheAddressAsSent_IsExact()
    {
        var match = _codec.Match(_codec.AddressFor(_number));

        match.Should().Be(new ReplyAddressMatch(_number, ReplyAddressMatchKind.Exact));
    }

    [Fact]
    public void Match_ToleratesCaseAndAngleBrackets()
    {
        var match = _codec.Match("<" + _codec.AddressFor(_number).ToUpperInvariant() + ">");

        match.Should().Be(new ReplyAddressMatch(_number, ReplyAddressMatchKind.Retyped));
    }

    [Theory]
    [InlineData("2O26-OOOO42")]
    [InlineData("2o26-000o42")]
    [InlineData("2026-000042")]
    public void Match_ToleratesLetterOForZero(string typedNumber)
    {
        var address = $"request-{typedNumber}-{_codec.CodeFor(_number)}@foi.example.org";

        _codec.Match(address)!.Number.Should().Be(_number);
    }

    [Fact]
    public void Match_ToleratesLetterLOrIForOne()
    {
        var number = RequestNumber.Parse("2026-001101");
        var address = $"request-2026-00l10i-{_codec.CodeFor(number)}@foi.example.org";

        _codec.Match(address).Should().Be(new ReplyAddressMatch(number, ReplyAddressMatchKind.Retyped));
    }

    [Theory]
    [InlineData("request-2026-000042-abcdefgh@foi.example.org")]
    [InlineData("request-2026-000043-{code}@foi.example.org")]
    [InlineData("request-2026-000042-{code}@other.example.org")]
    [InlineData("info-2026-000042-{code}@foi.example.org")]
    [InlineData("request-2026-000042@foi.example.org")]
    [InlineData("not an address")]
    [InlineData("")]
    [InlineData(null)]
    public void Match_RefusesAddressesThatAreNotOurs(string? template)
    {
        var address = template?.Replace("{code}", _codec.CodeFor(_number), StringComparison.Ordinal);

        _codec.Match(address).Should().BeNull();
    }

    [Fact]
    public void Constructor_RefusesAShortSecretAndABadDomain()
    {
        var shortSecret = () => new ReplyAddressCodec(Encoding.ASCII.GetBytes("short"), "foi.example.org");
        var badDomain = () => new ReplyAddressCodec(Secret, "not a domain");

        shortSecret.Should().Throw<ArgumentException>().WithMessage("*16 bytes*");
        badDomain.Should().Throw<ArgumentException>().WithMessage("*not a mail domain*");
    }
}

using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using FoiTracker.Domain.Requests;

namespace FoiTracker.Domain.Mail;

/// <summary>How an incoming address was recognised as a request's reply address.</summary>
public enum ReplyAddressMatchKind
{
    /// <summary>Exactly as we sent it.</summary>
    Exact,

    /// <summary>Retyped by a person: other letter case, or l/1/i and o/0 swapped in the request number.</summary>
    Retyped,
}

/// <summary>A reply address read back: the request it belongs to and how closely it was typed.</summary>
public sealed record ReplyAddressMatch(RequestNumber Number, ReplyAddressMatchKind Kind);

/// <summary>
/// Each request's own reply address, <c>request-{number}-{code}@{domain}</c>. The code is derived
/// from a secret with HMAC-SHA256, so nobody can make up the address of someone else's request, and
/// it is written in an alphabet without look-alike characters (no 0/o, no 1/l/i), so a code read
/// off a printed letter and typed again is still the same code. The request number is digits only;
/// when an agency retypes it with a letter o for zero or l for one, the address is still recognised.
/// </summary>
public sealed partial class ReplyAddressCodec
{
    /// <summary>The code's characters: digits and lower-case letters without 0, 1, i, l and o.</summary>
    public const string Alphabet = "23456789abcdefghjkmnpqrstuvwxyz";

    public const int CodeLength = 8;

    public const string Prefix = "request-";

    private readonly byte[] _secret;

    public ReplyAddressCodec(ReadOnlySpan<byte> secret, string domain)
    {
        if (secret.Length < 16)
            throw new ArgumentException("The reply-address secret needs at least 16 bytes.", nameof(secret));
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        var trimmed = domain.Trim().TrimStart('@').ToLowerInvariant();
        if (!DomainPattern().IsMatch(trimmed))
            throw new ArgumentException($"'{domain}' is not a mail domain (expected e.g. foi.example.org).", nameof(domain));
        _secret = secret.ToArray();
        Domain = trimmed;
    }

    /// <summary>The domain reply addresses live under, lower-cased.</summary>
    public string Domain { get; }

    /// <summary>The request's reply address, e.g. <c>request-2026-000042-k7m2qx9d@foi.example.org</c>.</summary>
    public string AddressFor(RequestNumber number) => $"{LocalPartFor(number)}@{Domain}";

    public string LocalPartFor(RequestNumber number) => $"{Prefix}{number.Value}-{CodeFor(number)}";

    /// <summary>The request's code: the first 64 bits of HMAC-SHA256(secret, number) written in <see cref="Alphabet"/>.</summary>
    public string CodeFor(RequestNumber number)
    {
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_secret, Encoding.ASCII.GetBytes(number.Value), hash);
        var value = BitConverter.ToUInt64(hash[..8]);
        Span<char> code = stackalloc char[CodeLength];
        for (var i = 0; i < CodeLength; i++)
        {
            code[i] = Alphabet[(int)(value % (ulong)Alphabet.Length)];
            value /= (ulong)Alphabet.Length;
        }

        return new string(code);
    }

    /// <summary>
    /// Reads an address back. Null when it is not under our domain, not shaped like a reply address,
    /// or its code does not belong to its number (a guessed or mangled address is not ours).
    /// </summary>
    public ReplyAddressMatch? Match(string? address)
    {
        if (string.IsNullOrWhiteSpace(address))
            return null;
        var trimmed = address.Trim().Trim('<', '>');
        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || !string.Equals(trimmed[(at + 1)..], Domain, StringComparison.OrdinalIgnoreCase))
            return null;
        var local = trimmed[..at];
        var shape = LocalPartPattern().Match(local.ToLowerInvariant());
        if (!shape.Success)
            return null;

        var number = $"{Digits(shape.Groups["year"].Value)}-{Digits(shape.Groups["seq"].Value)}";
        if (!RequestNumber.TryParse(number, out var parsed))
            return null;
        var expected = CodeFor(parsed);
        var given = shape.Groups["code"].Value;
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(given)))
            return null;

        var exact = string.Equals(local, LocalPartFor(parsed), StringComparison.Ordinal)
            && string.Equals(trimmed[(at + 1)..], Domain, StringComparison.Ordinal);
        return new ReplyAddressMatch(parsed, exact ? ReplyAddressMatchKind.Exact : ReplyAddressMatchKind.Retyped);
    }

    /// <summary>Undoes the usual retyping of digits: o for 0, l or i for 1.</summary>
    private static string Digits(string typed) =>
        string.Create(typed.Length, typed, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                span[i] = source[i] switch
                {
                    'o' => '0',
                    'l' or 'i' => '1',
                    var other => other,
                };
            }
        });

    [GeneratedRegex("^request-(?<year>[0-9oli]{4})-(?<seq>[0-9oli]{6,9})-(?<code>[a-z0-9]{8})$", RegexOptions.CultureInvariant)]
    private static partial Regex LocalPartPattern();

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$", RegexOptions.CultureInvariant)]
    private static partial Regex DomainPattern();
}

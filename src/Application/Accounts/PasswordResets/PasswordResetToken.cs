using System.Security.Cryptography;
using System.Text;

namespace FoiTracker.Application.Accounts.PasswordResets;

/// <summary>The secret a reset link carries, and the hash that is stored in its place.</summary>
public static class PasswordResetToken
{
    /// <summary>How long a link works: long enough to read one's mail, short enough that an old mailbox is no key.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(60);

    /// <summary>At most this many links per account in one <see cref="Lifetime"/>; more asks send nothing.</summary>
    public const int MaxPerLifetime = 3;

    /// <summary>256 random bits as URL-safe Base64 (43 characters, no padding).</summary>
    public static string New()
    {
        Span<byte> bytes = stackalloc byte[32];
        RandomNumberGenerator.Fill(bytes);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>
    /// SHA-256 in lower-case hex. A plain hash is enough here, unlike for passwords: the token is
    /// random and long, so it cannot be guessed from its hash.
    /// </summary>
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }
}

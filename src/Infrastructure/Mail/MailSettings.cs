using System.Security.Cryptography;
using System.Text;
using FoiTracker.Domain.Mail;
using FoiTracker.Infrastructure.Configuration;
using Microsoft.Extensions.Configuration;
using MimeKit;

namespace FoiTracker.Infrastructure.Mail;

/// <summary>What both directions of mail share: the domain of reply addresses, the sender, the secret behind the codes.</summary>
public sealed class MailSettings
{
    public const string DomainKey = "Mail:Domain";
    public const string FromKey = "Mail:From";
    public const string AddressSecretKey = "Mail:AddressSecret";
    public const string DefaultDomain = "foitracker.localhost";

    /// <summary>The file in the data folder that holds a generated secret when none is configured.</summary>
    public const string SecretFileName = "mail-address.secret";

    public required string Domain { get; init; }

    public required MailboxAddress From { get; init; }

    public required byte[] AddressSecret { get; init; }

    public ReplyAddressCodec CreateCodec() => new(AddressSecret, Domain);

    /// <summary>
    /// Reads the mail settings. Without a configured secret one is generated once and kept in the
    /// data folder, so reply addresses stay valid across restarts; several nodes must share it
    /// (configure <see cref="AddressSecretKey"/> on each).
    /// </summary>
    public static MailSettings Read(IConfiguration configuration, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var domain = configuration[DomainKey];
        domain = string.IsNullOrWhiteSpace(domain) ? DefaultDomain : domain.Trim().ToLowerInvariant();
        var secret = ReadSecret(configuration[AddressSecretKey], dataDirectory);
        try
        {
            _ = new ReplyAddressCodec(secret, domain);
        }
        catch (ArgumentException ex)
        {
            throw new ConfigurationProblemException($"{DomainKey} is '{domain}': {ex.Message}");
        }

        var fromText = configuration[FromKey];
        MailboxAddress from;
        if (string.IsNullOrWhiteSpace(fromText))
            from = new MailboxAddress("FoiTracker", $"noreply@{domain}");
        else if (!MailboxAddress.TryParse(fromText.Trim(), out from!) || string.IsNullOrEmpty(from.Address) || !from.Address.Contains('@', StringComparison.Ordinal))
            throw new ConfigurationProblemException($"{FromKey} is '{fromText}', which is not a mail address: write e.g. \"FoiTracker <foi@example.org>\".");

        return new MailSettings { Domain = domain, From = from, AddressSecret = secret };
    }

    private static byte[] ReadSecret(string? configured, string dataDirectory)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var bytes = Encoding.UTF8.GetBytes(configured.Trim());
            if (bytes.Length < 16)
                throw new ConfigurationProblemException($"{AddressSecretKey} is too short: use at least 16 characters (e.g. from `openssl rand -base64 24`).");
            return bytes;
        }

        var path = Path.Combine(dataDirectory, SecretFileName);
        if (File.Exists(path))
        {
            var stored = File.ReadAllText(path).Trim();
            if (Encoding.UTF8.GetByteCount(stored) < 16)
                throw new ConfigurationProblemException($"The reply-address secret in {path} is shorter than 16 characters: restore it from a backup, or delete it to make a new one (earlier reply addresses stop matching).");
            return Encoding.UTF8.GetBytes(stored);
        }

        var generated = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        // Written beside, then moved: a crash never leaves half a secret behind.
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, generated);
        File.Move(temporary, path, overwrite: false);
        return Encoding.UTF8.GetBytes(File.ReadAllText(path).Trim());
    }
}

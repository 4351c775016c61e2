using System.Globalization;
using FoiTracker.Application.Mail;
using FoiTracker.Infrastructure.Configuration;
using MailKit.Security;
using Microsoft.Extensions.Configuration;

namespace FoiTracker.Infrastructure.Mail.Intake;

/// <summary>
/// The mailbox intake reads (<c>Mail:Imap</c>) and its limits (<c>Mail:Intake</c>). Without a host
/// intake is off: the embedded default needs no mail server.
/// </summary>
public sealed class MailIntakeSettings
{
    public const string Section = "Mail:Imap";
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMinutes(1);

    public string? Host { get; init; }

    public int Port { get; init; }

    public SecureSocketOptions Security { get; init; } = SecureSocketOptions.Auto;

    public string Username { get; init; } = "";

    public string Password { get; init; } = "";

    public string Folder { get; init; } = "INBOX";

    public TimeSpan PollInterval { get; init; } = DefaultPollInterval;

    public MailIntakeLimits Limits { get; init; } = MailIntakeLimits.Default;

    public bool Enabled => !string.IsNullOrWhiteSpace(Host);

    /// <summary>The name positions and messages are recorded under: the account and folder, not the host, so moving servers keeps the history.</summary>
    public string MailboxKey => $"{Username.ToLowerInvariant()}/{Folder}";

    public static MailIntakeSettings Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var imap = configuration.GetSection(Section);
        var host = imap["Host"]?.Trim();
        var security = ReadSecurity(imap["Security"]);
        var limits = new MailIntakeLimits(
            ReadBytes(configuration, "Mail:Intake:MaxMessageBytes", MailIntakeLimits.DefaultMaxMessageBytes),
            ReadBytes(configuration, "Mail:Intake:MaxAttachmentBytes", MailIntakeLimits.DefaultMaxAttachmentBytes));
        var interval = DefaultPollInterval;
        if (imap["PollInterval"] is { Length: > 0 } text
            && (!TimeSpan.TryParse(text.Trim(), CultureInfo.InvariantCulture, out interval) || interval <= TimeSpan.Zero))
            throw new ConfigurationProblemException($"{Section}:PollInterval is '{text}': write a time span above zero as hh:mm:ss, e.g. 00:01:00.");
        var settings = new MailIntakeSettings
        {
            Host = string.IsNullOrEmpty(host) ? null : host,
            Security = security,
            Port = ReadPort(imap["Port"], security),
            Username = imap["Username"]?.Trim() ?? "",
            Password = imap["Password"] ?? "",
            Folder = string.IsNullOrWhiteSpace(imap["Folder"]) ? "INBOX" : imap["Folder"]!.Trim(),
            PollInterval = interval,
            Limits = limits,
        };
        if (settings.Enabled && settings.Username.Length == 0)
            throw new ConfigurationProblemException($"{Section}:Host is set but {Section}:Username is not: give the account intake signs in with.");
        return settings;
    }

    private static SecureSocketOptions ReadSecurity(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => SecureSocketOptions.Auto,
        "none" => SecureSocketOptions.None,
        "starttls" => SecureSocketOptions.StartTls,
        "ssl" or "tls" => SecureSocketOptions.SslOnConnect,
        _ => throw new ConfigurationProblemException($"{Section}:Security is '{text}': use auto, none, starttls or ssl."),
    };

    private static int ReadPort(string? text, SecureSocketOptions security)
    {
        if (string.IsNullOrWhiteSpace(text))
            return security == SecureSocketOptions.SslOnConnect ? 993 : 143;
        return int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and < 65536
            ? port
            : throw new ConfigurationProblemException($"{Section}:Port is '{text}': give a port number from 1 to 65535.");
    }

    private static long ReadBytes(IConfiguration configuration, string key, long fallback)
    {
        var text = configuration[key];
        if (string.IsNullOrWhiteSpace(text))
            return fallback;
        return long.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var bytes) && bytes >= 1024
            ? bytes
            : throw new ConfigurationProblemException($"{key} is '{text}': give a number of bytes of at least 1024, e.g. {fallback}.");
    }
}
